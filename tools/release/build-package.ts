/**
 * Builds a publishable library into its `dist/`: ES modules (`dist/esm`), CommonJS (`dist/cjs`)
 * and declarations (`dist/types`), from `tsconfig.build.json` and `tsconfig.build-cjs.json`.
 *
 *   tsx --tsconfig tsconfig.base.json tools/release/build-package.ts libs/rewards-domain
 *
 * The sources import each other without extensions (`./rules`), as bundlers and the workspace's
 * `moduleResolution: bundler` allow. Node's ES module loader does not: every relative specifier
 * must name its file. So the ESM output and the declarations get their specifiers completed
 * (`./rules.js`, `./schemas/index.js`), and each output folder gets a `package.json` saying which
 * module system its `.js` files use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BuildResult {
  readonly distDir: string;
  /** Relative specifiers completed in the ESM output and the declarations. */
  readonly rewrittenSpecifiers: number;
}

/** `from './x'`, `import './x'`, `import('./x')`, `export * from './x'`, in emitted code. */
const RELATIVE_SPECIFIER =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}(?:\/[^'"]*)?)\2/g;

const filesUnder = (dir: string, suffix: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => path.join(dir, file));

/** The specifier Node can load, for one written without extension. */
const completeSpecifier = (fromFile: string, specifier: string, emittedSuffix: string): string => {
  if (/\.(m|c)?js$|\.json$/.test(specifier)) return specifier;
  const target = path.resolve(path.dirname(fromFile), specifier);
  if (existsSync(`${target}${emittedSuffix}`)) return `${specifier}.js`;
  if (
    existsSync(target) &&
    statSync(target).isDirectory() &&
    existsSync(path.join(target, `index${emittedSuffix}`))
  ) {
    return `${specifier.replace(/\/$/, '')}/index.js`;
  }
  throw new Error(
    `${fromFile}: cannot resolve "${specifier}" to an emitted file (${emittedSuffix}).`,
  );
};

/** Completes every relative specifier of the files in `dir` ending in `suffix`; returns the count. */
export const completeRelativeSpecifiers = (dir: string, suffix: '.js' | '.d.ts'): number => {
  let count = 0;
  for (const file of filesUnder(dir, suffix)) {
    const source = readFileSync(file, 'utf8');
    const rewritten = source.replace(
      RELATIVE_SPECIFIER,
      (match, prefix: string, quote: string, specifier: string) => {
        const completed = completeSpecifier(file, specifier, suffix);
        if (completed === specifier) return match;
        count += 1;
        return `${prefix}${quote}${completed}${quote}`;
      },
    );
    if (rewritten !== source) writeFileSync(file, rewritten);
  }
  return count;
};

const tsc = (workspaceRoot: string, project: string): void => {
  const bin = require.resolve('typescript/bin/tsc', { paths: [workspaceRoot] });
  try {
    execFileSync(process.execPath, [bin, '-p', project], {
      cwd: workspaceRoot,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${project} failed:\n${stdout}${stderr}`);
  }
};

/** Builds the library at `projectDir` (relative to `workspaceRoot` or absolute). */
export const buildPackage = (projectDir: string, workspaceRoot = process.cwd()): BuildResult => {
  const root = path.resolve(workspaceRoot, projectDir);
  const distDir = path.join(root, 'dist');
  rmSync(distDir, { recursive: true, force: true });

  tsc(workspaceRoot, path.join(root, 'tsconfig.build.json'));
  tsc(workspaceRoot, path.join(root, 'tsconfig.build-cjs.json'));

  const rewrittenSpecifiers =
    completeRelativeSpecifiers(path.join(distDir, 'esm'), '.js') +
    completeRelativeSpecifiers(path.join(distDir, 'types'), '.d.ts');

  writeFileSync(
    path.join(distDir, 'esm', 'package.json'),
    `${JSON.stringify({ type: 'module' })}\n`,
  );
  writeFileSync(
    path.join(distDir, 'cjs', 'package.json'),
    `${JSON.stringify({ type: 'commonjs' })}\n`,
  );
  return { distDir, rewrittenSpecifiers };
};

if (require.main === module) {
  const [projectDir] = process.argv.slice(2);
  if (!projectDir) {
    console.error(
      'Usage: tsx tools/release/build-package.ts <library folder, e.g. libs/rewards-domain>',
    );
    process.exitCode = 1;
  } else {
    try {
      const { distDir, rewrittenSpecifiers } = buildPackage(projectDir);
      console.log(
        `Built ${path.relative(process.cwd(), distDir)} (esm, cjs, types; ${rewrittenSpecifiers} specifiers completed)`,
      );
    } catch (error) {
      console.error((error as Error).message);
      process.exitCode = 1;
    }
  }
}
