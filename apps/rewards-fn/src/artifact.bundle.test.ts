/**
 * The deploy artifact (`dist/apps/rewards-fn.zip`) holds what the function reads at runtime: the
 * bundle and the OpenAPI document the build wrote beside it. Run from the unpacked zip, as
 * Lambda runs it, it serves the document generated for its version and rules, byte for byte.
 * Needs `npm run build` (which `npm test` runs first).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { createRules } from '@peer-rewards/rewards-domain';
import { ENV } from '@peer-rewards/platform-manifest';
import { DIST_DIR, bundleEnv, invokeBundle } from '../test/invoke-bundle';
import { buildOpenApiDocument } from './openapi';
import { OPENAPI_FILE } from './openapi-document';
import { builtOpenApiDocument } from './write-openapi-document';

const ZIP = path.join(DIST_DIR, 'rewards-fn.zip');

describe('the rewards-fn artifact', () => {
  let unpacked: string;
  let entries: Record<string, Uint8Array>;

  beforeAll(() => {
    if (!existsSync(ZIP)) throw new Error(`${ZIP} is missing: run npm run build first.`);
    entries = unzipSync(readFileSync(ZIP));
    unpacked = mkdtempSync(path.join(tmpdir(), 'rewards-fn-artifact-'));
    for (const [name, bytes] of Object.entries(entries)) {
      mkdirSync(path.dirname(path.join(unpacked, name)), { recursive: true });
      writeFileSync(path.join(unpacked, name), bytes);
    }
  });

  afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

  it('holds the bundle and the OpenAPI document of the current schemas', () => {
    // Assert
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['index.js', OPENAPI_FILE]));
    expect(Buffer.from(entries[OPENAPI_FILE]).toString('utf8')).toBe(builtOpenApiDocument());
  });

  it('serves the document generated for its version and rules, unpacked as Lambda runs it', async () => {
    // Arrange
    const env = {
      ...(await bundleEnv()),
      [ENV.version]: '4.5.6',
      [ENV.monthlyAllowance]: '40',
    };
    // Act
    const { response } = invokeBundle(
      { method: 'GET', path: '/openapi.json' },
      env,
      path.join(unpacked, 'index.js'),
    );
    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(
      JSON.stringify(buildOpenApiDocument('4.5.6', createRules({ monthlyAllowance: 40 }))),
    );
  });
});
