/**
 * The whole system on one machine: DynamoDB Local, the table, the built functions kept warm
 * in-process, and an HTTP server that does what API Gateway does in front of them (route
 * selection, JWT authorizer, payload 2.0 events, response mapping, CORS, limits).
 *
 *   request → route → JWT authorizer → payload 2.0 event → `live` alias → the version its
 *   weights pick, each warm in its own container → DynamoDB Local
 *
 * Beside it, on its own port, the local control plane: the Lambda API subset the release CLI
 * uses (versions, aliases, invoke) and its SSM parameters.
 *
 * This file holds the lifecycle: what starts in which order and what `stop()` ends.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type HttpApiEvent } from '@peer-rewards/lambda-events';
import { DEFAULT_GENERATE_EVERY_MS, scheduleGenerator } from './generator-schedule';
import { ENV, FUNCTIONS, tableNameFor } from '@peer-rewards/platform-manifest';
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
import { close, listen } from './http-server';
import { startControlPlane, type ControlPlane } from './lambda-api/control-plane';
import { LocalLambda, type Deployment } from './lambda-api/local-lambda';
import { responseFromInvocation, type HttpResponse } from './http-response';
import type { Invocation } from './function-host';
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
  /** Port of the local control plane (Lambda and SSM APIs); default 0, a free port. */
  controlPort?: number;
  /**
   * Where published versions keep their copies of the code (`<dir>/<fn>/<version>/`), emptied at
   * start; default a temporary folder removed by `stop()`.
   */
  versionsDir?: string;
}

export interface LocalStack {
  url: string;
  port: number;
  dynamodbEndpoint: string;
  tableName: string;
  /** The local control plane: endpoint for `@aws-sdk/client-lambda` and `@aws-sdk/client-ssm`. */
  awsEndpoint: string;
  tokenFor(
    username: string,
    options?: { expiresInSeconds?: number; claims?: Record<string, unknown> },
  ): string;
  /**
   * After a rebuild: publishes a new version of each named function whose code changed and
   * moves `live` onto it at once, as dev's all-at-once deployment does (a cold start follows).
   */
  reload(functionNames?: readonly string[]): Deployment[];
  stop(): Promise<void>;
}

export { DEFAULT_GENERATE_EVERY_MS } from './generator-schedule';

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
  let controlPlane: ControlPlane | null = null;
  let lambda: LocalLambda | null = null;
  let stopped: Promise<void> | null = null;
  const versionsDir =
    options.versionsDir ?? mkdtempSync(path.join(tmpdir(), 'peer-rewards-versions-'));
  // Versions are numbered from 1 again on every start, as a fresh deployment would be.
  rmSync(versionsDir, { recursive: true, force: true });

  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (generatorTimer) clearInterval(generatorTimer);
      if (server) await close(server);
      await controlPlane?.stop();
      lambda?.unloadAll();
      if (!options.versionsDir) rmSync(versionsDir, { recursive: true, force: true });
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
    const functionEnvs = new Map<string, Record<string, string>>(
      FUNCTIONS.map((fn) => [
        fn.name,
        { ...sharedEnv, ...localSecretsOf(fn), ...options.functionEnv },
      ]),
    );
    const localLambda = new LocalLambda({
      distDir,
      versionsDir,
      env: (spec) => functionEnvs.get(spec.name) ?? sharedEnv,
      log: quiet ? undefined : log,
    });
    lambda = localLambda;
    const deployAll = (names: readonly string[]): Deployment[] =>
      names.flatMap((name) => {
        const deployed = localLambda.deployAllAtOnce(name);
        return deployed ? [deployed] : [];
      });
    // As a first deployment would: version 1 of each built function, `live` on it.
    for (const deployed of deployAll([...localLambda.byManifestName.keys()])) {
      if (!quiet)
        log(
          `[lambda] ${deployed.function}: version ${deployed.version}, live → ${deployed.version}`,
        );
    }
    controlPlane = await startControlPlane(localLambda, {
      port: options.controlPort ?? 0,
      // An address, not `localhost`: the SDK must not try another address family first.
      host: options.host ?? '127.0.0.1',
      log,
    });
    const router = createRouter();

    const toResponse = (match: RouteMatch, invocation: Invocation): HttpResponse => {
      if (!invocation.ok && !quiet) {
        log(
          `[${match.functionName}] ${invocation.error.errorType}: ${invocation.error.errorMessage}`,
        );
      }
      return responseFromInvocation(invocation, (reason) => {
        if (!quiet) log(`[${match.functionName}] Malformed Lambda proxy response: ${reason}`);
      });
    };
    const invokeRoute = (match: RouteMatch, event: HttpApiEvent): Promise<HttpResponse> =>
      localLambda
        .invokeLive(match.functionName, event)
        .then((invocation) => toResponse(match, invocation));

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
        (event) => localLambda.invokeLive('generator-fn', event),
        typeof options.generate === 'object' ? options.generate.everyMs : DEFAULT_GENERATE_EVERY_MS,
      );
    }

    return {
      url: listening.url,
      port: listening.port,
      dynamodbEndpoint,
      tableName,
      awsEndpoint: controlPlane.url,
      tokenFor: (username: string, tokenOptions?: TokenOptions) =>
        issuer.sign(username, tokenOptions),
      reload: (functionNames) => deployAll(functionNames ?? [...localLambda.byManifestName.keys()]),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
