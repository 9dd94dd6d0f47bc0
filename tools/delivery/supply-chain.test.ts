/**
 * The supply-chain rules a reviewer would otherwise have to remember: a dependency that runs
 * code at install time is a decision written down in package.json's `allowScripts` (true: its
 * script is needed, false: reviewed, not needed), and every pull request audits the
 * dependencies and fails on a high or critical advisory.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const readJson = <T>(file: string): T =>
  JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;

interface LockFile {
  readonly packages: Readonly<Record<string, { readonly hasInstallScript?: boolean }>>;
}

/** `node_modules/a/node_modules/@b/c` → `@b/c`. */
const packageName = (lockPath: string): string => lockPath.split('node_modules/').at(-1) ?? '';

describe('supply chain', () => {
  it('lists every dependency with an install script in allowScripts', () => {
    // Arrange
    const lock = readJson<LockFile>('package-lock.json');
    const { allowScripts } = readJson<{ allowScripts: Record<string, boolean> }>('package.json');

    // Act
    const withScripts = Object.entries(lock.packages)
      .filter(([lockPath, entry]) => lockPath.includes('node_modules/') && entry.hasInstallScript)
      .map(([lockPath]) => packageName(lockPath));
    const unlisted = [...new Set(withScripts)].filter((name) => !(name in allowScripts));

    // Assert
    expect(unlisted).toEqual([]);
    expect(withScripts.length).toBeGreaterThan(0);
  });

  it('fails a pull request on a high or critical advisory', () => {
    // Arrange
    const ci = readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8');

    // Act
    const job = /\n {2}audit:\n((?: {4}.*\n|\n)+)/.exec(ci)?.[1] ?? '';

    // Assert: the step runs on every pull request and its failure fails the check.
    expect(job).toMatch(/^ {6}- run: npm audit --audit-level=high$/m);
    expect(job).not.toMatch(/continue-on-error|^ {4}if:/m);
  });
});
