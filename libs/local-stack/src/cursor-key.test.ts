import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cursorKeyFile, loadOrCreateCursorKey } from './cursor-key';

describe('loadOrCreateCursorKey', () => {
  it('generates the key into the data folder on first start and keeps it', () => {
    // Arrange
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cursor-key-'));
    // Act
    const first = loadOrCreateCursorKey(dataDir);
    const again = loadOrCreateCursorKey(dataDir);
    const mode = statSync(cursorKeyFile(dataDir)).mode & 0o777;
    rmSync(dataDir, { recursive: true, force: true });
    // Assert
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect(again).toBe(first);
    expect(mode).toBe(0o600);
  });

  it('makes a new key per process when nothing is kept on disk', () => {
    // Act
    const keys = new Set([loadOrCreateCursorKey(), loadOrCreateCursorKey()]);
    // Assert
    expect(keys.size).toBe(2);
  });
});
