/**
 * The key the local functions sign their cursors with, as the stage's secret does in AWS:
 * generated into `<dataDir>/cursor-signing-key` on first start and kept, so cursors survive a
 * restart and `npm run invoke` signs like the running stack; one of the process's own when the
 * stack keeps nothing on disk (`--in-memory`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const KEY_BYTES = 32;

export const cursorKeyFile = (dataDir: string): string => path.join(dataDir, 'cursor-signing-key');

const newKey = () => randomBytes(KEY_BYTES).toString('base64url');

export const loadOrCreateCursorKey = (dataDir?: string): string => {
  if (!dataDir) return newKey();
  const file = cursorKeyFile(dataDir);
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (Buffer.byteLength(key) < KEY_BYTES) {
      throw new Error(`${file} is too short for a signing key: delete it and a new one is made.`);
    }
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = newKey();
  // Written aside and renamed, so a concurrent `npm run invoke` never reads half a key.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${key}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return key;
};
