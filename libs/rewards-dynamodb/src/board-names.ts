import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { periodKeysOf } from '@peer-rewards/rewards-domain';
import { guarded } from './errors';
import type { ProfileNames } from './give-reward.snapshot';
import { bffOfPartition, boardPartition, receivedKey, type Key } from './keys';
import type { RepositoryOptions } from './repository-options';
import { INDEX } from './table.definition';

/** Attempts of one line's update while a reward's transaction holds the item. */
const MAX_ATTEMPTS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One conditional update of a line: a failed condition means the line does not need it (it does
 * not exist, or names another BFF by now); a reward's transaction on the item is waited out.
 */
const updateLine = async (
  { client, tableName }: RepositoryOptions,
  input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new UpdateCommand({ TableName: tableName, ...input }));
      return;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      const conflict = (error as Error).name === 'TransactionConflictException';
      if (!conflict || attempt >= MAX_ATTEMPTS) return guarded(() => Promise.reject(error));
      await sleep(Math.random() * 20 * attempt);
    }
  }
};

/** The keys of the lines of one board that name `username` as their BFF (index `byBff`). */
const linesNamingBff = async (
  { client, tableName }: RepositoryOptions,
  username: string,
  periodKey: string,
): Promise<Key[]> => {
  const keys: Key[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const response = await guarded(() =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: INDEX.byBff,
          KeyConditionExpression: 'bffOf = :bff AND boardPk = :board',
          ExpressionAttributeValues: {
            ':bff': bffOfPartition(username),
            ':board': boardPartition(periodKey),
          },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    for (const item of response.Items ?? []) keys.push({ pk: item.pk, sk: item.sk } as Key);
    startKey = response.LastEvaluatedKey;
  } while (startKey);
  return keys;
};

/**
 * Carries a changed name and avatar onto the boards the dashboard shows (this week, this month,
 * all time): the user's own lines by key, and the lines naming them as BFF through `byBff`.
 * Runs after the profile is written; a reward that read the old name is cancelled by its
 * condition on the profile and computed again, so no line keeps the old name.
 */
export const carryNamesToBoards = async (
  options: RepositoryOptions,
  username: string,
  names: ProfileNames,
  now: string,
): Promise<void> => {
  const periods = periodKeysOf(new Date(now));
  await Promise.all(
    [periods.week, periods.month, periods.all].map(async (periodKey) => {
      const own = updateLine(options, {
        Key: receivedKey(username, periodKey),
        UpdateExpression: names.avatar
          ? 'SET displayName = :name, avatar = :avatar'
          : 'SET displayName = :name REMOVE avatar',
        ConditionExpression: 'attribute_exists(points)',
        ExpressionAttributeValues: {
          ':name': names.displayName,
          ...(names.avatar ? { ':avatar': names.avatar } : {}),
        },
      });
      const asBff = linesNamingBff(options, username, periodKey).then((keys) =>
        Promise.all(
          keys.map((key) =>
            updateLine(options, {
              Key: key,
              UpdateExpression: 'SET bffName = :name',
              ConditionExpression: 'bff = :bff',
              ExpressionAttributeValues: { ':name': names.displayName, ':bff': username },
            }),
          ),
        ),
      );
      await Promise.all([own, asBff]);
    }),
  );
};
