/**
 * The serverless-offline side of `npm run bench:floor -- --offline <dir>`: serverless-offline 13
 * (Serverless Framework 3) installed in a folder outside the repository — the project does not
 * depend on it — serving the same built rewards-fn bundle for `GET /health` (an `httpApi` event,
 * payload 2.0), its handler run in serverless-offline's own process (`useInProcess`), loaded once
 * (`reloadHandler` off). The setup of that folder is in tools/bench/README.md.
 *
 * The service goes to `<dir>/peer-rewards-bench/` (`serverless.yml` and a copy of the bundle), so
 * Node finds the plugin in `<dir>/node_modules` and the installation itself stays untouched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';

/** The folder in the scratch folder the benchmark writes its service to. */
export const SERVICE_FOLDER = 'peer-rewards-bench';
/** What the scratch folder must hold, relative to it. */
const FRAMEWORK_BIN = 'node_modules/serverless/bin/serverless.js';
const PLUGIN_PACKAGE = 'node_modules/serverless-offline/package.json';
const READY_TIMEOUT_MS = 90_000;

export interface ServiceSettings {
  /** The handler as Serverless names it: `<file without .js>.<export>`, relative to the service. */
  readonly handler: string;
  readonly region: string;
  readonly httpPort: number;
  /** serverless-offline's Lambda invoke endpoint; always opened, so it gets a free port too. */
  readonly lambdaPort: number;
  /** The function's environment, as the floor server and the local stack give it. */
  readonly environment: Readonly<Record<string, string>>;
}

/** A YAML scalar: JSON's double-quoted string is one, so every value is quoted the same way. */
const scalar = (value: string | number | boolean): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);

/** The `serverless.yml` of the benchmark's service. */
export const serverlessYml = (settings: ServiceSettings): string => {
  const environment = Object.entries(settings.environment)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `    ${name}: ${scalar(value)}`);
  return [
    'service: peer-rewards-bench',
    "frameworkVersion: '3'",
    'provider:',
    '  name: aws',
    '  runtime: nodejs20.x',
    `  region: ${scalar(settings.region)}`,
    '  stage: local',
    '  memorySize: 1024',
    '  timeout: 10',
    '  httpApi:',
    "    payload: '2.0'",
    ...(environment.length > 0 ? ['  environment:', ...environment] : []),
    'functions:',
    '  rewards:',
    `    handler: ${scalar(settings.handler)}`,
    '    events:',
    '      - httpApi:',
    '          method: GET',
    '          path: /health',
    'plugins:',
    '  - serverless-offline',
    'custom:',
    '  serverless-offline:',
    '    host: 127.0.0.1',
    `    httpPort: ${settings.httpPort}`,
    `    lambdaPort: ${settings.lambdaPort}`,
    '    useInProcess: true',
    '    reloadHandler: false',
    '    noPrependStageInUrl: true',
    '    noTimeout: true',
    '',
  ].join('\n');
};

/** Throws one line naming what is missing when `dir` has no serverless-offline installed. */
export const checkScratchFolder = (dir: string, exists = existsSync): void => {
  for (const file of [FRAMEWORK_BIN, PLUGIN_PACKAGE])
    if (!exists(path.join(dir, file)))
      throw new Error(
        `--offline ${dir}: no ${file} there; install serverless@3 and serverless-offline@13 in it first (tools/bench/README.md).`,
      );
};

/** `count` distinct free ports: every listener stays open until all have their port. */
const freePorts = async (count: number): Promise<number[]> => {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
};

/**
 * What `GET /health` answered: the handler's own answer (`status: ok`), a handler failure —
 * which serverless-offline answers with a 200 too, `errorMessage` in the body — or nothing yet.
 */
export const healthAnswer = (status: number, body: string): 'ok' | { failure: string } | null => {
  let parsed: { status?: unknown; errorMessage?: unknown } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return null;
  }
  if (typeof parsed.errorMessage === 'string') return { failure: parsed.errorMessage };
  return status === 200 && parsed.status === 'ok' ? 'ok' : null;
};

const askHealth = async (url: string) => {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return healthAnswer(response.status, await response.text());
  } catch {
    return null;
  }
};

/**
 * Writes the service into `<dir>/peer-rewards-bench/`, starts `serverless offline start` there
 * in a process of its own and resolves once `GET /health` gives the handler's answer.
 * serverless-offline logs at `warning` only (`SLS_LOG_LEVEL`), as the local stack runs
 * `--quiet`: no line per request.
 */
export const startOffline = async (options: {
  readonly dir: string;
  readonly bundle: string;
  readonly region: string;
  readonly environment: Readonly<Record<string, string>>;
  /** Variables of the serverless process itself (credentials); the handler shares them. */
  readonly processEnv: Readonly<Record<string, string>>;
}): Promise<{ child: ChildProcess; url: string }> => {
  checkScratchFolder(options.dir);
  const service = path.join(options.dir, SERVICE_FOLDER);
  mkdirSync(path.join(service, 'rewards-fn'), { recursive: true });
  copyFileSync(options.bundle, path.join(service, 'rewards-fn', 'index.js'));
  const [httpPort, lambdaPort] = await freePorts(2);
  writeFileSync(
    path.join(service, 'serverless.yml'),
    serverlessYml({
      handler: 'rewards-fn/index.handler',
      region: options.region,
      httpPort,
      lambdaPort,
      environment: options.environment,
    }),
  );
  const child = spawn(
    process.execPath,
    [path.join(options.dir, FRAMEWORK_BIN), 'offline', 'start'],
    {
      cwd: service,
      env: {
        ...process.env,
        ...options.processEnv,
        SLS_LOG_LEVEL: 'warning',
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        SLS_DEPRECATION_DISABLE: '*',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2_000);
  });
  const url = `http://127.0.0.1:${httpPort}`;
  const until = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const answer = await askHealth(`${url}/health`);
    if (answer === 'ok') break;
    if (answer !== null || child.exitCode !== null || Date.now() > until) {
      child.kill('SIGTERM');
      const why =
        answer !== null
          ? `the handler failed: ${answer.failure}`
          : child.exitCode === null
            ? 'GET /health did not answer in time'
            : `it exited with code ${child.exitCode}`;
      throw new Error(`serverless-offline: ${why}. ${output.trim()}`.trim());
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.stderr?.removeAllListeners('data');
  child.stderr?.pipe(process.stderr);
  return { child, url };
};
