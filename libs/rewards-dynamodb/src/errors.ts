import { DependencyUnavailableError } from '@peer-rewards/rewards-domain';

const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  // Another write (a reward's transaction) holds the item right now; a retry will get through.
  'TransactionConflictException',
  'TransactionInProgressException',
  // The request's deadline passed: the call was not sent, or abandoned in flight.
  'AbortError',
]);

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True for errors that mean "DynamoDB is throttled or out of reach": the client may retry. */
export const isUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (
    UNAVAILABLE.has(error.name) || (code !== undefined && NETWORK.has(code)) || (status ?? 0) >= 500
  );
};

/**
 * Keeps the DynamoDB error as the `cause` of the domain error that replaces it, as
 * `new Error(message, { cause })` would: an outage log can then tell throttling from a timeout.
 */
export const withCause = <T extends Error>(error: T, cause: unknown): T => {
  Object.defineProperty(error, 'cause', {
    value: cause,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return error;
};

/** Turns throttling and outages into the domain's 503 error (with the original as `cause`). */
export const translateError = (error: unknown): never => {
  if (isUnavailable(error)) {
    throw withCause(
      new DependencyUnavailableError(
        'The database is busy or unreachable. Please retry shortly.',
        1,
      ),
      error,
    );
  }
  throw error;
};

/** Runs a DynamoDB call, translating outages. */
export const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    return translateError(error);
  }
};
