/**
 * `npm run affected-functions -- --base <sha> [--head <sha>]`: prints, as a JSON array, the
 * deployable functions a range of commits affects. Nx decides what is affected from the project
 * graph, so a change in a lib (say `libs/rewards-domain`) reaches every function importing it,
 * and a change outside every project (`README.md`, `docs/**`) reaches none.
 *
 * `--head` defaults to `HEAD`: only committed changes count, because only they get deployed.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

/** The Nx tag every deployable function project carries. */
export const FUNCTION_TAG = 'type:function';

export interface AffectedOptions {
  readonly base: string;
  readonly head?: string;
  /** The workspace root (where `nx.json` is); the current directory by default. */
  readonly cwd?: string;
}

const SHA_OR_REF = /^[\w./~^@{}-]+$/;

/** Fails on anything but a git revision, before it reaches a command line. */
export const checkRevisions = (revisions: Readonly<Record<string, string>>): void => {
  for (const [name, value] of Object.entries(revisions)) {
    if (!SHA_OR_REF.test(value)) throw new Error(`--${name} is not a git revision: "${value}".`);
  }
};

/** The names of the function projects affected between `base` and `head`, sorted. */
export const affectedFunctions = (options: AffectedOptions): string[] =>
  affectedProjects(options, `tag:${FUNCTION_TAG}`);

/** The Nx projects affected between `base` and `head` (all, or those `filter` selects), sorted. */
export const affectedProjects = (
  { base, head = 'HEAD', cwd = process.cwd() }: AffectedOptions,
  filter?: string,
): string[] => {
  checkRevisions({ base, head });
  const nx = require.resolve('nx/bin/nx.js', { paths: [cwd, __dirname] });
  const output = execFileSync(
    process.execPath,
    [
      nx,
      'show',
      'projects',
      '--affected',
      `--base=${base}`,
      `--head=${head}`,
      ...(filter ? [`--projects=${filter}`] : []),
      '--json',
    ],
    {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const parsed: unknown = JSON.parse(output.slice(output.indexOf('[')));
  if (!Array.isArray(parsed) || !parsed.every((name) => typeof name === 'string')) {
    throw new Error(`nx show projects printed something other than a list of names: ${output}`);
  }
  return [...parsed].sort();
};

/**
 * The command line of a tool over a range of commits (`--base <sha> [--head <sha>]`): prints the
 * usage without a base, and a failure (with the stderr of the command that failed) as one message.
 */
export const runOnRange = (
  command: string,
  argv: readonly string[],
  run: (range: { base: string; head?: string }) => void,
): number => {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { base: { type: 'string' }, head: { type: 'string' } },
      strict: true,
    });
    if (!values.base) {
      console.error(`Usage: npm run ${command} -- --base <sha> [--head <sha>]`);
      return 1;
    }
    run({ base: values.base, ...(values.head ? { head: values.head } : {}) });
    return 0;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    console.error(`${command} failed: ${(error as Error).message}${stderr ? `\n${stderr}` : ''}`);
    return 1;
  }
};

if (require.main === module) {
  process.exitCode = runOnRange('affected-functions', process.argv.slice(2), (range) => {
    console.log(JSON.stringify(affectedFunctions(range)));
  });
}
