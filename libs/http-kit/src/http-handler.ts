import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { withDeadline } from './deadline';
import {
  createHttpRequest,
  type HttpEvent,
  type RouteHandler,
  type RoutedContext,
} from './http-request';
import { createLogger, type Logger, type LogLevel } from './logger';
import { accessLog } from './middleware/access-log.middleware';
import { cors } from './middleware/cors.middleware';
import { emfMetrics } from './middleware/emf-metrics.middleware';
import { errorHandler } from './middleware/error-handler.middleware';
import { etag } from './middleware/etag.middleware';
import { headerNames } from './middleware/header-names.middleware';
import { jsonBody } from './middleware/json-body.middleware';
import { routing } from './middleware/routing.middleware';
import { jsonResponse } from './responses';
import type { RouteDefinition } from './router';

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
  /** Where the metric line of each answer goes (stdout unless a test captures it). */
  readonly writeMetrics?: (line: string) => void;
}

/**
 * The Middy stack every HTTP function shares. Middy runs `before` in the order of `use` and
 * `after`/`onError` in reverse: the error handler turns an error into a response first, then
 * CORS adds its headers, then the access log and the metric line see the final answer. A route
 * runs with the invocation's deadline (`withDeadline`): its database calls stop before the
 * answer, so a 503 never hides a write that lands later.
 */
export const createHttpHandler = (options: HttpHandlerOptions) => {
  const logger = options.logger ?? createLogger({ fn: options.name }, options.logLevel);
  const usernameClaim = options.usernameClaim ?? 'username';
  return middy<HttpEvent, APIGatewayProxyStructuredResultV2, Error, RoutedContext>()
    .use(emfMetrics(options.writeMetrics ? { write: options.writeMetrics } : {}))
    .use(headerNames())
    .use(accessLog({ logger }))
    .use(cors({ origins: options.corsOrigins }))
    .use(errorHandler({ logger }))
    .use(etag())
    .use(routing({ routes: options.routes }))
    .use(jsonBody(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}))
    .handler(async (event, context) => {
      const match = context.route;
      if (!match) throw new Error('The routing middleware did not run.');
      const log = logger.child({
        requestId: event.requestContext?.requestId,
        awsRequestId: context.awsRequestId,
      });
      const request = createHttpRequest(event, context, match, { usernameClaim, log });
      if (!match.public) request.caller();
      return jsonResponse(await withDeadline(context, () => match.handler(request)));
    });
};
