/**
 * `npm run bench:calls`: DynamoDB round trips and capacity units per HTTP request, counted by a
 * proxy in front of DynamoDB Local, with the built functions served by the local stack.
 *
 *   npm run bench:calls -- [--dist dist/apps] [--users 60] [--rewards 300] [--repeat 5] [--json out.json]
 *
 * It creates `--users` colleagues, gives `--rewards` rewards between them through the API, then
 * sends each request `--repeat` times after one warm-up and prints the mean per request. The
 * JSON (`--json`) is what `npm run cost` reads. Figures, not assertions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import {
  createLocalIssuer,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from '@peer-rewards/local-stack';
import { startCountingProxy, type CountingProxy, type OperationCount } from './counting-proxy';
import { parseBenchFlags } from './bench-args';
import { DEFAULT_DIST, folderBytes, formatCalls, gitCommit } from './calls-report';
import { scenarios, usernameOf } from './calls-scenarios';
import { startStackProcess, stopStackProcess, type StackProcess } from './stack-process';

export interface CallsOptions {
  distDir?: string;
  users: number;
  rewards: number;
  repeat: number;
  json?: string;
}

/** What one kind of request costs, averaged over the repeats. */
export interface RequestFigures {
  readonly name: string;
  readonly route: string;
  readonly status: number;
  readonly calls: number;
  readonly byOperation: Record<string, number>;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly responseBytes: number;
  /** Mean `Duration` of the REPORT lines (warm invocations, DynamoDB Local). */
  readonly durationMs: number;
  readonly memoryMb: number;
  /** Log bytes the invocation wrote (START/END/REPORT, access log, metric line). */
  readonly logBytes: number;
}

export interface CallsFigures {
  readonly measuredAt: string;
  readonly commit: string;
  readonly users: number;
  readonly rewards: number;
  readonly repeat: number;
  /** Bytes of the built dashboard (what a page load fetches from CloudFront). */
  readonly dashboardBytes: number;
  readonly requests: readonly RequestFigures[];
}

const USAGE =
  'usage: npm run bench:calls -- [--dist dist/apps] [--users 60] [--rewards 300] [--repeat 5] [--json out.json]';

export const parseCallsArgs = (argv: readonly string[]): CallsOptions => {
  const flags = parseBenchFlags(argv, USAGE, {
    dist: 'path',
    users: 500,
    rewards: 10_000,
    repeat: 100,
    json: 'path',
  });
  const users = (flags.users as number | undefined) ?? 60;
  if (users < 2) throw new Error('--users is at least 2.');
  return {
    users,
    rewards: (flags.rewards as number | undefined) ?? 300,
    repeat: (flags.repeat as number | undefined) ?? 5,
    ...(flags.dist ? { distDir: flags.dist as string } : {}),
    ...(flags.json ? { json: flags.json as string } : {}),
  };
};

const REPORT =
  /REPORT RequestId: \S+\tDuration: ([\d.]+) ms\tBilled Duration: \d+ ms\tMemory Size: (\d+) MB/;

const roundTo = (value: number, digits = 2) => Number(value.toFixed(digits));

export const runCalls = async (options: CallsOptions): Promise<CallsFigures> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'peer-rewards-calls-'));
  let local: DynamoDbLocal | undefined;
  let proxy: CountingProxy | undefined;
  let started: StackProcess | undefined;
  const reports: Array<{ durationMs: number; memoryMb: number }> = [];
  let logBytes = 0;
  try {
    local = await startDynamoDbLocal({ inMemory: true });
    proxy = await startCountingProxy(local.endpoint);
    started = await startStackProcess({
      dataDir,
      distDir: options.distDir,
      dynamodbEndpoint: proxy.endpoint,
      verbose: true,
      logLevel: 'info',
      onLine: (line) => {
        // A function's lines, as CloudWatch would ingest them (without the local prefix).
        const own = /^\[[a-z-]+-fn\] (.*)$/.exec(line);
        if (own) logBytes += Buffer.byteLength(own[1]) + 1;
        const match = REPORT.exec(line);
        if (match) reports.push({ durationMs: Number(match[1]), memoryMb: Number(match[2]) });
      },
    });
    const issuer = createLocalIssuer({ keyFile: path.join(dataDir, 'local-issuer.json') });
    const url = started.stack.url;
    const send = async (
      caller: string,
      method: string,
      route: string,
      body?: unknown,
      ifNoneMatch?: string,
    ) => {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${issuer.sign(caller)}`,
          ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}),
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        bytes: Buffer.byteLength(text),
        etag: response.headers.get('etag') ?? undefined,
      };
    };

    process.stdout.write(`creating ${options.users} users and ${options.rewards} rewards `);
    for (let i = 0; i < options.users; i += 1) {
      await send(usernameOf(i), 'PUT', '/users/me', {
        displayName: `Bench Colleague ${i}`,
        avatar: ['🦊', '🐻', '🦉', '🐙'][i % 4],
      });
    }
    for (let i = 0; i < options.rewards; i += 1) {
      const from = i % options.users;
      const to = (from + 1 + ((i * 7) % (options.users - 1))) % options.users;
      const answer = await send(usernameOf(from), 'POST', '/rewards', {
        to: usernameOf(to),
        points: 1 + (i % 5),
        message: `bench ${i} 🎉`,
      });
      if (answer.status !== 201) throw new Error(`POST /rewards answered ${answer.status}.`);
      if (i % Math.max(1, Math.floor(options.rewards / 20)) === 0) process.stdout.write('.');
    }
    process.stdout.write(' done\n');

    const requests: RequestFigures[] = [];
    for (const scenario of scenarios(options.users)) {
      const caller = usernameOf(0);
      const warm = await send(caller, scenario.method, scenario.path, scenario.body?.(0));
      const tag = scenario.revalidate ? warm.etag : undefined;
      const once = (n: number) =>
        send(caller, scenario.method, scenario.path, scenario.body?.(n), tag);
      // The warm-up's log lines may be printed just after its answer: let them pass first.
      await new Promise((resolve) => setTimeout(resolve, 50));
      proxy.reset();
      reports.length = 0;
      logBytes = 0;
      let status = 0;
      let bytes = 0;
      for (let n = 1; n <= options.repeat; n += 1) ({ status, bytes } = await once(n));
      const counts: Record<string, OperationCount> = proxy.counts();
      const sum = (pick: (count: OperationCount) => number) =>
        Object.values(counts).reduce((total, count) => total + pick(count), 0) / options.repeat;
      // The REPORT line may be printed just after the answer: give the pipe a moment.
      await new Promise((resolve) => setTimeout(resolve, 50));
      requests.push({
        name: scenario.name,
        route: `${scenario.method} ${scenario.path}${scenario.revalidate ? ' (If-None-Match)' : ''}`,
        status,
        calls: roundTo(sum((count) => count.calls)),
        byOperation: Object.fromEntries(
          Object.entries(counts).map(([operation, count]) => [
            operation,
            roundTo(count.calls / options.repeat),
          ]),
        ),
        readUnits: roundTo(sum((count) => count.readUnits)),
        writeUnits: roundTo(sum((count) => count.writeUnits)),
        responseBytes: bytes,
        durationMs: roundTo(
          reports.reduce((total, report) => total + report.durationMs, 0) /
            Math.max(1, reports.length),
        ),
        memoryMb: reports[0]?.memoryMb ?? 0,
        logBytes: Math.round(logBytes / options.repeat),
      });
    }
    return {
      measuredAt: new Date().toISOString(),
      commit: gitCommit(),
      users: options.users,
      rewards: options.rewards,
      repeat: options.repeat,
      dashboardBytes: folderBytes(path.join(options.distDir ?? DEFAULT_DIST, 'dashboard')),
      requests,
    };
  } finally {
    if (started) await stopStackProcess(started.child);
    await proxy?.close();
    await local?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

export const main = async (argv: readonly string[]): Promise<number> => {
  let options: CallsOptions;
  try {
    options = parseCallsArgs(argv);
  } catch (error) {
    console.error(`bench:calls: ${(error as Error).message}`);
    return 2;
  }
  try {
    console.log(`machine: ${cpus().length} cores, Node ${process.version}`);
    const figures = await runCalls(options);
    console.log(`\n${formatCalls(figures)}`);
    if (options.json) writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
    return 0;
  } catch (error) {
    console.error(`bench:calls: ${(error as Error).message}`);
    return 1;
  }
};

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
