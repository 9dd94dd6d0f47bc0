import {
  DomainError,
  DependencyUnavailableError,
  type AllowanceExceededError,
} from '@peer-rewards/rewards-domain';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError, STATUS_OF_CODE } from './http-error';
import type { Logger } from './logger';
import { errorResponse } from './responses';

const RETRY_MESSAGE = 'The service is busy. Please retry shortly.';

/**
 * Turns any error into the API's error response. Outages (503) and unexpected errors (500) are
 * logged with their cause chain, so a log tells throttling from a timeout; the body never
 * carries more than the code and a sentence.
 */
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
    return errorResponse(503, 'service-unavailable', RETRY_MESSAGE, undefined, {
      'retry-after': '1',
    });
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
