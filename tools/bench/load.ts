/**
 * `npm run load`: throughput and latency of the local stack, measured with autocannon.
 *
 *   npm run load -- [--duration 10] [--connections 10] [--only health,leaderboard] [--dist dist/apps] [--json out.json]
 *
 * The stack runs in its own process (quiet, in-memory DynamoDB Local, demo users seeded) so the
 * load generator does not share its event loop. Figures, not assertions: nothing here fails on a
 * number; docs/performance.md records what was measured and on which machine.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { DEMO_USERS, createLocalIssuer } from '@peer-rewards/local-stack';
import { formatTable } from './format-table';
import { startStackProcess, stopStackProcess } from './stack-process';

export interface Scenario {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Each request as a different demo user when true; anonymous otherwise. */
  readonly authenticated: boolean;
  /** A fresh body per request. */
  readonly body?: () => string;
}

const MESSAGES = [
  'Thanks for the review 🙌',
  'Great pairing session 🚀',
  'You saved the release 🎉',
  'Merci! ☕',
];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

export const SCENARIOS: readonly Scenario[] = [
  { name: 'health', method: 'GET', path: '/health', authenticated: false },
  { name: 'user', method: 'GET', path: '/users/alex', authenticated: true },
  { name: 'leaderboard', method: 'GET', path: '/leaderboard', authenticated: true },
  { name: 'rewards', method: 'GET', path: '/rewards', authenticated: true },
  {
    name: 'give-reward',
    method: 'POST',
    path: '/rewards',
    authenticated: true,
    body: () =>
      JSON.stringify({
        to: '',
        points: 1 + Math.floor(Math.random() * 5),
        message: pick(MESSAGES),
      }),
  },
];

export interface ScenarioResult {
  readonly name: string;
  readonly route: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
}

interface Options {
  duration: number;
  connections: number;
  only?: string[];
  distDir?: string;
  json?: string;
}

const parseArgs = (argv: readonly string[]): Options => {
  const options: Options = { duration: 10, connections: 10 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[(i += 1)];
    if (value === undefined) throw new Error(`${arg} needs a value.`);
    if (arg === '--duration') options.duration = Number(value);
    else if (arg === '--connections') options.connections = Number(value);
    else if (arg === '--only') options.only = value.split(',');
    else if (arg === '--dist') options.distDir = path.resolve(value);
    else if (arg === '--json') options.json = path.resolve(value);
    else throw new Error(`unknown option ${arg}.`);
  }
  if (!(options.duration > 0 && options.duration <= 120))
    throw new Error('--duration is 1..120 seconds.');
  if (!(options.connections > 0 && options.connections <= 500))
    throw new Error('--connections is 1..500.');
  return options;
};

const run = (
  url: string,
  scenario: Scenario,
  tokens: ReadonlyMap<string, string>,
  options: Options,
): Promise<ScenarioResult> =>
  new Promise((resolve, reject) => {
    const usernames = [...tokens.keys()];
    autocannon(
      {
        url: `${url}${scenario.path}`,
        connections: options.connections,
        duration: options.duration,
        requests: [
          {
            method: scenario.method,
            setupRequest: (request) => {
              const headers: Record<string, string> = { ...request.headers };
              const caller = pick(usernames);
              if (scenario.authenticated) headers.authorization = `Bearer ${tokens.get(caller)}`;
              if (scenario.body) {
                const body = JSON.parse(scenario.body()) as { to: string };
                body.to = pick(usernames.filter((name) => name !== caller));
                headers['content-type'] = 'application/json';
                return { ...request, headers, body: JSON.stringify(body) };
              }
              return { ...request, headers };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          name: scenario.name,
          route: `${scenario.method} ${scenario.path}`,
          requestsPerSecond: Math.round(result.requests.average),
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
  });

export const formatResults = (results: readonly ScenarioResult[]): string => {
  const rows = [
    ['route', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'],
    ...results.map((r) => [
      r.route,
      String(r.requestsPerSecond),
      String(r.p50Ms),
      String(r.p99Ms),
      String(r.requests),
      String(r.non2xx),
      String(r.errors),
    ]),
  ];
  return formatTable(rows);
};

export const main = async (argv: readonly string[]): Promise<number> => {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`load: ${(error as Error).message}`);
    return 2;
  }
  const scenarios = SCENARIOS.filter(
    (scenario) => !options.only || options.only.includes(scenario.name),
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), 'peer-rewards-load-'));
  let child: ChildProcess | null = null;
  try {
    console.log(
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
    );
    console.log('starting the local stack (in-memory DynamoDB Local, demo users)…');
    const started = await startStackProcess({ dataDir, distDir: options.distDir });
    child = started.child;
    const issuer = createLocalIssuer({ keyFile: path.join(dataDir, 'local-issuer.json') });
    const tokens = new Map(DEMO_USERS.map((user) => [user.username, issuer.sign(user.username)]));
    console.log(
      `${started.stack.url}: ${options.connections} connections, ${options.duration} s per route\n`,
    );

    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      // A short warm-up so the first cold start is not part of the figures.
      await run(started.stack.url, scenario, tokens, { ...options, duration: 1 });
      const result = await run(started.stack.url, scenario, tokens, options);
      results.push(result);
      console.log(formatResults([result]).split('\n')[1]);
    }
    console.log(`\n${formatResults(results)}`);
    if (options.json)
      writeFileSync(
        options.json,
        `${JSON.stringify({ connections: options.connections, durationSeconds: options.duration, results }, null, 2)}\n`,
      );
    return 0;
  } catch (error) {
    console.error(`load: ${(error as Error).message}`);
    return 1;
  } finally {
    if (child) await stopStackProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
};

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
