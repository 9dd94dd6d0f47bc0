/**
 * The whole system on one machine: DynamoDB Local, the table, the built functions kept warm
 * in-process, and an HTTP server that does what API Gateway does in front of them (route
 * selection, JWT authorizer, payload 2.0 events, response mapping, CORS, limits).
 *
 *   request → route → JWT authorizer → payload 2.0 event → warm function → DynamoDB Local
 *
 * This file holds the lifecycle: what starts in which order and what `stop()` ends.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { scheduleEvent, type HttpApiEvent } from '@peer-rewards/lambda-events';
import { ENV, FUNCTIONS, tableNameFor, type FunctionName } from '@peer-rewards/platform-manifest';
import { ensureTable } from '@peer-rewards/rewards-dynamodb';
import { createApiGateway } from './api-gateway';
import { REPO_ROOT, appVersion } from './app-version';
import { parseOrigins } from './cors';
import {
  assertPortFree,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from './dynamodb-local/dynamodb-local';
import { loadOrCreateCursorKey } from './cursor-key';
import { localFunctionEnv, localSecretsOf } from './function-env';
import { FunctionHost, type Invocation } from './function-host';
import { close, listen } from './http-server';
import { responseFromInvocation, type HttpResponse } from './http-response';
import { createLocalIssuer, type LocalIssuer, type TokenOptions } from './local-issuer';
import { createRouter, type RouteMatch } from './routes';
import { seedDemoUsers } from './seed-demo-users';

export { CONFIG_PATH, LOCAL_TOKEN_PATH } from './api-gateway';
export { MAX_REQUEST_BYTES } from './request-body';

export interface LocalStackOptions {
  /** 0 = a free port; the CLI defaults to env PORT or 3000. */
  port?: number;
  /** Default 127.0.0.1 (DynamoDB Local itself listens on every interface). */
  host?: string;
  /** Port of the DynamoDB Local it starts; default a free one. */
  dynamodbPort?: number;
  /** DynamoDB Local with -inMemory instead of `.data/`; the issuer key is then in memory too. */
  inMemory?: boolean;
  /** Default `<repo>/.data`. */
  dataDir?: string;
  /** Use this DynamoDB instead of starting DynamoDB Local. */
  dynamodbEndpoint?: string;
  /** Default `tableNameFor('local')`. */
  tableName?: string;
  /** Default `<repo>/dist/apps`. */
  distDir?: string;
  /** Default true: the demo users on an empty table. */
  seed?: boolean;
  /** Run generator-fn on a schedule (every minute, or every `everyMs`). */
  generate?: boolean | { everyMs: number };
  /** Extra environment for the functions, e.g. `{ MONTHLY_ALLOWANCE: '100' }`. */
  functionEnv?: Record<string, string>;
  /** START/END/REPORT, function output and access log lines; default stdout. */
  log?: (line: string) => void;
  /** No per-request lines at all (benchmarks): not even formatted for a no-op `log`. */
  quiet?: boolean;
  /** Where the issuer key is kept; default `<dataDir>/local-issuer.json`, in memory with `inMemory`. */
  issuerKeyFile?: string;
}

export interface LocalStack {
  url: string;
  port: number;
  dynamodbEndpoint: string;
  tableName: string;
  tokenFor(
    username: string,
    options?: { expiresInSeconds?: number; claims?: Record<string, unknown> },
  ): string;
  /** Loads the named functions' bundles afresh on their next invocation (after a rebuild). */
  reload(functionNames?: readonly string[]): void;
  stop(): Promise<void>;
}

export const DEFAULT_GENERATE_EVERY_MS = 60_000;

/**
 * Settings every local function shares, also put in this process's environment for code the
 * bundles leave external (it resolves through the shared `require` and reads the real env).
 */
const applyProcessDefaults = () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
};

/** Invokes generator-fn every `everyMs`; a run that outlasts the interval is not overlapped. */
const scheduleGenerator = (
  invoke: (event: unknown) => Promise<unknown>,
  everyMs: number,
): NodeJS.Timeout => {
  let running = false;
  const timer = setInterval(() => {
    // As a schedule with a concurrency of one would.
    if (running) return;
    running = true;
    void invoke(scheduleEvent()).finally(() => {
      running = false;
    });
  }, everyMs);
  timer.unref();
  return timer;
};

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  applyProcessDefaults();
  const dataDir = path.resolve(options.dataDir ?? path.join(REPO_ROOT, '.data'));
  const distDir = path.resolve(options.distDir ?? path.join(REPO_ROOT, 'dist', 'apps'));
  const tableName = options.tableName ?? tableNameFor('local');
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const quiet = options.quiet ?? false;

  let dynamoDbLocal: DynamoDbLocal | null = null;
  let server: Server | null = null;
  let generatorTimer: NodeJS.Timeout | null = null;
  let client: DynamoDBClient | null = null;
  let stopped: Promise<void> | null = null;

  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (generatorTimer) clearInterval(generatorTimer);
      if (server) await close(server);
      client?.destroy();
      await dynamoDbLocal?.stop();
    })();
    return stopped;
  };

  try {
    // A taken API port fails before DynamoDB Local starts, not after a JVM start and a seed.
    if (options.port) await assertPortFree(options.port, 'the API', options.host ?? '127.0.0.1');
    let dynamodbEndpoint = options.dynamodbEndpoint;
    if (!dynamodbEndpoint) {
      dynamoDbLocal = await startDynamoDbLocal({
        port: options.dynamodbPort,
        ...(options.inMemory ? { inMemory: true } : { dbPath: dataDir }),
      });
      dynamodbEndpoint = dynamoDbLocal.endpoint;
    }
    client = new DynamoDBClient({
      endpoint: dynamodbEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await ensureTable(client, tableName);

    const issuer: LocalIssuer = createLocalIssuer({
      keyFile:
        options.issuerKeyFile ??
        (options.inMemory ? undefined : path.join(dataDir, 'local-issuer.json')),
    });
    const corsOrigins = parseOrigins(options.functionEnv?.[ENV.corsOrigins]);
    const sharedEnv = localFunctionEnv({
      tableName,
      dynamodbEndpoint,
      corsOrigins,
      version: appVersion(),
      cursorSigningKey: loadOrCreateCursorKey(options.inMemory ? undefined : dataDir),
    });
    // Each function's own: the shared settings, its secrets, then what the caller set.
    const functionEnvs = new Map<FunctionName, Record<string, string>>(
      FUNCTIONS.map((fn) => [
        fn.name,
        { ...sharedEnv, ...localSecretsOf(fn), ...options.functionEnv },
      ]),
    );
    const hosts = new Map<FunctionName, FunctionHost>(
      FUNCTIONS.map((fn) => [
        fn.name,
        new FunctionHost({
          name: fn.name,
          file: path.join(distDir, fn.name, 'index.js'),
          memoryMb: fn.memoryMb,
          timeoutSeconds: fn.timeoutSeconds,
          env: functionEnvs.get(fn.name) ?? sharedEnv,
          log: quiet ? undefined : log,
        }),
      ]),
    );
    const router = createRouter();

    const invokeFunction = (name: FunctionName, event: unknown): Promise<Invocation> => {
      const host = hosts.get(name);
      if (!host) throw new Error(`${name} is not a function of the manifest.`);
      return host.invoke(event);
    };

    const invokeRoute = async (match: RouteMatch, event: HttpApiEvent): Promise<HttpResponse> => {
      const invocation = await invokeFunction(match.functionName, event);
      if (!invocation.ok && !quiet) {
        log(
          `[${match.functionName}] ${invocation.error.errorType}: ${invocation.error.errorMessage}`,
        );
      }
      return responseFromInvocation(invocation, (reason) => {
        if (!quiet) log(`[${match.functionName}] Malformed Lambda proxy response: ${reason}`);
      });
    };

    if (options.seed ?? true) {
      await seedDemoUsers({
        client,
        tableName,
        usersFnBuilt: existsSync(path.join(distDir, 'users-fn', 'index.js')),
        invoke: async (event) => {
          const routeMatch = router.byRouteKey(event.routeKey);
          if (!routeMatch) throw new Error(`The manifest has no ${event.routeKey} route.`);
          return (await invokeRoute(routeMatch, event)).statusCode;
        },
        log,
      });
    }

    // Only now, with the table and the demo users in place: a client that sees the port answer
    // (a /health poll, a process manager) can use every route at once.
    const listening = await listen({
      respond: createApiGateway({
        router,
        issuer,
        corsOrigins,
        dashboardDir: path.join(distDir, 'dashboard'),
        invokeRoute,
      }),
      corsOrigins,
      log,
      quiet,
      port: options.port ?? 0,
      host: options.host,
    });
    server = listening.server;
    // The dashboard is served here, so links to it point here. A bundle loads at its first
    // invocation, after this: it reads the address like any other setting.
    for (const fn of FUNCTIONS) {
      const env = functionEnvs.get(fn.name);
      if (env && fn.kind === 'http' && fn.linksToDashboard) env[ENV.dashboardUrl] ??= listening.url;
    }

    if (options.generate) {
      generatorTimer = scheduleGenerator(
        (event) => invokeFunction('generator-fn', event),
        typeof options.generate === 'object' ? options.generate.everyMs : DEFAULT_GENERATE_EVERY_MS,
      );
    }

    return {
      url: listening.url,
      port: listening.port,
      dynamodbEndpoint,
      tableName,
      tokenFor: (username: string, tokenOptions?: TokenOptions) =>
        issuer.sign(username, tokenOptions),
      reload(functionNames) {
        for (const [name, host] of hosts) {
          if (!functionNames || functionNames.includes(name)) host.unload();
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
