/**
 * `npm run deploy-plan -- --base <sha> [--head <sha>]`: what a push deploys. It prints the plan,
 * and as its last line the JSON `{"functions": [...], "stacks": [...]}` that `deploy.yml` reads:
 * the function stacks (named as the functions) and the shared stacks by name without the stage
 * (`data`, `api`, `deploy-role`, `dashboard`, in the order they deploy).
 *
 * - A function is deployed when a file its bundle is built from changed: what its entry point
 *   imports (its code and the libs it uses, followed through the workspace's path aliases, read
 *   at `head`) and its build settings; when the code of the function stack changed; or, for an
 *   HTTP function, when its pre-traffic hook did. Tests, READMEs and test-only imports (a lib's
 *   `./testing` entry used by tests) are not in a bundle, so they deploy nothing.
 * - A shared stack is deployed when a file its code imports changed (the import graph of its
 *   `infra/src/stacks/<name>.stack.ts`, read at `head`), or the stage wiring and config did.
 * - The dashboard also when its page changed: what `src/main.tsx` and its build script import,
 *   and the page's other files (HTML, CSS) — never its browser tests or their helpers.
 * - A deployed API also redeploys what resolves its ids and endpoint from SSM at deploy time:
 *   the dashboard and the HTTP functions.
 * - Anything else (docs, workflows, tools, tests) deploys nothing.
 */
import { execFileSync } from 'node:child_process';
import { FUNCTIONS } from '@peer-rewards/platform-manifest';
import { checkRevisions, runOnRange, type AffectedOptions } from './affected-functions';
import { importClosure, type ReadFile } from './import-closure';

export const SHARED_STACKS = ['data', 'api', 'deploy-role', 'dashboard'] as const;
export type SharedStack = (typeof SHARED_STACKS)[number];

export interface DeployPlan {
  readonly functions: string[];
  readonly stacks: SharedStack[];
}

const STACK_DIR = 'infra/src/stacks';
const HOOK_PROJECT = 'pre-traffic-fn';
const DASHBOARD_PROJECT = 'dashboard';

/** What every stack of a stage is built from besides its own code. */
const WIRING_FILES = [
  'infra/bin/app.ts',
  'infra/src/stage.ts',
  'infra/cdk.json',
  'infra/package.json',
  'package-lock.json',
  'tsconfig.base.json',
];
const STAGE_CONFIG = 'infra/src/config/stages.ts';

/**
 * What every bundle is built with besides its sources: nx.json holds the bundle settings, which
 * alias `node:stream/web` to the lazy module beside the packager.
 */
const BUILD_FILES = [
  'nx.json',
  'package-lock.json',
  'tsconfig.base.json',
  'tools/build/package-function.ts',
  'tools/build/lazy-stream-web.cjs',
  'libs/lambda-events/src/artifact.ts',
];
const TEST_FILE = /(\.test\.tsx?$|\/test\/|\/browser-support\/|README\.md$|jest\.config\.cjs$)/;

/** The files the deployable of an app is built from: its entry's import closure and settings. */
const sourcesOf = (app: string, entries: readonly string[], read: ReadFile, tree: Set<string>) => {
  const own = [...tree].filter((file) => file.startsWith(`${app}/`) && !TEST_FILE.test(file));
  const configs = own.filter((file) => !/\.tsx?$/.test(file));
  return new Set([...importClosure(entries, read), ...configs, ...BUILD_FILES]);
};

const HTTP_FUNCTIONS = FUNCTIONS.filter((fn) => fn.kind === 'http').map((fn) => fn.name);
const ALL_FUNCTIONS = FUNCTIONS.map((fn) => fn.name);

/** The deploy plan of the commits between `base` and `head`. */
export const deployPlan = (options: AffectedOptions): DeployPlan => {
  const { base, head = 'HEAD', cwd = process.cwd() } = options;
  checkRevisions({ base, head });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const changed = new Set(
    git('diff', '--name-only', '--no-renames', base, head).split('\n').filter(Boolean),
  );
  const tree = new Set(git('ls-tree', '-r', '--name-only', head).split('\n').filter(Boolean));
  const contents = new Map<string, string | undefined>();
  const read: ReadFile = (file) => {
    if (!contents.has(file)) {
      contents.set(file, tree.has(file) ? git('show', `${head}:${file}`) : undefined);
    }
    return contents.get(file);
  };
  const touches = (files: Iterable<string>) => [...files].some((file) => changed.has(file));

  const wiring = touches(WIRING_FILES) || touches(importClosure([STAGE_CONFIG], read));
  const stackChanged = (name: string) =>
    wiring || touches(importClosure([`${STACK_DIR}/${name}.stack.ts`], read));

  const appChanged = (name: string, entries: readonly string[]) =>
    touches(sourcesOf(`apps/${name}`, entries, read, tree));
  const functions = new Set(
    ALL_FUNCTIONS.filter((fn) => appChanged(fn, [`apps/${fn}/src/index.ts`])),
  );
  const stacks = new Set(SHARED_STACKS.filter((stack) => stackChanged(stack)));
  if (stackChanged('function')) for (const fn of ALL_FUNCTIONS) functions.add(fn);
  if (appChanged(HOOK_PROJECT, [`apps/${HOOK_PROJECT}/src/index.ts`])) {
    for (const fn of HTTP_FUNCTIONS) functions.add(fn);
  }
  const dashboardEntries = ['src/main.tsx', 'build.ts'].map(
    (f) => `apps/${DASHBOARD_PROJECT}/${f}`,
  );
  if (appChanged(DASHBOARD_PROJECT, dashboardEntries)) stacks.add('dashboard');
  if (stacks.has('api')) {
    stacks.add('dashboard');
    for (const fn of HTTP_FUNCTIONS) functions.add(fn);
  }
  return {
    functions: ALL_FUNCTIONS.filter((fn) => functions.has(fn)).sort(),
    stacks: SHARED_STACKS.filter((stack) => stacks.has(stack)),
  };
};

const printPlan = (plan: DeployPlan): void => {
  const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : 'none');
  console.log(`shared stacks first: ${list(plan.stacks.filter((s) => s !== 'dashboard'))}`);
  console.log(`then functions, each dev → prod: ${list(plan.functions)}`);
  console.log(`then the dashboard: ${plan.stacks.includes('dashboard') ? 'yes' : 'no'}`);
  console.log(JSON.stringify(plan));
};

if (require.main === module) {
  process.exitCode = runOnRange('deploy-plan', process.argv.slice(2), (range) =>
    printPlan(deployPlan(range)),
  );
}
