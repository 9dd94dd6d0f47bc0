/**
 * What API Gateway does with one request before and after the function: CORS preflights, the
 * local endpoints (dashboard config, JWKS, token issuer), route selection, the JWT authorizer,
 * the payload 2.0 event, and the dashboard's static files on `$default`.
 */
import type { IncomingMessage } from 'node:http';
import { httpEvent, pooledRandomBytes, type HttpApiEvent } from '@peer-rewards/lambda-events';
import { preflightHeaders } from './cors';
import { DEMO_USERS, USERNAME_PATTERN } from './demo-users';
import { json, notFound, unauthorized, type HttpResponse } from './http-response';
import { JWKS_PATH, type LocalIssuer } from './local-issuer';
import { hasBody, readBody } from './request-body';
import type { RouteMatch, Router } from './routes';
import { staticFile } from './static-files';

export const LOCAL_TOKEN_PATH = '/local/token';
export const CONFIG_PATH = '/config.json';

export interface ApiGatewayOptions {
  readonly router: Router;
  readonly issuer: LocalIssuer;
  readonly corsOrigins: readonly string[];
  /** The built dashboard, served on `$default` for GET and HEAD. */
  readonly dashboardDir: string;
  /** Invokes the route's function with the event and maps its result to a response. */
  readonly invokeRoute: (match: RouteMatch, event: HttpApiEvent) => Promise<HttpResponse>;
}

export type RespondFn = (req: IncomingMessage, port: number) => Promise<HttpResponse>;

const bearerToken = (header: string | undefined): string | null => {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : null;
};

const MAPPED_IPV4 = '::ffff:';

export const sourceIpOf = (req: IncomingMessage): string => {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith(MAPPED_IPV4) ? address.slice(MAPPED_IPV4.length) : address;
};

/**
 * The headers API Gateway forwards, as Node's raw list (name, value, …): what the client sent
 * plus the forwarding headers API Gateway adds.
 */
const forwardedHeaders = (req: IncomingMessage, port: number, sourceIp: string): string[] => {
  const raw = req.rawHeaders.slice();
  raw.push(
    'x-forwarded-for',
    sourceIp,
    'x-forwarded-port',
    String(port),
    'x-forwarded-proto',
    'http',
    'x-amzn-trace-id',
    `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${pooledRandomBytes(12).toString('hex')}`,
  );
  return raw;
};

/** The dashboard's `/config.json` locally: sign in with the local issuer as a demo user. */
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

const issueToken = (issuer: LocalIssuer, body: Buffer | undefined): HttpResponse => {
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

/** `HTTP/1.1` for the usual version, made once. */
const protocolOf = (httpVersion: string): string =>
  httpVersion === '1.1' ? 'HTTP/1.1' : `HTTP/${httpVersion}`;

export const createApiGateway = ({
  router,
  issuer,
  corsOrigins,
  dashboardDir,
  invokeRoute,
}: ApiGatewayOptions): RespondFn => {
  /** The authorizer, the event and the invocation of a matched route. */
  const forward = (
    req: IncomingMessage,
    port: number,
    match: RouteMatch,
    method: string,
    rawPath: string,
    rawQueryString: string,
    body: Buffer | undefined,
  ): Promise<HttpResponse> => {
    let claims: Record<string, unknown> | null = null;
    if (!match.route.public) {
      const token = bearerToken(req.headers.authorization);
      if (!token) {
        return Promise.resolve(unauthorized('no bearer token in the Authorization header'));
      }
      const verified = issuer.verify(token);
      if (!verified.ok) return Promise.resolve(unauthorized(verified.reason));
      claims = verified.claims;
    }
    const sourceIp = sourceIpOf(req);
    const event = httpEvent({
      method,
      path: rawPath,
      rawQueryString,
      rawHeaders: forwardedHeaders(req, port, sourceIp),
      body,
      routeKey: match.routeKey,
      pathParameters: match.pathParameters,
      claims,
      sourceIp,
      protocol: protocolOf(req.httpVersion),
    });
    const requestId = event.requestContext.requestId;
    return invokeRoute(match, event).then((response) => {
      response.headers['apigw-requestid'] = requestId;
      return response;
    });
  };

  /** Forwards a matched request once its body is read; one without a body waits for nothing. */
  const withBody = (
    req: IncomingMessage,
    port: number,
    match: RouteMatch,
    method: string,
    rawPath: string,
    rawQueryString: string,
  ): Promise<HttpResponse> =>
    hasBody(req)
      ? readBody(req).then((body) =>
          forward(req, port, match, method, rawPath, rawQueryString, body),
        )
      : forward(req, port, match, method, rawPath, rawQueryString, undefined);

  /**
   * One request. Written with promises rather than as an async function: a request to a
   * function, the common case, waits only for the invocation.
   */
  const route = (req: IncomingMessage, port: number): Promise<HttpResponse> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
    const rawQueryString = queryAt < 0 ? '' : url.slice(queryAt + 1);

    if (method === 'OPTIONS') {
      return Promise.resolve({
        statusCode: 204,
        headers: preflightHeaders(corsOrigins, req.headers.origin),
        body: Buffer.alloc(0),
      });
    }
    if (rawPath === CONFIG_PATH && method === 'GET') {
      return Promise.resolve(json(200, localConfig()));
    }
    if (rawPath === JWKS_PATH && method === 'GET') return Promise.resolve(json(200, issuer.jwks()));
    if (rawPath === LOCAL_TOKEN_PATH && method === 'POST') {
      return readBody(req).then((body) => issueToken(issuer, body));
    }

    const match = router.match(rawPath);
    if (!match) return Promise.resolve(notFound());
    if (match.routeKey === '$default' && (method === 'GET' || method === 'HEAD')) {
      return staticFile(dashboardDir, rawPath).then(
        (file) => file ?? withBody(req, port, match, method, rawPath, rawQueryString),
      );
    }
    return withBody(req, port, match, method, rawPath, rawQueryString);
  };
  return (req, port) => {
    try {
      return route(req, port);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
};
