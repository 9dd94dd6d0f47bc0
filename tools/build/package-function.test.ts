import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { parseSha256File, sha256 } from '@peer-rewards/lambda-events';
import { describePackage, packageFunction } from './package-function';

describe('packageFunction', () => {
  let distDir: string;

  beforeEach(() => {
    distDir = mkdtempSync(path.join(tmpdir(), 'package-function-'));
    mkdirSync(path.join(distDir, 'users-fn', 'lib'), { recursive: true });
    writeFileSync(
      path.join(distDir, 'users-fn', 'index.js'),
      'exports.handler = async () => ({ statusCode: 200 });\n',
    );
    writeFileSync(path.join(distDir, 'users-fn', 'lib', 'data.json'), '{"a":1}\n');
    writeFileSync(path.join(distDir, 'users-fn', 'meta.json'), '{"inputs":{}}');
  });

  afterEach(() => rmSync(distDir, { recursive: true, force: true }));

  it('zips the folder with sorted entries and leaves the build metafile out', () => {
    // Act
    const packaged = packageFunction('users-fn', distDir);

    // Assert
    const entries = unzipSync(readFileSync(packaged.zipFile));
    expect(Object.keys(entries)).toEqual(['index.js', 'lib/data.json']);
    expect(Buffer.from(entries['lib/data.json']).toString()).toBe('{"a":1}\n');
    expect(packaged.rawBytes).toBe(61);
  });

  it('writes the same bytes on every build of the same code', () => {
    // Arrange
    const first = readFileSync(packageFunction('users-fn', distDir).zipFile);
    writeFileSync(
      path.join(distDir, 'users-fn', 'index.js'),
      readFileSync(path.join(distDir, 'users-fn', 'index.js')),
    );

    // Act
    const second = readFileSync(packageFunction('users-fn', distDir).zipFile);

    // Assert
    expect(Buffer.compare(first, second)).toBe(0);
  });

  it('writes the SHA-256 of the zip as hex and as the base64 Lambda reports', () => {
    // Act
    const packaged = packageFunction('users-fn', distDir);

    // Assert
    const written = parseSha256File(readFileSync(`${packaged.zipFile}.sha256`, 'utf8'));
    const actual = sha256(readFileSync(packaged.zipFile));
    expect(written).toEqual(actual);
    expect(Buffer.from(written.base64, 'base64').toString('hex')).toBe(written.hex);
    expect(describePackage(packaged)).toBe(
      `users-fn: 61 bytes, ${packaged.zippedBytes} bytes zipped, sha256 ${actual.hex}`,
    );
  });

  it('says what to do when the function is not built', () => {
    expect(() => packageFunction('rewards-fn', distDir)).toThrow(
      /rewards-fn does not exist: build the function first/,
    );
  });
});
