/**
 * Cold starts against the SDK's own floor. Bundles a bare `@aws-sdk/lib-dynamodb` GetItem
 * handler (`bare-dynamodb-handler.ts`) with the functions' esbuild flags (read from nx.json),
 * then, in fresh Node processes, measures how long `require()` of each built function bundle
 * takes against the bare one (many runs, interleaved, median), and the `Init Duration` the local
 * stack's Lambda host reports on each one's first invocation. Prints figures, asserts none.
 *
 *   npm run build && npm run bench:cold -- [--runs 30] [--init-runs 10] [--dist dist/apps] [--json]
 *     [--baseline <another dist/apps>]   # also the bundles of another build (e.g. main's), side by side
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { httpRequestEvent, sampleScheduledEvent } from '@peer-rewards/http-kit/testing';
import { ENV, FUNCTIONS, PRE_TRAFFIC_HOOK_ENV } from '@peer-rewards/platform-manifest';
import { bundleOptionsOf, esbuildOptionsOf } from './bundle-flags';

const ROOT = path.resolve(__dirname, '../..');

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};

/** The pre-traffic hook: deployed with every HTTP function, so measured with them. */
const HOOK = 'pre-traffic-fn';

/**
 * Loads one bundle in this fresh process and prints how long `require` took, in ms: wall time,
 * and the CPU time it used (what a busy machine inflates least).
 */
const REQUIRE_RUNNER = `
const cpu = process.cpuUsage();
const started = process.hrtime.bigint();
require(process.argv[1]);
const used = process.cpuUsage(cpu);
process.stdout.write('\\nLOADED ' + Number(process.hrtime.bigint() - started) / 1e6 + ' ' + (used.user + used.system) / 1e3 + '\\n');`;

interface Subject {
  readonly name: string;
  readonly file: string;
  /** The event of the first invocation (one that needs no database is enough). */
  readonly event: unknown;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const shuffled = <T>(items: readonly T[]): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
};

const main = async () => {
  const runs = Number(argument('runs', '30'));
  const initRuns = Number(argument('init-runs', '10'));
  const distDir = path.resolve(argument('dist', path.join(ROOT, 'dist/apps')));
  const json = process.argv.includes('--json');
  const baseline = argument('baseline', '');
  const work = mkdtempSync(path.join(tmpdir(), 'cold-start-'));
  const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

  try {
    // The bare handler, and one function again, bundled with the flags Nx uses for functions:
    // the function rebuilt here must come out as large as its artifact, or the flags differ.
    const flags = bundleOptionsOf(ROOT, 'apps/users-fn');
    const bundleTo = (entry: string, outfile: string, tsconfig: string) =>
      build(esbuildOptionsOf(flags, path.join(ROOT, entry), outfile, path.join(ROOT, tsconfig)));
    const bare = path.join(work, 'bare', 'index.js');
    await bundleTo('tools/bench/bare-dynamodb-handler.ts', bare, 'tsconfig.base.json');
    const check = path.join(work, 'check', 'index.js');
    await bundleTo('apps/users-fn/src/index.ts', check, 'apps/users-fn/tsconfig.json');
    const artifact = path.join(distDir, 'users-fn', 'index.js');
    log(
      `flags check: users-fn bundled here ${statSync(check).size} bytes, artifact ${statSync(artifact).size} bytes`,
    );

    const subjects: Subject[] = [
      { name: 'bare-dynamodb', file: bare, event: { key: 'alex' } },
      ...FUNCTIONS.map((fn) => ({
        name: fn.name,
        file: path.join(distDir, fn.name, 'index.js'),
        event:
          fn.kind === 'http'
            ? httpRequestEvent({ method: 'GET', path: '/health' })
            : sampleScheduledEvent('cold-start-bench'),
      })),
      // A smoke run of the hook: it probes `live` (no such function here, so it reports failures).
      { name: HOOK, file: path.join(distDir, HOOK, 'index.js'), event: { qualifier: 'live' } },
    ];
    if (baseline) {
      for (const name of [...FUNCTIONS.map((fn) => fn.name), HOOK]) {
        const own = subjects.find((subject) => subject.name === name);
        const file = path.join(path.resolve(baseline), name, 'index.js');
        // A function the other build does not have yet has nothing to compare.
        if (existsSync(file)) subjects.push({ name: `${name}@base`, file, event: own?.event });
      }
    }
    // What a function reads at load, pointing at a port where no database (and no AWS API) listens.
    const env = {
      [ENV.tableName]: 'bench-peer-rewards',
      [ENV.stage]: 'bench',
      [ENV.corsOrigins]: 'http://localhost:3000',
      [ENV.logLevel]: 'error',
      [ENV.cursorSigningKey]: 'bench-cursor-signing-key-0123456789abcdef',
      [ENV.dynamodbEndpoint]: 'http://127.0.0.1:9',
      [ENV.dashboardUrl]: 'http://localhost:3000',
      // As in AWS: the Slack signing secret is a Secrets Manager ARN, read on the first command.
      [ENV.slackSigningSecretArn]: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench',
      [PRE_TRAFFIC_HOOK_ENV.targetSpec]: 'users-fn',
      [PRE_TRAFFIC_HOOK_ENV.targetFunctionName]: 'bench-users-fn',
      [PRE_TRAFFIC_HOOK_ENV.usernameClaim]: 'username',
      [PRE_TRAFFIC_HOOK_ENV.origin]: 'http://localhost:3000',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };

    const requireMs = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
    const requireCpuMs = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
    for (let run = 0; run < runs; run += 1) {
      for (const subject of shuffled(subjects)) {
        const result = spawnSync(process.execPath, ['-e', REQUIRE_RUNNER, subject.file], {
          env: { PATH: process.env.PATH, ...env },
          encoding: 'utf8',
        });
        if (result.status !== 0) {
          const why = result.stderr.trim().split('\n').at(-3) ?? result.stderr;
          throw new Error(`${subject.name} did not load: ${why}`);
        }
        // The last line: what a function logs while it loads comes before.
        const line = result.stdout.trim().split('\n').at(-1) ?? '';
        const [wall, cpu] = line.replace('LOADED ', '').split(' ').map(Number);
        requireMs.get(subject.name)?.push(wall);
        requireCpuMs.get(subject.name)?.push(cpu);
      }
    }

    const initMs = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
    const reports = new Map<string, string>();
    const eventFiles = new Map<string, string>();
    for (const subject of subjects) {
      const eventFile = path.join(work, `${subject.name}.event.json`);
      writeFileSync(eventFile, JSON.stringify(subject.event));
      eventFiles.set(subject.name, eventFile);
    }
    for (let run = 0; run < initRuns; run += 1) {
      for (const subject of shuffled(subjects)) {
        const result = spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            path.join(__dirname, 'init-probe.ts'),
            subject.name,
            subject.file,
            eventFiles.get(subject.name) ?? '',
          ],
          {
            env: {
              ...process.env,
              TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.base.json'),
              PROBE_ENV: JSON.stringify(env),
            },
            encoding: 'utf8',
          },
        );
        // The REPORT line of the first invocation, as the local stack's Lambda host logs it.
        const report = result.stdout.trim().split('\n').at(-1) ?? '';
        const init = /Init Duration: ([\d.]+) ms/.exec(report);
        initMs.get(subject.name)?.push(init ? Number(init[1]) : Number.NaN);
        if (init) reports.set(subject.name, `[${subject.name}] ${report}`);
      }
    }

    const floor = median(requireMs.get('bare-dynamodb') ?? []);
    const cpuFloor = median(requireCpuMs.get('bare-dynamodb') ?? []);
    const initFloor = median(initMs.get('bare-dynamodb') ?? []);
    const rows = subjects.map((subject) => {
      const loads = requireMs.get(subject.name) ?? [];
      const cpu = requireCpuMs.get(subject.name) ?? [];
      const inits = (initMs.get(subject.name) ?? []).filter(Number.isFinite);
      return {
        bundle: subject.name,
        bytes: readFileSync(subject.file).length,
        requireMedianMs: Math.round(median(loads) * 10) / 10,
        requireP90Ms: Math.round(percentile(loads, 90) * 10) / 10,
        ratio: Math.round((median(loads) / floor) * 100) / 100,
        requireCpuMedianMs: Math.round(median(cpu) * 10) / 10,
        cpuRatio: Math.round((median(cpu) / cpuFloor) * 100) / 100,
        initDurationMedianMs: Math.round(median(inits) * 10) / 10,
        initRatio: Math.round((median(inits) / initFloor) * 100) / 100,
      };
    });

    log(
      `\n${runs} fresh processes per bundle (require), ${initRuns} (Init Duration); ${cpus().length} cores, Node ${process.version}`,
    );
    log(
      'bundle               bytes  require p50  p90    × bare  CPU p50    × bare  Init Duration p50  × bare',
    );
    for (const row of rows) {
      log(
        `${row.bundle.padEnd(19)} ${String(row.bytes).padStart(7)}  ${row.requireMedianMs.toFixed(1).padStart(8)} ms  ${row.requireP90Ms.toFixed(1).padStart(5)}  ${row.ratio.toFixed(2).padStart(5)}×  ${row.requireCpuMedianMs.toFixed(1).padStart(5)} ms  ${row.cpuRatio.toFixed(2).padStart(5)}×  ${row.initDurationMedianMs.toFixed(1).padStart(12)} ms  ${row.initRatio.toFixed(2).padStart(5)}×`,
      );
    }
    log('\nA REPORT line of each (the last first invocation):');
    for (const subject of subjects)
      log(reports.get(subject.name) ?? `[${subject.name}] no REPORT line`);
    if (json) process.stdout.write(`${JSON.stringify({ runs, initRuns, rows })}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:cold: ${(error as Error).message}\n`);
  process.exit(1);
});
