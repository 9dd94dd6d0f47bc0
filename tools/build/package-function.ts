/**
 * `package-function <fn>`: zips `dist/apps/<fn>/` into `dist/apps/<fn>.zip` (deterministic) and
 * writes `dist/apps/<fn>.zip.sha256`. Each function's `build` target runs it after esbuild.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  deterministicZip,
  formatSha256File,
  rawSize,
  readArtifactFiles,
  sha256,
  type Sha256,
} from '@peer-rewards/lambda-events';

export const DEFAULT_DIST_DIR = path.resolve(__dirname, '../../dist/apps');

export interface PackagedFunction {
  readonly name: string;
  readonly zipFile: string;
  readonly rawBytes: number;
  readonly zippedBytes: number;
  readonly sha256: Sha256;
}

export const packageFunction = (name: string, distDir = DEFAULT_DIST_DIR): PackagedFunction => {
  const files = readArtifactFiles(path.join(distDir, name));
  if (files.length === 0)
    throw new Error(`${path.join(distDir, name)} is empty: build the function first.`);
  const zip = deterministicZip(files);
  const digest = sha256(zip);
  const zipFile = path.join(distDir, `${name}.zip`);
  writeFileSync(zipFile, zip);
  writeFileSync(`${zipFile}.sha256`, formatSha256File(digest));
  return { name, zipFile, rawBytes: rawSize(files), zippedBytes: zip.byteLength, sha256: digest };
};

export const describePackage = (packaged: PackagedFunction): string =>
  `${packaged.name}: ${packaged.rawBytes} bytes, ${packaged.zippedBytes} bytes zipped, sha256 ${packaged.sha256.hex}`;

const main = (argv: readonly string[]): number => {
  const [name, ...rest] = argv;
  if (!name || name.startsWith('-')) {
    console.error('usage: package-function <function-name> [--dist <dist/apps folder>]');
    return 2;
  }
  const distIndex = rest.indexOf('--dist');
  const distDir =
    distIndex >= 0 && rest[distIndex + 1] ? path.resolve(rest[distIndex + 1]) : DEFAULT_DIST_DIR;
  try {
    console.log(describePackage(packageFunction(name, distDir)));
    return 0;
  } catch (error) {
    console.error(`package-function: ${(error as Error).message}`);
    return 1;
  }
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
