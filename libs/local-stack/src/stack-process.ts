/**
 * `npm start` as a child process, watched from outside as an operator or a process manager sees
 * it: its output, its pids, the JVM of its DynamoDB Local, its health. The lifecycle, fuzz and
 * fault-injection tests drive the stack through this, not through `startLocalStack` in-process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './app-version';
import { createLocalIssuer, type LocalIssuer, type TokenOptions } from './local-issuer';
import { isProcessAlive, readStackFile } from './stack-file';

export interface StackProcessOptions {
  /** Port of the API (pick one with `freePort()`). */
  readonly port: number;
  /** Data folder of this stack (`--data-dir`): its database, issuer key and stack file. */
  readonly dataDir: string;
  /** `--dynamodb-port`; default a free port chosen by the stack. */
  readonly dynamodbPort?: number;
  /** More options of `npm start` (`--in-memory`, `--function-env K=V`, …). */
  readonly args?: readonly string[];
  /** Environment on top of this process's (without its DYNAMODB_ENDPOINT unless given here). */
  readonly env?: Readonly<Record<string, string>>;
  /** `npm`: `npm start`, as a developer or a process manager runs it; `node`: its entry, run.cjs. */
  readonly via?: 'npm' | 'node';
}

export interface StackProcess {
  /** The process spawned: `npm` or `node tools/bin/run.cjs`. */
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the stack printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves when the spawned process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The pid of the stack itself (start.ts), from its stack file once it has started. */
  stackPid(): number | undefined;
  /** Resolves at the first 200 from `/health`; rejects when the process exits or `timeoutMs` passes. */
  waitUntilHealthy(timeoutMs?: number, pollMs?: number): Promise<void>;
  /** A token of this stack's issuer (call after it is healthy: the stack creates the key). */
  tokenFor(username: string, options?: TokenOptions): string;
  /** SIGTERM, then SIGKILL when it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pids of DynamoDB Local JVMs listening on `port` (`-port <n>` on their command line). */
export const dynamoDbLocalPids = (port: number): number[] => {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(` -port ${port} `))
    .map((line) => Number.parseInt(line.trim(), 10))
    .filter((pid) => Number.isInteger(pid));
};

export const spawnStack = (options: StackProcessOptions): StackProcess => {
  const args = [
    '--no-build',
    '--port',
    String(options.port),
    '--data-dir',
    options.dataDir,
    ...(options.dynamodbPort ? ['--dynamodb-port', String(options.dynamodbPort)] : []),
    ...(options.args ?? []),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.DYNAMODB_ENDPOINT) delete env.DYNAMODB_ENDPOINT;
  const child =
    options.via === 'npm'
      ? spawn('npm', ['start', '--', ...args], { cwd: REPO_ROOT, env, stdio: 'pipe' })
      : spawn(
          process.execPath,
          [path.join(REPO_ROOT, 'tools/bin/run.cjs'), 'libs/local-stack/src/start.ts', ...args],
          { cwd: REPO_ROOT, env, stdio: 'pipe' },
        );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const url = `http://127.0.0.1:${options.port}`;
  let issuer: LocalIssuer | undefined;

  return {
    child,
    url,
    output: () => output,
    exited,
    stackPid: () => readStackFile(options.dataDir)?.pid,
    async waitUntilHealthy(timeoutMs = 120_000, pollMs = 10) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (done) throw new Error(`the stack exited before it was healthy:\n${output}`);
        const status = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) }).then(
          (response) => response.status,
          () => 0,
        );
        if (status === 200) return;
        await sleep(pollMs);
      }
      throw new Error(`the stack was not healthy within ${timeoutMs} ms:\n${output}`);
    },
    tokenFor(username, tokenOptions) {
      issuer ??= createLocalIssuer({ keyFile: path.join(options.dataDir, 'local-issuer.json') });
      return issuer.sign(username, tokenOptions);
    },
    async stop(graceMs = 30_000) {
      const pid = readStackFile(options.dataDir)?.pid;
      if (!done) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      // `npm` exits at once on SIGTERM; the stack it started takes a moment to stop.
      const deadline = Date.now() + graceMs;
      while (pid && isProcessAlive(pid) && Date.now() < deadline) await sleep(50);
      if (pid && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
};
