import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import {
  DomainError,
  DependencyUnavailableError,
  parseInput,
  type AllowanceExceededError,
} from '@peer-rewards/rewards-domain';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import { HttpError, STATUS_OF_CODE } from './http-error';
import { createLogger, type Logger, type LogLevel } from './logger';
import { createRouter, type RouteDefinition, type RouteMatch } from './router';

/** What a route handler gets: the parsed request and helpers that validate it. */
export interface HttpRequest {
  readonly event: APIGatewayProxyEventV2;
  readonly context: Context;
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
  /** The caller's username from the verified JWT; 401 when absent. */
  caller(): string;
  /** The caller if the request carries a verified token, else undefined. */
  optionalCaller(): string | undefined;
  /** Query string parsed with `schema`; unknown or bad parameters are a 400. */
  query<S extends z.ZodType>(schema: S): z.output<S>;
  /** Path parameters parsed with `schema`. */
  path<S extends z.ZodType>(schema: S): z.output<S>;
  /** The parsed JSON body (validated by the use case). */
  body(): unknown;
}

export interface HttpResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export type RouteHandler = (request: HttpRequest) => Promise<HttpResult>;

export interface HttpHandlerOptions {
  /** Function name for the logs. */
  readonly name: string;
  readonly routes: readonly RouteDefinition<RouteHandler>[];
  /** Origins allowed by CORS; never `*` in production. */
  readonly corsOrigins: readonly string[];
  /** JWT claim holding the username. */
  readonly usernameClaim?: string;
  /** Largest accepted body, bytes after base64 decoding. */
  readonly maxBodyBytes?: number;
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
}

type Event = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
};

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
// Media types are case-insensitive, and a parameter may follow after optional whitespace.
const JSON_TYPE = /^application\/([^;\s]+\+)?json\s*(;.*)?$/i;
const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

/** The one error body of the API: `{"error":{"code","message","details"?}}`. */
export const errorResponse = (
  status: number,
  code: string,
  message: string,
  details?: ReadonlyArray<{ path: string; message: string }>,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { ...BASE_HEADERS, ...headers },
  body: JSON.stringify({ error: { code, message, ...(details?.length ? { details } : {}) } }),
});

/** Turns any error into the API's error response; only unexpected ones are 500s, and logged. */
export const toErrorResponse = (error: unknown, log: Logger): APIGatewayProxyStructuredResultV2 => {
  if (error instanceof DependencyUnavailableError) {
    log.warn('dependency unavailable', { error });
    return errorResponse(503, error.code, error.message, undefined, {
      'retry-after': String(error.retryAfterSeconds),
    });
  }
  if (error instanceof DomainError) {
    const details =
      error.code === 'allowance-exceeded'
        ? [
            {
              path: 'points',
              message: `${(error as AllowanceExceededError).left} points left this month`,
            },
          ]
        : error.details;
    return errorResponse(STATUS_OF_CODE[error.code] ?? 400, error.code, error.message, details);
  }
  if (error instanceof HttpError) {
    return errorResponse(error.status, error.code, error.message, error.details, error.headers);
  }
  if (isDeadline(error)) {
    // Middy gives up just before Lambda would kill the invocation: in practice a database
    // that does not answer in time, which the client may retry like any other outage.
    log.warn('function deadline reached', { error });
    return errorResponse(
      503,
      'service-unavailable',
      'The service is busy. Please retry shortly.',
      undefined,
      {
        'retry-after': '1',
      },
    );
  }
  log.error('unhandled error', { error });
  return errorResponse(
    500,
    'internal-error',
    'Something went wrong on our side. Please retry later.',
  );
};

/** Middy's own timeout, raised a few milliseconds before the Lambda deadline. */
const isDeadline = (error: unknown): boolean =>
  error instanceof Error &&
  error.name === 'TimeoutError' &&
  (error.cause as { package?: string } | undefined)?.package === '@middy/core';

const bodyBytes = (event: Event): number => {
  if (event.body === undefined || event.body === null) return 0;
  return event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').length
    : Buffer.byteLength(event.body);
};

/**
 * The Middy stack every HTTP function shares: header normalizer, body limits and JSON parsing
 * (base64 bodies too), routing, CORS with configured origins, one error handler and a
 * structured access log carrying the request id.
 */
export const createHttpHandler = (options: HttpHandlerOptions) => {
  const route = createRouter(options.routes);
  const claim = options.usernameClaim ?? 'username';
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const rootLog = options.logger ?? createLogger({ fn: options.name }, options.logLevel);
  if (options.corsOrigins.some((origin) => origin.trim() === '*')) {
    // `*` would let any site call the API with a user's token: origins are always listed.
    throw new Error('CORS origins must be listed one by one; "*" is not accepted.');
  }

  // The JSON parser of the Middy stack (decodes base64 bodies too).
  const jsonBodyParser = httpJsonBodyParser();
  type MiddyRequest = middy.Request<Event, APIGatewayProxyStructuredResultV2, Error, Context>;
  const state = (request: MiddyRequest) => request.internal as { startedAt?: number };
  // What `routing` found, for the handler (Middy passes the handler only the event and context).
  const currentMatch = new WeakMap<Event, RouteMatch<RouteHandler>>();
  const methodOf = (event: Event) => event.requestContext?.http?.method?.toUpperCase() ?? 'GET';

  /** Routing first: an unknown path is a 404 and a wrong method a 405 whatever the body. */
  const routing: middy.MiddlewareObj<Event, APIGatewayProxyStructuredResultV2, Error, Context> = {
    before: (request) => {
      const path = request.event.rawPath ?? request.event.requestContext?.http?.path ?? '/';
      const method = methodOf(request.event);
      if (method === 'OPTIONS') {
        // A CORS preflight that reaches the function (an unauthenticated OPTIONS route in front
        // of an authorized ANY route): 204 with what the path allows; CORS adds its headers.
        currentMatch.set(request.event, { path, params: {}, handler: preflight(path) });
        return;
      }
      currentMatch.set(request.event, route(method, path));
    },
  };

  const preflight =
    (path: string): RouteHandler =>
    async () => {
      try {
        route('OPTIONS', path);
      } catch (error) {
        if (error instanceof HttpError && error.status === 405) {
          return { status: 204, headers: { allow: `${error.headers.Allow}, OPTIONS` } };
        }
        throw error;
      }
      return { status: 204 };
    };

  /** Bodies of POST/PUT/PATCH: size, presence and type checked, then parsed (base64 too). */
  const jsonBody: middy.MiddlewareObj<Event, APIGatewayProxyStructuredResultV2, Error, Context> = {
    before: async (request) => {
      const { event } = request;
      if (!BODY_METHODS.has(methodOf(event))) return;
      const size = bodyBytes(event);
      if (size > maxBodyBytes) {
        throw new HttpError(
          413,
          'payload-too-large',
          `The body is ${size} bytes; at most ${maxBodyBytes} are accepted.`,
        );
      }
      if (!event.body) {
        throw new HttpError(400, 'validation-failed', 'The request body is required.', {}, [
          { path: '(body)', message: 'is required' },
        ]);
      }
      if (!JSON_TYPE.test(event.headers?.['content-type'] ?? '')) {
        throw new HttpError(
          415,
          'unsupported-media-type',
          'Send the body as JSON with Content-Type: application/json.',
        );
      }
      // Media types are case-insensitive; Middy's parser matches lower case only.
      event.headers['content-type'] = 'application/json';
      try {
        await jsonBodyParser.before?.(request as never);
      } catch {
        throw new HttpError(400, 'validation-failed', 'The body is not valid JSON.', {}, [
          { path: '(body)', message: 'is not valid JSON' },
        ]);
      }
    },
  };

  const dispatch = async (event: Event, context: Context, match: RouteMatch<RouteHandler>) => {
    const method = methodOf(event);
    const log = rootLog.child({
      requestId: event.requestContext?.requestId,
      awsRequestId: context.awsRequestId,
    });
    const body: unknown = BODY_METHODS.has(method) ? event.body : undefined;
    const claims = event.requestContext?.authorizer?.jwt?.claims ?? {};
    const optionalCaller = () => {
      const value = claims[claim];
      return typeof value === 'string' && value ? value : undefined;
    };
    const request: HttpRequest = {
      event,
      context,
      method,
      params: match.params,
      headers: event.headers ?? {},
      log,
      optionalCaller,
      caller() {
        const caller = optionalCaller();
        if (!caller)
          throw new HttpError(401, 'unauthorized', `The token carries no "${claim}" claim.`);
        return caller;
      },
      query: (schema) => parseInput(schema, event.queryStringParameters ?? {}, 'query'),
      path: (schema) => parseInput(schema, match.params, 'path'),
      body: () => body,
    };
    const result = await match.handler(request);
    return {
      statusCode: result.status,
      headers: { ...BASE_HEADERS, ...result.headers },
      ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
    };
  };

  // Middy runs `before` in the order of `use`, `after` and `onError` in reverse: the error
  // handler turns an error into a response first, then CORS adds its headers, then the access
  // log sees the final response.
  const handler = middy<Event, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(httpHeaderNormalizer())
    .use({
      before: (request) => {
        state(request).startedAt = performance.now();
      },
      after: (request) => accessLog(request, rootLog),
      onError: (request) => accessLog(request, rootLog),
    })
    .use(
      httpCors({
        origins: [...options.corsOrigins],
        headers: 'authorization,content-type,idempotency-key',
        methods: 'GET,POST,PUT,OPTIONS',
        exposeHeaders: 'retry-after,allow',
        maxAge: 600,
      }),
    )
    .use({
      onError: (request) => {
        request.response = toErrorResponse(
          request.error,
          rootLog.child({ requestId: request.event.requestContext?.requestId }),
        );
      },
    })
    .use(routing)
    .use(jsonBody);
  return handler.handler(async (event, context) => {
    const match = currentMatch.get(event);
    if (!match) throw new Error('routing did not run');
    return dispatch(event, context, match);
  });
};

const accessLog = (
  request: {
    event: Event;
    response?: APIGatewayProxyStructuredResultV2 | null;
    internal: unknown;
    context: Context;
  },
  log: Logger,
) => {
  const startedAt = (request.internal as Record<string, number>).startedAt ?? performance.now();
  log.info('request', {
    requestId: request.event.requestContext?.requestId,
    awsRequestId: request.context.awsRequestId,
    method: request.event.requestContext?.http?.method,
    path: request.event.rawPath,
    status: request.response?.statusCode,
    durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
  });
};
