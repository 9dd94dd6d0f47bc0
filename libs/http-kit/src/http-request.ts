import { checkInput, parseInput, problemsOf, usernameSchema } from '@peer-rewards/rewards-domain';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { HttpError } from './http-error';
import type { Logger } from './logger';
import type { RouteMatch } from './router';

/** What a route handler gets: the parsed request and helpers that validate it. */
export interface HttpRequest {
  readonly event: APIGatewayProxyEventV2;
  readonly context: Context;
  readonly method: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
  /**
   * The caller's username from the verified JWT; 401 when the claim is absent or names no user
   * that can exist (checked once per request, before a private route runs).
   */
  caller(): string;
  /** Query string parsed with `schema`; unknown or bad parameters are a 400. */
  query<S extends z.core.$ZodType>(schema: S): z.output<S>;
  /**
   * Path parameters parsed with `schema`. A value the schema refuses names nothing that can
   * exist (`/users/NOT_VALID`), so it is a 404 `not-found` with the problem in `details`.
   */
  path<S extends z.core.$ZodType>(schema: S): z.output<S>;
  /** The parsed JSON body (validated by the use case). */
  body(): unknown;
}

export interface HttpResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export type RouteHandler = (request: HttpRequest) => Promise<HttpResult>;

/** A payload 2.0 event with the claims API Gateway's JWT authorizer adds. */
export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
};

/** The Lambda context once the routing middleware has matched the request. */
export interface RoutedContext extends Context {
  route?: RouteMatch<RouteHandler>;
}

export const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

export const methodOf = (event: HttpEvent): string =>
  event.requestContext?.http?.method?.toUpperCase() ?? 'GET';

export const pathOf = (event: HttpEvent): string =>
  event.rawPath ?? event.requestContext?.http?.path ?? '/';

/** The request a route handler sees; the caller comes from the verified claims only. */
export const createHttpRequest = (
  event: HttpEvent,
  context: Context,
  match: RouteMatch<RouteHandler>,
  options: { readonly usernameClaim: string; readonly log: Logger },
): HttpRequest => {
  const method = methodOf(event);
  const body: unknown = BODY_METHODS.has(method) ? event.body : undefined;
  // Read on first use: a public route never asks, and building its 401 would cost a stack trace.
  let caller: string | HttpError | undefined;
  return {
    event,
    context,
    method,
    headers: event.headers ?? {},
    log: options.log,
    caller() {
      caller ??= callerOf(
        event.requestContext?.authorizer?.jwt?.claims ?? {},
        options.usernameClaim,
      );
      if (caller instanceof HttpError) throw caller;
      return caller;
    },
    query: (schema) => parseInput(schema, event.queryStringParameters ?? {}, 'query'),
    path: (schema) => {
      const parsed = checkInput(schema, match.params);
      if (parsed.success) return parsed.data;
      const problems = problemsOf(parsed.error, 'path');
      throw new HttpError(404, 'not-found', `There is nothing at ${pathOf(event)}.`, {}, problems);
    },
    body: () => body,
  };
};

const unauthorized = (message: string) =>
  new HttpError(401, 'unauthorized', message, {
    'www-authenticate': 'Bearer error="invalid_token"',
  });

/**
 * The username a verified token names, or the 401 to answer. A claim that is no valid username
 * (`Alex`, the reserved `me`) would otherwise read every list but fail every write: it is
 * refused as a whole, the same way on every private route.
 */
const callerOf = (claims: Record<string, unknown>, claim: string): string | HttpError => {
  const value = claims[claim];
  if (typeof value !== 'string' || !value) {
    return unauthorized(`The token carries no "${claim}" claim.`);
  }
  if (!checkInput(usernameSchema, value).success) {
    return unauthorized(`The token's "${claim}" claim is not a valid username.`);
  }
  return value;
};
