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

/** Turns throttling and outages into the domain's 503 error; everything else is rethrown. */
export const translateError = (error: unknown): never => {
  if (isUnavailable(error)) {
    throw new DependencyUnavailableError(
      'The database is busy or unreachable. Please retry shortly.',
      1,
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
