import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DocumentClientOptions {
  /** Another DynamoDB (DynamoDB Local); absent in AWS. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Attempts per call, including the first (SDK retries with backoff). */
  readonly maxAttempts?: number;
  /**
   * The signal of the request being served, passed to every call: once it aborts, no call is
   * sent any more (and none is retried) and one in flight is abandoned.
   */
  readonly signal?: () => AbortSignal | undefined;
}

/** Integers beyond 2^53 as their text; everything else as a number. */
export const wrapLargeIntegers = (value: string): number | string => {
  const number = Number(value);
  return Number.isInteger(number) && !Number.isSafeInteger(number) ? value : number;
};

/**
 * A document client with short timeouts, so an unreachable database becomes a 503 well within
 * the function's timeout instead of a hang.
 */
export const createDocumentClient = (
  options: DocumentClientOptions = {},
): DynamoDBDocumentClient => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.region ? { region: options.region } : {}),
      maxAttempts: options.maxAttempts ?? 3,
      // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes
      // and keeps waiting: a database that accepts the connection but never answers would hang
      // the function until Lambda kills it.
      requestHandler: {
        connectionTimeout: 1_000,
        requestTimeout: 3_000,
        throwOnRequestTimeout: true,
      },
    }),
    {
      marshallOptions: { removeUndefinedValues: true },
      // A board line's score has 38 digits: it stays the string DynamoDB sent, every other
      // number becomes a JavaScript number as before.
      unmarshallOptions: { wrapNumbers: wrapLargeIntegers },
    },
  );
  const { signal } = options;
  if (!signal) return client;
  const send = client.send.bind(client) as (command: unknown, options?: object) => Promise<unknown>;
  // Every call of every repository goes through `send`: the one place to add the signal.
  client.send = ((command: unknown, callOptions?: object) => {
    const abortSignal = signal();
    return send(command, abortSignal ? { abortSignal, ...callOptions } : callOptions);
  }) as DynamoDBDocumentClient['send'];
  return client;
};
