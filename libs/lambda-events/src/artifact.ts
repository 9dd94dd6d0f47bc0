/**
 * Reading and packaging a built function folder (`dist/apps/<fn>/`). The zip is deterministic —
 * same files in, same bytes out — so its SHA-256 changes only when the code does, and Lambda's
 * `CodeSha256` can tell a real change from a rebuild.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** Lambda's own default for zipped code; the pipeline's budget per function is far below it. */
export const BUDGET_BYTES = 256 * 1024;

/**
 * Local times as fields, so the DOS timestamp written into the zip is 1980-01-01 00:00 in every
 * time zone (the zip format stores local wall-clock fields, and 1980 is its earliest date).
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
/** Regular file, rw-r--r--: Lambda unpacks as a different user, so files must be world-readable. */
const FILE_ATTRS = (0o100644 << 16) >>> 0;
const UNIX = 3;

/** Build by-products that are not code the function runs. */
const isPackaged = (relativePath: string): boolean => path.basename(relativePath) !== 'meta.json';

export interface ArtifactFile {
  /** Path inside the artifact, `/`-separated. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Every file of a built function folder, sorted by path. Throws when the folder is missing. */
export const readArtifactFiles = (dir: string): ArtifactFile[] => {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${dir} does not exist: build the function first.`);
  }
  const files: ArtifactFile[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && isPackaged(child)) {
        files.push({ path: child, bytes: readFileSync(path.join(dir, child)) });
      }
    }
  };
  walk('');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
};

/** A zip of the files with fixed timestamps and permissions, entries sorted, deflate level 9. */
export const deterministicZip = (files: readonly ArtifactFile[]): Uint8Array => {
  const entries: Zippable = {};
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    entries[file.path] = [
      file.bytes,
      { mtime: FIXED_MTIME, os: UNIX, attrs: FILE_ATTRS, level: 9 },
    ];
  }
  return zipSync(entries, { mtime: FIXED_MTIME, os: UNIX, attrs: FILE_ATTRS, level: 9 });
};

export interface Sha256 {
  readonly hex: string;
  /** What Lambda reports as `CodeSha256`. */
  readonly base64: string;
}

export const sha256 = (bytes: Uint8Array): Sha256 => {
  const digest = createHash('sha256').update(bytes).digest();
  return { hex: digest.toString('hex'), base64: digest.toString('base64') };
};

/** The text of `<fn>.zip.sha256`: one `name: value` line per encoding. */
export const formatSha256File = (digest: Sha256): string =>
  `hex: ${digest.hex}\nbase64: ${digest.base64}\n`;

export const parseSha256File = (text: string): Sha256 => {
  const hex = /^hex: ([0-9a-f]{64})$/m.exec(text)?.[1];
  const base64 = /^base64: ([A-Za-z0-9+/]{43}=)$/m.exec(text)?.[1];
  if (!hex || !base64)
    throw new Error('Not a .zip.sha256 file: expected "hex: …" and "base64: …" lines.');
  return { hex, base64 };
};

export const rawSize = (files: readonly ArtifactFile[]): number =>
  files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
