/**
 * `npm run bench:path`: what the local stack's own request path costs, without sockets. In one
 * process, in alternating rounds, `GET /health` of a built function is answered
 *
 * - as the floor server calls it (`floor-server.ts`: a minimal event and context, the handler);
 * - through the Lambda host alone (`LocalLambda`: `live` alias, version, context, deadline,
 *   invocation log) and the response mapping;
 * - through the whole local API (API Gateway's emulation: route, event, then the host, the
 *   mapping, CORS and the length the server adds).
 *
 * Prints the CPU per request (median of the rounds) and the bytes allocated per request (from
 * the garbage collections of the round), and what the stack adds to the floor. An end-to-end
 * run over HTTP (`npm run bench:floor`) adds the sockets and moves with the machine's load; this
 * one moves much less, so it says where the microseconds are.
 *
 *   npm run bench:path -- [--rounds 10] [--requests 20000] [--concurrency 10] [--dist dist/apps]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import {
  applyCors,
  createApiGateway,
  createLocalIssuer,
  createRouter,
  localFunctionEnv,
  LocalLambda,
  responseFromInvocation,
  type HttpResponse,
} from '@peer-rewards/local-stack';
import { parseBenchFlags } from './bench-args';
import { floorCall, type FloorHandler } from './floor-call';

const USAGE =
  'usage: npm run bench:path -- [--rounds 10] [--requests 20000] [--concurrency 10] [--dist dist/apps]';
const CORS_ORIGINS = ['http://localhost:3000'];
const PORT = 3000;

/** The request as Node's server hands it over for `GET /health` from autocannon. */
const request = (): IncomingMessage => {
  const rawHeaders = ['Host', `127.0.0.1:${PORT}`];
  return {
    method: 'GET',
    url: '/health',
    httpVersion: '1.1',
    rawHeaders,
    headers: { host: rawHeaders[1] },
    socket: { remoteAddress: '127.0.0.1' },
  } as unknown as IncomingMessage;
};

const answered = (statusCode: number | undefined): void => {
  if (statusCode !== 200) throw new Error(`GET /health answered ${String(statusCode)}.`);
};

/** Runs `n` requests, `concurrency` at a time; returns CPU µs and allocated bytes per request. */
const measure = async (side: () => Promise<void>, n: number, concurrency: number) => {
  const lane = async () => {
    for (let i = 0; i < n / concurrency; i += 1) await side();
  };
  const profiler = new v8.GCProfiler();
  profiler.start();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const used = process.cpuUsage(cpu);
  const collections = profiler.stop()?.statistics ?? [];
  // Allocated between collections: what each found in use, less what the one before left.
  let allocated = 0;
  for (let i = 1; i < collections.length; i += 1) {
    allocated +=
      collections[i].beforeGC.heapStatistics.usedHeapSize -
      collections[i - 1].afterGC.heapStatistics.usedHeapSize;
  }
  return {
    cpuMicros: (used.user + used.system) / n,
    bytes: collections.length > 2 ? allocated / n : Number.NaN,
  };
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};

const main = async () => {
  const flags = parseBenchFlags(process.argv.slice(2), USAGE, {
    rounds: 100,
    requests: 1_000_000,
    concurrency: 100,
    dist: 'path',
  });
  const rounds = Number(flags.rounds ?? 10);
  const requests = Number(flags.requests ?? 20_000);
  const concurrency = Number(flags.concurrency ?? 10);
  const distDir = String(flags.dist ?? path.resolve('dist/apps'));
  const env = {
    ...localFunctionEnv({
      tableName: 'bench-path',
      // /health reads nothing from DynamoDB: nothing listens here.
      dynamodbEndpoint: 'http://127.0.0.1:9',
      corsOrigins: CORS_ORIGINS,
      version: 'bench',
      cursorSigningKey: 'a'.repeat(43),
    }),
    LOG_LEVEL: 'warn',
  };
  // The floor's copy loads through Node's modules and reads the process's own environment.
  Object.assign(process.env, env, { AWS_REGION: 'us-east-1' });
  const bundle = path.join(distDir, 'rewards-fn', 'index.js');
  const { handler } = createRequire(__filename)(bundle) as { handler: FloorHandler };
  // The function's own output (its EMF line per answer) would go nowhere on the floor's side.
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const say = (line: string) => process.stderr.write(`${line}\n`);

  const versionsDir = mkdtempSync(path.join(tmpdir(), 'bench-path-'));
  const localLambda = new LocalLambda({ distDir, versionsDir, env });
  if (!localLambda.deployAllAtOnce('rewards-fn')) throw new Error(`No build in ${bundle}.`);
  const respond = createApiGateway({
    router: createRouter(),
    issuer: createLocalIssuer(),
    corsOrigins: CORS_ORIGINS,
    dashboardDir: path.join(distDir, 'dashboard'),
    invokeRoute: (_match, event) =>
      localLambda.invokeLive('rewards-fn', event).then((i) => responseFromInvocation(i)),
  });
  /** What the server adds before it writes: CORS and the length. */
  const sent = (req: IncomingMessage, response: HttpResponse) => {
    const headers = applyCors(response.headers, CORS_ORIGINS, req.headers.origin);
    headers['content-length'] = String(Buffer.byteLength(response.body));
    answered(response.statusCode);
  };

  const sides: Record<string, () => Promise<void>> = {
    floor: () => floorCall(handler, request()).then((result) => answered(result.statusCode)),
    'Lambda host': () => {
      const req = request();
      const event = {
        version: '2.0',
        routeKey: 'GET /health',
        rawPath: '/health',
        rawQueryString: '',
        headers: req.headers,
        requestContext: { http: { method: 'GET', path: '/health' }, requestId: 'r' },
        isBase64Encoded: false,
      };
      return localLambda
        .invokeLive('rewards-fn', event)
        .then((invocation) => answered(responseFromInvocation(invocation).statusCode));
    },
    'local API': () => {
      const req = request();
      return respond(req, PORT).then((response) => sent(req, response));
    },
  };

  const figures = new Map<string, { cpu: number[]; bytes: number[] }>();
  for (const side of Object.values(sides)) await measure(side, 2_000, concurrency);
  for (let round = 1; round <= rounds; round += 1) {
    const line: string[] = [];
    for (const [name, side] of Object.entries(sides)) {
      const { cpuMicros, bytes } = await measure(side, requests, concurrency);
      const figure = figures.get(name) ?? { cpu: [], bytes: [] };
      figure.cpu.push(cpuMicros);
      figure.bytes.push(bytes);
      figures.set(name, figure);
      line.push(`${name} ${cpuMicros.toFixed(1)} µs`);
    }
    say(`round ${round}: ${line.join(', ')}`);
  }
  say(
    `GET /health of ${path.relative(process.cwd(), bundle)}, ${rounds} × ${requests} requests, ${concurrency} at a time, Node ${process.version}`,
  );
  const floorCpu = median(figures.get('floor')?.cpu ?? []);
  const floorBytes = median(figures.get('floor')?.bytes ?? []);
  for (const [name, { cpu, bytes }] of figures) {
    const extra =
      name === 'floor'
        ? ''
        : ` (+${(median(cpu) - floorCpu).toFixed(1)} µs, +${((median(bytes) - floorBytes) / 1024).toFixed(1)} KB)`;
    say(
      `${name.padEnd(12)} ${median(cpu).toFixed(1)} µs CPU, ${(median(bytes) / 1024).toFixed(1)} KB allocated per request${extra}`,
    );
  }
  rmSync(versionsDir, { recursive: true, force: true });
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:path: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
