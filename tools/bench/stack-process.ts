/**
 * `npm start` in a process of its own, for the benchmarks: the load generator (or the counter)
 * must not share the stack's event loop. Resolves once the stack's `local-stack.json` answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findRunningStack, type StackFile } from '@peer-rewards/local-stack';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface StackProcessOptions {
  /** Where the stack keeps its issuer key and `local-stack.json`. */
  readonly dataDir: string;
  /** Built functions other than `dist/apps`. */
  readonly distDir?: string;
  /** A DynamoDB to use instead of starting an in-memory DynamoDB Local. */
  readonly dynamodbEndpoint?: string;
  /** Per-request log lines (START/END/REPORT) on the child's stdout; quiet by default. */
  readonly verbose?: boolean;
  /** Called with each line the stack prints when verbose. */
  readonly onLine?: (line: string) => void;
  /** `LOG_LEVEL` of the functions (default `warn`: no access log lines). */
  readonly logLevel?: string;
}

export interface StackProcess {
  readonly child: ChildProcess;
  readonly stack: StackFile;
}

/** Starts `npm start --no-build` with allowances no benchmark runs out of. */
export const startStackProcess = async (options: StackProcessOptions): Promise<StackProcess> => {
  const args = [
    // STACK_CPU_PROF=<folder>: a CPU profile of the stack and its functions, written on exit.
    ...(process.env.STACK_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.STACK_CPU_PROF)}`]
      : []),
    '--import',
    'tsx',
    path.join(REPO_ROOT, 'libs/local-stack/src/start.ts'),
    '--in-memory',
    '--no-build',
    ...(options.verbose ? [] : ['--quiet']),
    '--port',
    '0',
    '--data-dir',
    options.dataDir,
    // Givers must not run out of allowance during a run: the point is throughput.
    '--function-env',
    'MONTHLY_ALLOWANCE=100000000',
    '--function-env',
    `LOG_LEVEL=${options.logLevel ?? 'warn'}`,
    ...(options.distDir ? ['--dist', options.distDir] : []),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.base.json'),
  };
  if (options.dynamodbEndpoint) env.DYNAMODB_ENDPOINT = options.dynamodbEndpoint;
  else delete env.DYNAMODB_ENDPOINT;
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', options.verbose ? 'pipe' : 'ignore', 'inherit'],
    env,
  });
  if (options.verbose && child.stdout) {
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line);
    });
  }
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the local stack exited with code ${child.exitCode}.`);
    const stack = await findRunningStack(options.dataDir);
    if (stack) return { child, stack };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGINT');
  throw new Error('the local stack did not start within 120 s.');
};

/** Stops the stack with Ctrl-C, as a developer would, and waits for it to exit. */
export const stopStackProcess = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
