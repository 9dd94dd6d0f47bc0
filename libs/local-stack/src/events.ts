/**
 * The events Lambda receives, built as AWS builds them: API Gateway HTTP API payload 2.0 and the
 * EventBridge "Scheduled Event". The local server, `npm run invoke`, `npm run event` and the test
 * fixtures all use these generators, so a locally built event cannot differ from a fixture.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './local-issuer';
import { createRouter, type Router } from './routes';

export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_API_ID = 'local';

export type JwtClaimsInEvent = Record<string, string>;

export interface HttpApiEvent {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    authorizer?: { jwt: { claims: JwtClaimsInEvent; scopes: string[] | null } };
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
}

export interface ScheduledEvent {
  version: '0';
  id: string;
  'detail-type': 'Scheduled Event';
  source: 'aws.events';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, never>;
}

export interface HttpEventInput {
  readonly method: string;
  /** The path as sent, without the query string (percent-encoding kept). */
  readonly path: string;
  /** The query string as sent, without `?`. */
  readonly rawQueryString?: string;
  /** Header pairs as received (repeats allowed) or a record; names in any case. */
  readonly headers?:
    ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string | readonly string[]>>;
  /** Text or bytes; carried as text for textual content types and as base64 otherwise. */
  readonly body?: string | Uint8Array;
  readonly routeKey: string;
  readonly pathParameters?: Readonly<Record<string, string>>;
  /** The verified token's claims, or null for a route without an authorizer. */
  readonly claims?: Readonly<Record<string, unknown>> | null;
  readonly sourceIp?: string;
  readonly requestId?: string;
  readonly time?: Date;
  readonly protocol?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
export const apiGatewayTime = (date: Date): string =>
  `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(
    date.getUTCMinutes(),
  )}:${two(date.getUTCSeconds())} +0000`;

/**
 * Random bytes from a pool refilled 4 KB at a time: one `randomBytes` call per request costs a
 * measurable share of a local request's time.
 */
let pool = Buffer.alloc(0);
let poolOffset = 0;
export const pooledRandomBytes = (size: number): Buffer => {
  if (poolOffset + size > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  poolOffset += size;
  return pool.subarray(poolOffset - size, poolOffset);
};

/** An id shaped like API Gateway's (`JKJaXmPLvHcESHA=`). */
export const apiGatewayRequestId = (): string => pooledRandomBytes(10).toString('base64');

/**
 * Content types API Gateway passes as text; every other body (and a body without a content
 * type) arrives base64-encoded with `isBase64Encoded: true`.
 */
export const isTextContentType = (contentType: string | undefined): boolean => {
  if (!contentType) return false;
  const type = contentType.split(';')[0].trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/javascript' ||
    type === 'application/graphql'
  );
};

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** `a=1&a=2&b` → `{a: '1,2', b: ''}`: repeated keys joined by commas, as payload 2.0 does. */
export const queryStringParameters = (
  rawQueryString: string,
): Record<string, string> | undefined => {
  if (!rawQueryString) return undefined;
  const params: Record<string, string> = {};
  for (const pair of rawQueryString.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const key = decode(at < 0 ? pair : pair.slice(0, at));
    const value = decode(at < 0 ? '' : pair.slice(at + 1));
    params[key] = key in params ? `${params[key]},${value}` : value;
  }
  return Object.keys(params).length > 0 ? params : undefined;
};

const headerPairs = (headers: HttpEventInput['headers']): Array<[string, string]> => {
  if (!headers) return [];
  if (Array.isArray(headers)) return headers.map(([name, value]) => [name, value]);
  return Object.entries(headers as Record<string, string | readonly string[]>).flatMap(
    ([name, value]) =>
      typeof value === 'string'
        ? [[name, value] as [string, string]]
        : value.map((v) => [name, v] as [string, string]),
  );
};

/** JWT claims as API Gateway hands them to the function: every value a string. */
export const stringifyClaims = (claims: Readonly<Record<string, unknown>>): JwtClaimsInEvent => {
  const result: JwtClaimsInEvent = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) result[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') result[name] = JSON.stringify(value);
    else result[name] = String(value);
  }
  return result;
};

/** An API Gateway HTTP API payload 2.0 event for one request. */
export const httpEvent = (input: HttpEventInput): HttpApiEvent => {
  const time = input.time ?? new Date();
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [rawName, value] of headerPairs(input.headers)) {
    const name = rawName.toLowerCase();
    // Payload 2.0 moves cookies out of the headers into their own list.
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const rawQueryString = input.rawQueryString ?? '';
  const method = input.method.toUpperCase();
  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  const event: HttpApiEvent = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.path,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    isBase64Encoded: false,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      ...(input.claims
        ? {
            authorizer: {
              jwt: {
                claims: stringifyClaims(input.claims),
                scopes:
                  typeof input.claims.scope === 'string'
                    ? input.claims.scope.split(' ').filter(Boolean)
                    : null,
              },
            },
          }
        : {}),
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: {
        method,
        path: input.path,
        protocol: input.protocol ?? 'HTTP/1.1',
        sourceIp: input.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId ?? apiGatewayRequestId(),
      routeKey: input.routeKey,
      stage: '$default',
      time: apiGatewayTime(time),
      timeEpoch: time.getTime(),
    },
  };
  const query = queryStringParameters(rawQueryString);
  if (query) event.queryStringParameters = query;
  if (input.pathParameters && Object.keys(input.pathParameters).length > 0) {
    event.pathParameters = { ...input.pathParameters };
  }
  const body = input.body;
  if (body !== undefined && body.length > 0) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    if (isTextContentType(headers['content-type'])) {
      event.body = bytes.toString('utf8');
    } else {
      event.body = bytes.toString('base64');
      event.isBase64Encoded = true;
    }
  }
  return event;
};

export interface ScheduleEventInput {
  readonly time?: Date;
  readonly id?: string;
  readonly ruleName?: string;
  readonly region?: string;
  readonly account?: string;
}

/** The event EventBridge sends for a schedule rule (`detail-type: Scheduled Event`). */
export const scheduleEvent = (input: ScheduleEventInput = {}): ScheduledEvent => {
  const region = input.region ?? LOCAL_REGION;
  const account = input.account ?? LOCAL_ACCOUNT_ID;
  return {
    version: '0',
    id: input.id ?? randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    // EventBridge sends whole seconds.
    time: (input.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [
      `arn:aws:events:${region}:${account}:rule/${input.ruleName ?? 'local-generator-fn-schedule'}`,
    ],
    detail: {},
  };
};

export interface RequestEventInput {
  readonly method: string;
  /** Path, optionally with `?query`. */
  readonly path: string;
  /** Extra `key=value` query pairs (repeats allowed). */
  readonly query?: readonly string[];
  /** JSON text; sent as `application/json`. */
  readonly body?: string;
  /** The caller: the event then carries the claims the local issuer's token would have. */
  readonly user?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly time?: Date;
  readonly requestId?: string;
}

/**
 * The event a request to the deployed API would produce: route key and path parameters chosen as
 * API Gateway chooses them, and claims only on routes behind the authorizer.
 */
export const requestEvent = (
  input: RequestEventInput,
  router: Router = createRouter(),
): HttpApiEvent => {
  const queryAt = input.path.indexOf('?');
  const rawPath = queryAt < 0 ? input.path : input.path.slice(0, queryAt);
  const rawQuery = [queryAt < 0 ? '' : input.path.slice(queryAt + 1), ...(input.query ?? [])]
    .filter(Boolean)
    .join('&');
  const match = router.match(rawPath);
  if (!match) throw new Error(`No route of the manifest matches ${rawPath}.`);
  const time = input.time ?? new Date();
  const iat = Math.floor(time.getTime() / 1000);
  const headers: Record<string, string> = {
    accept: '*/*',
    host: 'localhost:3000',
    'user-agent': 'curl/8.5.0',
    ...(input.body !== undefined
      ? {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(input.body)),
        }
      : {}),
    ...input.headers,
  };
  return httpEvent({
    method: input.method,
    path: rawPath,
    rawQueryString: rawQuery,
    headers,
    body: input.body,
    routeKey: match.routeKey,
    pathParameters: match.pathParameters,
    claims:
      input.user && !match.route.public
        ? {
            iss: LOCAL_ISSUER,
            aud: LOCAL_AUDIENCE,
            sub: input.user,
            username: input.user,
            iat,
            exp: iat + 3600,
          }
        : null,
    time,
    requestId: input.requestId,
  });
};
