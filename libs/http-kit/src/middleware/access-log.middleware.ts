import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpEvent } from '../http-request';
import { createLogger, type Logger } from '../logger';

export interface AccessLogOptions {
  readonly logger: Logger;
}

const defaults: AccessLogOptions = { logger: createLogger() };

type Request = middy.Request<HttpEvent, APIGatewayProxyStructuredResultV2>;

/**
 * One JSON line per request once the answer is final (after errors are mapped and CORS
 * headers added): request ids, method, path, status and duration.
 */
export const accessLog = (
  opts: Partial<AccessLogOptions> = {},
): middy.MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> => {
  const options = { ...defaults, ...opts };
  const startedAt = new WeakMap<Request, number>();

  const accessLogBefore = (request: Request) => {
    startedAt.set(request, performance.now());
  };

  const accessLogAfter = (request: Request) => {
    const durationMs = performance.now() - (startedAt.get(request) ?? performance.now());
    options.logger.info('request', {
      requestId: request.event.requestContext?.requestId,
      awsRequestId: request.context.awsRequestId,
      method: request.event.requestContext?.http?.method,
      path: request.event.rawPath,
      status: request.response?.statusCode,
      durationMs: Math.round(durationMs * 100) / 100,
    });
  };

  return { before: accessLogBefore, after: accessLogAfter, onError: accessLogAfter };
};
