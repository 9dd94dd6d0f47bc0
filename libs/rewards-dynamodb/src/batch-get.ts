import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys';
import type { RepositoryOptions } from './repository-options';

/** BatchGetItem takes at most 100 keys per request. */
const KEYS_PER_REQUEST = 100;
/** Rounds of unprocessed keys retried before the read counts as throttled. */
const MAX_ROUNDS = 8;

/**
 * Reads every key, 100 per request, retrying what DynamoDB leaves unprocessed; `consistent`
 * for strongly consistent reads (twice the read units).
 */
export const batchGet = async (
  { client, tableName }: RepositoryOptions,
  keys: readonly Key[],
  consistent = false,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_REQUEST) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(
      start,
      start + KEYS_PER_REQUEST,
    );
    for (let attempt = 0; pending?.length; attempt += 1) {
      if (attempt > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      if (attempt > MAX_ROUNDS)
        throw Object.assign(new Error('BatchGet left keys unprocessed'), {
          name: 'ThrottlingException',
        });
      const response: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: { Keys: pending, ...(consistent ? { ConsistentRead: true } : {}) },
          },
        }),
      );
      items.push(...(response.Responses?.[tableName] ?? []));
      pending = response.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
};

/** The item of `key` among items a batch returned (in no set order). */
export const itemAt = (
  items: readonly Record<string, unknown>[],
  key: Key,
): Record<string, unknown> | undefined =>
  items.find((item) => item.pk === key.pk && item.sk === key.sk);
