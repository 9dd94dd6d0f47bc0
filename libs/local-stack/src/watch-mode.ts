/** `npm start -- --watch`: rebuild on changes under apps/ and libs/, reload the changed functions. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { REPO_ROOT } from './app-version';
import { buildProjects, existingProjects } from './build-functions';
import type { LocalStack } from './local-stack';
import type { StartArgs } from './start';

/**
 * What a function's build folder holds, as one hash: `index.js` and every file beside it (the
 * OpenAPI document rewards-fn reads at run time), so a change of either publishes a version.
 */
export const bundleHash = (distDir: string, name: string): string | null => {
  const dir = path.join(distDir, name);
  if (!existsSync(path.join(dir, 'index.js'))) return null;
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((found) => found.isFile())
    .map((found) => path.relative(dir, path.join(found.parentPath, found.name)))
    .sort()) {
    hash
      .update(`${entry}\0`)
      .update(readFileSync(path.join(dir, entry)))
      .update('\0');
  }
  return hash.digest('hex');
};

export const startWatching = (
  stack: LocalStack,
  args: StartArgs,
  log: (line: string) => void,
): FSWatcher[] => {
  let timer: NodeJS.Timeout | null = null;
  let building = false;
  let again = false;
  const rebuild = async () => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    const before = new Map(FUNCTION_NAMES.map((name) => [name, bundleHash(args.distDir, name)]));
    log('[watch] change detected: rebuilding…');
    const code = await buildProjects(existingProjects(), log);
    if (code !== 0) log('[watch] the build failed: still serving the previous bundles.');
    const changed = FUNCTION_NAMES.filter(
      (name) => bundleHash(args.distDir, name) !== before.get(name),
    );
    if (changed.length > 0) {
      for (const deployed of stack.reload(changed)) {
        log(
          `[watch] ${deployed.function}: published version ${deployed.version}, live → ${deployed.version} at once; the next request is a cold start.`,
        );
      }
    } else if (code === 0) {
      log('[watch] no function bundle changed.');
    }
    building = false;
    if (again) {
      again = false;
      void rebuild();
    }
  };
  return ['apps', 'libs']
    .map((dir) => path.join(REPO_ROOT, dir))
    .filter((dir) => existsSync(dir))
    .map((dir) =>
      watch(dir, { recursive: true }, (_event, file) => {
        const name = String(file ?? '');
        if (/(^|\/)(node_modules|dist|\.nx|coverage)(\/|$)/.test(name) || name.endsWith('.test.ts'))
          return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void rebuild(), 300);
      }),
    );
};
