import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildDashboard,
  JS_BUDGET_GZIP_BYTES,
  sizeReport,
  type DashboardBuild,
} from './build-dashboard';

describe('buildDashboard', () => {
  let outdir: string;
  let built: DashboardBuild;

  beforeAll(async () => {
    outdir = await mkdtemp(path.join(tmpdir(), 'dashboard-build-'));
    built = await buildDashboard({ outdir });
  }, 60_000);

  afterAll(async () => {
    await rm(outdir, { recursive: true, force: true });
  });

  it('keeps the JavaScript within 60 KB gzipped', () => {
    expect(built.js.gzipBytes).toBeGreaterThan(0);
    expect(built.js.gzipBytes).toBeLessThanOrEqual(JS_BUDGET_GZIP_BYTES);
  });

  it('bundles preact and nothing else from npm (no zod or SDK in the page)', () => {
    expect(built.packages).toEqual(['preact']);
  });

  it('writes hashed assets and an index.html that names them', async () => {
    // Act
    const files = (await readdir(outdir)).sort();

    // Assert
    expect(files).toEqual([built.css.file, built.js.file, 'index.html'].sort());
    expect(built.js.file).toMatch(/^app-[A-Z0-9]{8}\.js$/);
    expect(built.css.file).toMatch(/^app-[A-Z0-9]{8}\.css$/);
    expect(built.html).toContain(`<script type="module" src="${built.js.file}"></script>`);
    expect(built.html).toContain(`<link rel="stylesheet" href="${built.css.file}" />`);
    expect(built.html).not.toContain('%APP_');
  });

  it('prints each asset with its gzipped size', () => {
    expect(sizeReport(built)).toMatch(
      /app-\w+\.js {2}[\d.]+ KB {2}\([\d.]+ KB gzipped, budget 60\.0 KB\)/,
    );
  });
});
