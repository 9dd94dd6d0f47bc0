/**
 * API Gateway HTTP API payload 2.0, built as API Gateway builds it from one request: header
 * names lower-cased and repeats comma-joined, cookies in their own list, the query string parsed,
 * text bodies as text and every other body base64-encoded, JWT claims as strings.
 */
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2WithRequestContext,
} from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_API_ID } from './local-account';
import { pooledRandomBytes } from './random-bytes';

/** JWT claims as the authorizer hands them to the function: every value a string. */
export type JwtClaimsInEvent = Record<string, string>;

/**
 * A payload 2.0 event. Behind the JWT authorizer it carries `requestContext.authorizer.jwt`
 * (`APIGatewayProxyEventV2WithJWTAuthorizer`); on a public route it has no authorizer
 * (`APIGatewayProxyEventV2`). Both are assignable to this type.
 */
export type HttpApiEvent = APIGatewayProxyEventV2WithRequestContext<
  APIGatewayEventRequestContextV2 & { authorizer?: APIGatewayEventRequestContextJWTAuthorizer }
>;

export interface HttpEventInput {
  readonly method: string;
  /** The path as sent, without the query string (percent-encoding kept). */
  readonly path: string;
  /** The query string as sent, without `?`. */
  readonly rawQueryString?: string;
  /** Header pairs as received (repeats allowed) or a record; names in any case. */
  readonly headers?:
    ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string | readonly string[]>>;
  /**
   * Headers as Node's `IncomingMessage.rawHeaders` gives them (name, value, name, value, …),
   * after `headers`: what a server received, read without making a pair of each.
   */
  readonly rawHeaders?: readonly string[];
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
  /** Base64-encode the body whatever its content type. */
  readonly base64?: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

const formatTime = (date: Date): string =>
  `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(
    date.getUTCMinutes(),
  )}:${two(date.getUTCSeconds())} +0000`;

/** The last second formatted: a busy stack builds many events within one. */
let lastTime = { second: Number.NaN, text: '' };

const timeAt = (epochMs: number): string => {
  const second = Math.floor(epochMs / 1000);
  if (second !== lastTime.second) lastTime = { second, text: formatTime(new Date(epochMs)) };
  return lastTime.text;
};

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
export const apiGatewayTime = (date: Date): string => timeAt(date.getTime());

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

const headerPairs = (
  headers: HttpEventInput['headers'],
): ReadonlyArray<readonly [string, string]> => {
  if (!headers) return [];
  if (Array.isArray(headers)) return headers as ReadonlyArray<readonly [string, string]>;
  return Object.entries(headers as Record<string, string | readonly string[]>).flatMap(
    ([name, value]) =>
      typeof value === 'string'
        ? [[name, value] as [string, string]]
        : value.map((v) => [name, v] as [string, string]),
  );
};

/** The host without its port; the few hosts a stack sees are remembered. */
const domains = new Map<string, string>();
const domainOf = (host: string | undefined): string => {
  if (host === undefined) return 'localhost';
  let domain = domains.get(host);
  if (domain === undefined) {
    domain = host.replace(/:\d+$/, '');
    if (domains.size < 64) domains.set(host, domain);
  }
  return domain;
};

const hasMembers = (record: Readonly<Record<string, unknown>>): boolean => {
  for (const name in record) if (Object.hasOwn(record, name)) return true;
  return false;
};

/** The first label of a domain name (`api` of `api.example.com`). */
const prefixOf = (domain: string): string => {
  const dot = domain.indexOf('.');
  return dot < 0 ? domain : domain.slice(0, dot);
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

/** Adds one received header as payload 2.0 carries it: cookies to their list, repeats joined. */
const addHeader = (
  headers: Record<string, string>,
  cookies: string[],
  rawName: string,
  value: string,
): void => {
  const name = rawName.toLowerCase();
  // Payload 2.0 moves cookies out of the headers into their own list.
  if (name === 'cookie') {
    for (const cookie of value.split(';')) {
      const trimmed = cookie.trim();
      if (trimmed) cookies.push(trimmed);
    }
    return;
  }
  headers[name] = name in headers ? `${headers[name]},${value}` : value;
};

/** The JWT authorizer's part of the request context. */
const jwtAuthorizer = (claims: Readonly<Record<string, unknown>>) => ({
  jwt: {
    claims: stringifyClaims(claims),
    scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : null,
  },
});

/** An API Gateway HTTP API payload 2.0 event for one request. */
export const httpEvent = (input: HttpEventInput): HttpApiEvent => {
  const timeEpoch = input.time ? input.time.getTime() : Date.now();
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of headerPairs(input.headers)) addHeader(headers, cookies, name, value);
  const raw = input.rawHeaders;
  if (raw)
    for (let i = 0; i + 1 < raw.length; i += 2) addHeader(headers, cookies, raw[i], raw[i + 1]);
  const rawQueryString = input.rawQueryString ?? '';
  const method = input.method.toUpperCase();
  const domainName = domainOf(headers.host);
  // Optional members are added where API Gateway has them; conditional spreads in the literals
  // cost more than building the rest of the event.
  const requestContext: HttpApiEvent['requestContext'] = {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: LOCAL_API_ID,
    domainName,
    domainPrefix: prefixOf(domainName),
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
    time: timeAt(timeEpoch),
    timeEpoch,
  };
  if (input.claims) requestContext.authorizer = jwtAuthorizer(input.claims);
  const event: HttpApiEvent = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.path,
    rawQueryString,
    headers,
    isBase64Encoded: false,
    requestContext,
  };
  if (cookies.length > 0) event.cookies = cookies;
  const query = queryStringParameters(rawQueryString);
  if (query) event.queryStringParameters = query;
  if (input.pathParameters && hasMembers(input.pathParameters)) {
    event.pathParameters = { ...input.pathParameters };
  }
  const body = input.body;
  if (body !== undefined && body.length > 0) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    if (!input.base64 && isTextContentType(headers['content-type'])) {
      event.body = bytes.toString('utf8');
    } else {
      event.body = bytes.toString('base64');
      event.isBase64Encoded = true;
    }
  }
  return event;
};
