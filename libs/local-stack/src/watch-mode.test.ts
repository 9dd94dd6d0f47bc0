import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleHash } from './watch-mode';

describe('bundleHash', () => {
  let dist: string;
  beforeEach(() => {
    dist = mkdtempSync(path.join(tmpdir(), 'watch-hash-'));
  });
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    writeFileSync(path.join(dist, file), text);
  };

  it('changes when a file beside index.js changes, not when nothing does', () => {
    // Arrange
    write('rewards-fn/index.js', 'exports.handler = async () => 1;');
    write('rewards-fn/openapi.json', '{"openapi":"3.1.0"}');
    const first = bundleHash(dist, 'rewards-fn');

    // Act
    const unchanged = bundleHash(dist, 'rewards-fn');
    write('rewards-fn/openapi.json', '{"openapi":"3.1.0","info":{}}');
    const documentChanged = bundleHash(dist, 'rewards-fn');

    // Assert
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(unchanged).toBe(first);
    expect(documentChanged).not.toBe(first);
  });

  it('is null for a function that is not built', () => {
    write('users-fn/openapi.json', '{}');
    expect(bundleHash(dist, 'users-fn')).toBeNull();
    expect(bundleHash(dist, 'slack-fn')).toBeNull();
  });
});
