import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { toErrorResponse } from '../error-mapping';
import type { HttpEvent } from '../http-request';
import { createLogger, type Logger } from '../logger';

export interface ErrorHandlerOptions {
  /** Where outages and unexpected errors are logged, with the request ids. */
  readonly logger: Logger;
}

const defaults: ErrorHandlerOptions = { logger: createLogger() };

/**
 * Every error becomes the API's error response (`{"error":{"code","message","details"?}}`)
 * with its status; only outages (503 + `Retry-After`) and unexpected errors (500) are logged.
 */
export const errorHandler = (
  opts: Partial<ErrorHandlerOptions> = {},
): middy.MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> => {
  const options = { ...defaults, ...opts };

  const errorHandlerOnError: middy.MiddlewareFn<HttpEvent, APIGatewayProxyStructuredResultV2> = (
    request,
  ) => {
    const log = options.logger.child({
      requestId: request.event.requestContext?.requestId,
      awsRequestId: request.context.awsRequestId,
    });
    request.response = toErrorResponse(request.error, log);
  };

  return { onError: errorHandlerOnError };
};
