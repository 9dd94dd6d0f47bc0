/**
 * `npm run bench:floor`: `GET /health` through the local stack against its floor — a bare
 * `node:http` server calling the same built handler in-process (`floor-server.ts`) — side by
 * side in one run. Each server runs in its own process and autocannon in this one; the rounds
 * alternate (floor, stack, floor, stack, …) so a busy neighbour on the machine slows both alike.
 * Prints requests per second of each, and the ratio stack / floor (the goal is ≥ 0.8).
 * `--offline <dir>` adds a third side to every round: serverless-offline, installed in `<dir>`
 * outside the repository, serving the same bundle (`offline.ts`), and the ratio stack / it.
 *
 *   npm run bench:floor -- [--rounds 5] [--duration 5] [--connections 10] [--dist dist/apps]
 *                          [--offline <dir>] [--json]
 *
 * Figures, never assertions: docs/performance.md records what was measured and where.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Result as AutocannonResult } from 'autocannon';
import { cpuMicrosPerRequest, cpuMillisOf } from './process-cpu';
import {
  waitForRunningStack,
  localFunctionEnv,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
} from '@peer-rewards/local-stack';
import { parseFloorOptions, type FloorOptions } from './floor-options';
import { roundLine, summarize, summaryLines, type RoundSamples, type Sample } from './floor-report';
import { checkScratchFolder, startOffline } from './offline';

const ROOT = path.resolve(__dirname, '../..');
const RUNNER = path.join(ROOT, 'tools/bin/run.cjs');
/** Both sides log only warnings: the point is the per-request path, not log volume. */
const LOG_LEVEL = 'warn';

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

/** The configuration the stack gives rewards-fn, for the floor and serverless-offline alike. */
const functionEnv = (stack: { dynamodbEndpoint: string; tableName: string }) => ({
  ...localFunctionEnv({
    tableName: stack.tableName,
    dynamodbEndpoint: stack.dynamodbEndpoint,
    corsOrigins: ['http://localhost:3000'],
    version: 'floor',
    cursorSigningKey: randomBytes(32).toString('base64url'),
  }),
  LOG_LEVEL,
});

/** What the AWS SDK needs to talk to DynamoDB Local; Lambda gives it as the process's own. */
const SDK_ENV = {
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
};

/** The floor server with the configuration the stack gives rewards-fn. */
const startFloor = (bundle: string, environment: Record<string, string>) =>
  new Promise<{ child: ChildProcess; url: string; pid: number }>((resolve, reject) => {
    const env = { ...process.env, ...environment, ...SDK_ENV };
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
      const { port, pid } = JSON.parse(line) as { port: number; pid: number };
      resolve({ child, url: `http://127.0.0.1:${port}`, pid });
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the floor server exited with code ${code}.`)));
  });

/**
 * One side's figures: autocannon's, and the CPU its server process spent per request meanwhile
 * (`pid` null: not measured).
 */
const measure = async (
  url: string,
  pid: number | null,
  options: Pick<FloorOptions, 'duration' | 'connections'>,
) => {
  const before = pid === null ? null : cpuMillisOf(pid);
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    autocannon(
      { url: `${url}/health`, connections: options.connections, duration: options.duration },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
  });
  const after = pid === null ? null : cpuMillisOf(pid);
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    cpuMicrosPerRequest: cpuMicrosPerRequest(before, after, result.requests.total),
    non2xx: result.non2xx + result.errors,
  };
};

const main = async (argv: readonly string[]): Promise<number> => {
  const options = parseFloorOptions(argv, ROOT);
  // Before anything starts: a folder without serverless-offline is a one-line error.
  if (options.offlineDir) checkScratchFolder(options.offlineDir);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-floor-'));
  const started: ChildProcess[] = [];
  try {
    const { child: stackChild, stack } = await startStack(dataDir, options.distDir);
    started.push(stackChild);
    const bundle = path.join(options.distDir, 'rewards-fn', 'index.js');
    const environment = functionEnv(stack);
    const floor = await startFloor(bundle, environment);
    started.push(floor.child);
    const offline = options.offlineDir
      ? await startOffline({
          dir: options.offlineDir,
          bundle,
          region: LOCAL_REGION,
          environment,
          processEnv: SDK_ENV,
        })
      : undefined;
    if (offline) started.push(offline.child);
    const sides: Array<[keyof RoundSamples, string, number | null]> = [
      ['floor', floor.url, floor.pid],
      ['stack', stack.url, stack.pid],
      ...(offline ? [['offline', offline.url, null] as [keyof RoundSamples, string, null]] : []),
    ];
    // Warm every side: the first requests load the bundle and open connections.
    for (const [, url] of sides)
      await measure(url, null, { duration: 1, connections: options.connections });
    const samples: RoundSamples[] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      const measured: Partial<Record<keyof RoundSamples, Sample>> = {};
      // Every other round in reverse order: a neighbour's load that grows or fades during the
      // run weighs on each side alike.
      const order = round % 2 === 1 ? sides : [...sides].reverse();
      for (const [side, url, pid] of order) {
        const { non2xx, ...sample } = await measure(url, pid, options);
        if (non2xx > 0)
          throw new Error(`${non2xx} non-2xx answers from ${side} in round ${round}.`);
        measured[side] = sample;
      }
      const samplesOfRound = measured as RoundSamples;
      samples.push(samplesOfRound);
      console.log(roundLine(round, samplesOfRound));
    }
    const result = {
      route: 'GET /health',
      connections: options.connections,
      durationSeconds: options.duration,
      cpus: cpus().length,
      node: process.version,
      ...summarize(samples),
    };
    console.log(
      `GET /health, ${options.connections} connections, ${options.rounds} × ${options.duration} s each, ${cpus().length} CPUs, Node ${process.version}`,
    );
    for (const line of summaryLines(result)) console.log(line);
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
