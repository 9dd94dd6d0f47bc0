/**
 * `npm run bench:floor`: `GET /health` through the local stack against its floor — a bare
 * `node:http` server calling the same built handler in-process (`floor-server.ts`) — side by
 * side in one run. Each server runs in its own process and autocannon in this one; the rounds
 * alternate (floor, stack, floor, stack, …) so a busy neighbour on the machine slows both alike.
 * Prints requests per second of each, and the ratio stack / floor (the goal is ≥ 0.8).
 *
 *   npm run bench:floor -- [--rounds 5] [--duration 5] [--connections 10] [--dist dist/apps] [--json]
 *
 * Figures, never assertions: docs/performance.md records what was measured and where.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  waitForRunningStack,
  localFunctionEnv,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
} from '@peer-rewards/local-stack';

const ROOT = path.resolve(__dirname, '../..');
const RUNNER = path.join(ROOT, 'tools/bin/run.cjs');
/** Both sides log only warnings: the point is the per-request path, not log volume. */
const LOG_LEVEL = 'warn';

interface Options {
  rounds: number;
  duration: number;
  connections: number;
  distDir: string;
  json: boolean;
}

const parseOptions = (argv: readonly string[]): Options => {
  const options: Options = {
    rounds: 5,
    duration: 5,
    connections: 10,
    distDir: path.join(ROOT, 'dist/apps'),
    json: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--json') {
      options.json = true;
      continue;
    }
    const value = argv[(i += 1)];
    if (value === undefined) throw new Error(`${arg} needs a value.`);
    if (arg === '--rounds') options.rounds = Number(value);
    else if (arg === '--duration') options.duration = Number(value);
    else if (arg === '--connections') options.connections = Number(value);
    else if (arg === '--dist') options.distDir = path.resolve(value);
    else throw new Error(`unknown option ${arg}.`);
  }
  if (!(Number.isInteger(options.rounds) && options.rounds >= 1 && options.rounds <= 20))
    throw new Error('--rounds is 1..20.');
  if (!(options.duration > 0 && options.duration <= 60))
    throw new Error('--duration is 1..60 seconds.');
  if (!(options.connections > 0 && options.connections <= 200))
    throw new Error('--connections is 1..200.');
  return options;
};

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    // The runner passes SIGTERM on; the stack stops DynamoDB Local on it.
    child.kill('SIGTERM');
  });

const startStack = async (dataDir: string, distDir: string) => {
  const child = spawn(
    process.execPath,
    [
      RUNNER,
      'libs/local-stack/src/start.ts',
      '--in-memory',
      '--no-build',
      '--quiet',
      '--no-seed',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--dist',
      distDir,
      '--function-env',
      `LOG_LEVEL=${LOG_LEVEL}`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  try {
    const stack = await waitForRunningStack(dataDir, { ended: () => child.exitCode !== null });
    return { child, stack };
  } catch (error) {
    await stop(child);
    throw error;
  }
};

/** The floor server with the configuration the stack gives rewards-fn. */
const startFloor = (bundle: string, stack: { dynamodbEndpoint: string; tableName: string }) =>
  new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    const env = {
      ...process.env,
      ...localFunctionEnv({
        tableName: stack.tableName,
        dynamodbEndpoint: stack.dynamodbEndpoint,
        corsOrigins: ['http://localhost:3000'],
        version: 'floor',
        cursorSigningKey: randomBytes(32).toString('base64url'),
      }),
      LOG_LEVEL,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    };
    const child = spawn(process.execPath, [RUNNER, 'tools/bench/floor-server.ts', bundle], {
      cwd: ROOT,
      env,
      // The function's output (its EMF line per answer) goes nowhere, as the stack's does.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('{"port"'));
      if (!line) return;
      child.stderr?.off('data', onData);
      child.stderr?.pipe(process.stderr);
      resolve({ child, url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}` });
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the floor server exited with code ${code}.`)));
  });

const measure = (url: string, options: Pick<Options, 'duration' | 'connections'>) =>
  new Promise<{ requestsPerSecond: number; p99Ms: number; non2xx: number }>((resolve, reject) => {
    autocannon(
      { url: `${url}/health`, connections: options.connections, duration: options.duration },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requestsPerSecond: result.requests.average,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx + result.errors,
        });
      },
    );
  });

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const main = async (argv: readonly string[]): Promise<number> => {
  const options = parseOptions(argv);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-floor-'));
  const started: ChildProcess[] = [];
  try {
    const { child: stackChild, stack } = await startStack(dataDir, options.distDir);
    started.push(stackChild);
    const floor = await startFloor(path.join(options.distDir, 'rewards-fn', 'index.js'), stack);
    started.push(floor.child);
    // Warm both: the first requests load the bundle and open connections.
    await measure(floor.url, { duration: 1, connections: options.connections });
    await measure(stack.url, { duration: 1, connections: options.connections });
    const rounds: Array<{ floor: number; stack: number; ratio: number }> = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      const bare = await measure(floor.url, options);
      const local = await measure(stack.url, options);
      if (bare.non2xx > 0 || local.non2xx > 0)
        throw new Error(
          `non-2xx answers in round ${round}: floor ${bare.non2xx}, stack ${local.non2xx}.`,
        );
      rounds.push({
        floor: Math.round(bare.requestsPerSecond),
        stack: Math.round(local.requestsPerSecond),
        ratio: local.requestsPerSecond / bare.requestsPerSecond,
      });
      console.log(
        `round ${round}: floor ${Math.round(bare.requestsPerSecond)} req/s (p99 ${bare.p99Ms} ms), local stack ${Math.round(local.requestsPerSecond)} req/s (p99 ${local.p99Ms} ms), ratio ${(local.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}`,
      );
    }
    const result = {
      route: 'GET /health',
      connections: options.connections,
      durationSeconds: options.duration,
      cpus: cpus().length,
      node: process.version,
      floorRequestsPerSecond: median(rounds.map((r) => r.floor)),
      stackRequestsPerSecond: median(rounds.map((r) => r.stack)),
      ratio: Math.round(median(rounds.map((r) => r.ratio)) * 100) / 100,
      rounds,
    };
    console.log(
      `GET /health, ${options.connections} connections, ${options.rounds} × ${options.duration} s each, ${cpus().length} CPUs, Node ${process.version}`,
    );
    console.log(
      `floor (bare node:http, same bundle)  ${result.floorRequestsPerSecond} req/s (median)`,
    );
    console.log(
      `local stack                          ${result.stackRequestsPerSecond} req/s (median)`,
    );
    console.log(
      `ratio local stack / floor            ${result.ratio.toFixed(2)} (median of the rounds' ratios; goal ≥ 0.80)`,
    );
    if (options.json) console.log(JSON.stringify(result));
    return 0;
  } finally {
    await Promise.all(started.map(stop));
    rmSync(dataDir, { recursive: true, force: true });
  }
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`bench:floor: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
