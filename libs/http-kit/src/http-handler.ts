import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import { DomainError, DependencyUnavailableError, parseInput, type AllowanceExceededError } from '@peer-rewards/rewards-domain';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { HttpError, STATUS_OF_CODE } from './http-error';
import { createLogger, type Logger, type LogLevel } from './logger';
import { createRouter, type RouteDefinition } from './router';

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
const JSON_TYPE = /^application\/(.+\+)?json($|;.+)/;
const BASE_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

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
    return errorResponse(503, error.code, error.message, undefined, { 'retry-after': String(error.retryAfterSeconds) });
  }
  if (error instanceof DomainError) {
    const details =
      error.code === 'allowance-exceeded'
        ? [{ path: 'points', message: `${(error as AllowanceExceededError).left} points left this month` }]
        : error.details;
    return errorResponse(STATUS_OF_CODE[error.code] ?? 400, error.code, error.message, details);
  }
  if (error instanceof HttpError) {
    return errorResponse(error.status, error.code, error.message, error.details, error.headers);
  }
  log.error('unhandled error', { error });
  return errorResponse(500, 'internal-error', 'Something went wrong on our side. Please retry later.');
};

const bodyBytes = (event: Event): number => {
  if (event.body === undefined || event.body === null) return 0;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').length : Buffer.byteLength(event.body);
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
  const parser = httpJsonBodyParser();

  const dispatch = async (event: Event, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
    const path = event.rawPath ?? event.requestContext?.http?.path ?? '/';
    const log = rootLog.child({ requestId: event.requestContext?.requestId, awsRequestId: context.awsRequestId });
    const match = route(method, path);

    let body: unknown;
    if (BODY_METHODS.has(method)) {
      const size = bodyBytes(event);
      if (size > maxBodyBytes) {
        throw new HttpError(413, 'payload-too-large', `The body is ${size} bytes; at most ${maxBodyBytes} are accepted.`);
      }
      if (!event.body) {
        throw new HttpError(400, 'validation-failed', 'The request body is required.', {}, [
          { path: '(body)', message: 'is required' },
        ]);
      }
      if (!JSON_TYPE.test(event.headers?.['content-type'] ?? '')) {
        throw new HttpError(415, 'unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
      }
      try {
        const parsing = { event: { ...event }, context, response: undefined, error: undefined, internal: {} };
        await parser.before?.(parsing as never);
        body = parsing.event.body;
      } catch {
        throw new HttpError(400, 'validation-failed', 'The body is not valid JSON.', {}, [
          { path: '(body)', message: 'is not valid JSON' },
        ]);
      }
    }

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
        if (!caller) throw new HttpError(401, 'unauthorized', `The token carries no "${claim}" claim.`);
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

  // Middy runs `after` and `onError` in reverse order of `use`: the error handler (last) turns
  // an error into a response first, then CORS adds its headers, then the access log sees it all.
  return middy<Event, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(httpHeaderNormalizer())
    .use({
      before: (request) => {
        (request.internal as Record<string, unknown>).startedAt = performance.now();
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
    .handler(dispatch);
};

const accessLog = (
  request: { event: Event; response?: APIGatewayProxyStructuredResultV2 | null; internal: unknown; context: Context },
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
