/**
 * The code of a function as Lambda sees it: the deterministic zip of its built folder, its size
 * and its `CodeSha256` (base64 SHA-256 of the zip, the same bytes `npm run build` writes to
 * `dist/apps/<fn>.zip`), and the immutable copy a published version keeps.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  deterministicZip,
  readArtifactFiles,
  sha256,
  type ArtifactFile,
} from '@peer-rewards/lambda-events';

export interface FunctionCode {
  /** Base64 SHA-256 of the zip, as Lambda reports `CodeSha256`. */
  readonly sha256: string;
  /** Bytes of the zip, as Lambda reports `CodeSize`. */
  readonly size: number;
  readonly files: readonly ArtifactFile[];
}

/** Paths, sizes and modification times: what must stay equal for the zip to stay equal. */
const fingerprintOf = (dir: string): string => {
  const parts: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) {
        const stat = statSync(path.join(dir, child));
        parts.push(`${child}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk('');
  return parts.sort().join('|');
};

/** Reads and hashes a code folder, reusing the last result while no file in it changed. */
export class CodeReader {
  private cached: { fingerprint: string; code: FunctionCode } | null = null;

  constructor(private readonly dir: string) {}

  /** The folder's code, or null when it holds no build. */
  read(): FunctionCode | null {
    if (!statSync(this.dir, { throwIfNoEntry: false })?.isDirectory()) return null;
    const fingerprint = fingerprintOf(this.dir);
    if (this.cached?.fingerprint !== fingerprint) {
      const files = readArtifactFiles(this.dir);
      if (files.length === 0) return null;
      const zip = deterministicZip(files);
      this.cached = {
        fingerprint,
        code: { sha256: sha256(zip).base64, size: zip.byteLength, files },
      };
    }
    return this.cached.code;
  }
}

/** Writes exactly the files that were hashed into `dir`: a published version's own copy. */
export const writeSnapshot = (code: FunctionCode, dir: string): void => {
  for (const file of code.files) {
    const target = path.join(dir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
  }
};
