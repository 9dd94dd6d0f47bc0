/**
 * The whole system on one machine: DynamoDB Local, the table, the built functions kept warm
 * in-process, and an HTTP server that does what API Gateway does in front of them (route
 * selection, JWT authorizer, payload 2.0 events, response mapping, CORS, limits).
 *
 *   request → route → JWT authorizer → payload 2.0 event → warm function → DynamoDB Local
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ENV, FUNCTIONS, tableNameFor, type FunctionName } from '@peer-rewards/platform-manifest';
import { ensureTable } from '@peer-rewards/rewards-dynamodb';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from '../dynamodb-local/dynamodb-local';
import { REPO_ROOT, appVersion } from './app-version';
import { applyCors, parseOrigins, preflightHeaders } from './cors';
import { DEMO_USERS, USERNAME_PATTERN } from './demo-users';
import { seedDemoUsers } from './seed-demo-users';
import { httpEvent, pooledRandomBytes, scheduleEvent, type HttpApiEvent } from './events';
import { FunctionHost, localFunctionEnv, type Invocation } from './function-host';
import {
  json,
  payloadTooLarge,
  notFound,
  responseFromInvocation,
  unauthorized,
  type HttpResponse,
} from './http-response';
import { JWKS_PATH, createLocalIssuer, type LocalIssuer, type TokenOptions } from './local-issuer';
import { createRouter, type RouteMatch } from './routes';
import { staticFile } from './static-files';

export interface LocalStackOptions {
  /** 0 = a free port; the CLI defaults to env PORT or 3000. */
  port?: number;
  /** Default 127.0.0.1 (DynamoDB Local itself listens on every interface). */
  host?: string;
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

/** API Gateway's payload limit for HTTP APIs. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
export const DEFAULT_GENERATE_EVERY_MS = 60_000;
export const LOCAL_TOKEN_PATH = '/local/token';
export const CONFIG_PATH = '/config.json';

class BodyTooLargeError extends Error {}

const readBody = (req: IncomingMessage): Promise<Buffer | undefined> => {
  const length = req.headers['content-length'];
  if (length === undefined && req.headers['transfer-encoding'] === undefined)
    return Promise.resolve(undefined);
  if (length !== undefined && Number(length) > MAX_REQUEST_BYTES)
    return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
};

const bearerToken = (header: string | undefined): string | null => {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : null;
};

const sourceIpOf = (req: IncomingMessage): string =>
  (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');

/** Header pairs as API Gateway forwards them: what the client sent plus its forwarding headers. */
const forwardedHeaders = (req: IncomingMessage, port: number): Array<[string, string]> => {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    pairs.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  pairs.push(
    ['x-forwarded-for', sourceIpOf(req)],
    ['x-forwarded-port', String(port)],
    ['x-forwarded-proto', 'http'],
    [
      'x-amzn-trace-id',
      `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${pooledRandomBytes(12).toString('hex')}`,
    ],
  );
  return pairs;
};

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
  let stopped: Promise<void> | null = null;

  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (generatorTimer) clearInterval(generatorTimer);
      if (server) {
        const closing = new Promise<void>((resolve) => server?.close(() => resolve()));
        server.closeAllConnections();
        await closing;
      }
      client?.destroy();
      await dynamoDbLocal?.stop();
    })();
    return stopped;
  };

  try {
    let dynamodbEndpoint = options.dynamodbEndpoint;
    if (!dynamodbEndpoint) {
      dynamoDbLocal = await startDynamoDbLocal(
        options.inMemory ? { inMemory: true } : { dbPath: dataDir },
      );
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
    const functionEnv: Record<string, string> = {
      ...localFunctionEnv({ tableName, dynamodbEndpoint, corsOrigins, version: appVersion() }),
      ...options.functionEnv,
    };
    const hosts = new Map<FunctionName, FunctionHost>(
      FUNCTIONS.map((fn) => [
        fn.name,
        new FunctionHost({
          name: fn.name,
          file: path.join(distDir, fn.name, 'index.js'),
          memoryMb: fn.memoryMb,
          timeoutSeconds: fn.timeoutSeconds,
          env: functionEnv,
          log: quiet ? undefined : log,
        }),
      ]),
    );
    const router = createRouter();
    const dashboardDir = path.join(distDir, 'dashboard');

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

    const localConfig = () => ({
      apiBaseUrl: '',
      auth: {
        mode: 'local',
        tokenEndpoint: LOCAL_TOKEN_PATH,
        users: DEMO_USERS.map(({ username, displayName, avatar }) => ({
          username,
          displayName,
          avatar,
        })),
      },
    });

    const issueToken = (body: Buffer | undefined): HttpResponse => {
      let username: unknown;
      try {
        username = (JSON.parse(body?.toString('utf8') ?? '') as { username?: unknown }).username;
      } catch {
        username = undefined;
      }
      if (typeof username !== 'string' || !USERNAME_PATTERN.test(username)) {
        return json(400, {
          error: {
            code: 'validation-failed',
            message: 'Send {"username": "…"} with a valid username.',
            details: [{ path: 'username', problem: `must match ${USERNAME_PATTERN.source}` }],
          },
        });
      }
      const token = issuer.sign(username);
      const claims = issuer.verify(token);
      const exp = claims.ok ? Number(claims.claims.exp) : 0;
      return json(200, { token, expiresAt: new Date(exp * 1000).toISOString() });
    };

    const respond = async (req: IncomingMessage, port: number): Promise<HttpResponse> => {
      const method = (req.method ?? 'GET').toUpperCase();
      const url = req.url ?? '/';
      const queryAt = url.indexOf('?');
      const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
      const rawQueryString = queryAt < 0 ? '' : url.slice(queryAt + 1);
      const origin = req.headers.origin;

      if (method === 'OPTIONS') {
        return {
          statusCode: 204,
          headers: preflightHeaders(corsOrigins, origin),
          body: Buffer.alloc(0),
        };
      }
      if (rawPath === CONFIG_PATH && method === 'GET') return json(200, localConfig());
      if (rawPath === JWKS_PATH && method === 'GET') return json(200, issuer.jwks());
      if (rawPath === LOCAL_TOKEN_PATH && method === 'POST') return issueToken(await readBody(req));

      const match = router.match(rawPath);
      if (match?.routeKey === '$default' && (method === 'GET' || method === 'HEAD')) {
        const file = await staticFile(dashboardDir, rawPath);
        if (file) return file;
      }
      if (!match) return notFound();

      const body = await readBody(req);
      let claims: Record<string, unknown> | null = null;
      if (!match.route.public) {
        const token = bearerToken(req.headers.authorization);
        if (!token) return unauthorized('no bearer token in the Authorization header');
        const verified = issuer.verify(token);
        if (!verified.ok) return unauthorized(verified.reason);
        claims = verified.claims;
      }
      const event = httpEvent({
        method,
        path: rawPath,
        rawQueryString,
        headers: forwardedHeaders(req, port),
        body,
        routeKey: match.routeKey,
        pathParameters: match.pathParameters,
        claims,
        sourceIp: sourceIpOf(req),
        protocol: `HTTP/${req.httpVersion}`,
      });
      const response = await invokeRoute(match, event);
      return {
        ...response,
        headers: { ...response.headers, 'apigw-requestid': event.requestContext.requestId },
      };
    };

    const send = (res: ServerResponse, response: HttpResponse, request: IncomingMessage) => {
      // A preflight answer already is API Gateway's own CORS response.
      const headers =
        request.method === 'OPTIONS'
          ? response.headers
          : applyCors(response.headers, corsOrigins, request.headers.origin);
      res.writeHead(response.statusCode, headers);
      res.end(response.body);
    };

    let listeningPort = 0;
    server = createServer((req, res) => {
      const started = performance.now();
      respond(req, listeningPort)
        .catch((error: unknown): HttpResponse => {
          if (error instanceof BodyTooLargeError) return payloadTooLarge();
          log(`[http] ${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
          return json(500, { message: 'Internal Server Error' });
        })
        .then((response) => {
          send(res, response, req);
          if (!quiet) {
            log(
              `[http] ${req.method} ${req.url} ${response.statusCode} ${(performance.now() - started).toFixed(1)} ms`,
            );
          }
        })
        .catch((error: unknown) => {
          log(`[http] could not answer ${req.method} ${req.url}: ${String(error)}`);
          res.destroy();
        });
    });
    // Keep-alive longer than a client's idle pool (autocannon, browsers) avoids reset connections.
    server.keepAliveTimeout = 65_000;
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        listening.off('error', reject);
        resolve();
      });
    });
    const { port } = listening.address() as AddressInfo;
    listeningPort = port;
    const displayHost =
      options.host && options.host !== '0.0.0.0' && options.host !== '::'
        ? options.host
        : 'localhost';
    const url = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;

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

    if (options.generate) {
      const everyMs =
        typeof options.generate === 'object' ? options.generate.everyMs : DEFAULT_GENERATE_EVERY_MS;
      let running = false;
      generatorTimer = setInterval(() => {
        // A run that outlasts the interval is not overlapped, as a schedule with one concurrency would.
        if (running) return;
        running = true;
        void invokeFunction('generator-fn', scheduleEvent()).finally(() => {
          running = false;
        });
      }, everyMs);
      generatorTimer.unref();
    }

    return {
      url,
      port,
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
