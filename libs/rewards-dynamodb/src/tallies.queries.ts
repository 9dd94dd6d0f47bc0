import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BoardLine, PeriodKeys, UserStanding } from '@peer-rewards/rewards-domain';
import { batchGet, itemAt } from './batch-get';
import { bffOfLine, toBoardLine, toStoredLine, type StoredLine } from './board-line';
import { guarded } from './errors';
import { boardPartition, givenKey, receivedKey } from './keys';
import type { RepositoryOptions } from './repository-options';
import { INDEX } from './table.definition';

/**
 * The board of a period: one Query of `board` on `LB#<periodKey>`, `Limit = limit`. The index
 * sorts by points then username, so the lines read are exactly the lines shown, each with its
 * names and BFF: the read costs the size of `limit` small items, whatever ties there are.
 */
export const topReceivers = async (
  { client, tableName }: RepositoryOptions,
  periodKey: string,
  limit: number,
): Promise<BoardLine[]> => {
  const response = await guarded(() =>
    client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: INDEX.board,
        KeyConditionExpression: 'boardPk = :board',
        ExpressionAttributeValues: { ':board': boardPartition(periodKey) },
        Limit: limit,
      }),
    ),
  );
  return (response.Items ?? []).map((item) => toBoardLine(item as unknown as StoredLine));
};

/** Received and given, all time and this month, and the all-time BFF: one BatchGetItem. */
export const standing = async (
  options: RepositoryOptions,
  username: string,
  periods: PeriodKeys,
): Promise<UserStanding> => {
  const keys = {
    received: receivedKey(username, periods.all),
    receivedThisMonth: receivedKey(username, periods.month),
    given: givenKey(username, periods.all),
    givenThisMonth: givenKey(username, periods.month),
  };
  const items = await guarded(() => batchGet(options, Object.values(keys)));
  const pointsAt = (key: keyof typeof keys) =>
    (itemAt(items, keys[key])?.points as number | undefined) ?? 0;
  return {
    totals: {
      received: pointsAt('received'),
      given: pointsAt('given'),
      receivedThisMonth: pointsAt('receivedThisMonth'),
      givenThisMonth: pointsAt('givenThisMonth'),
    },
    bff: bffOfLine(toStoredLine(itemAt(items, keys.received))),
  };
};

/** The allowance spent in a month: GetItem `GIVEN#<month>`, consistent. */
export const spent = async (
  { client, tableName }: RepositoryOptions,
  username: string,
  monthKey: string,
): Promise<number> => {
  const response = await guarded(() =>
    client.send(
      new GetCommand({
        TableName: tableName,
        Key: givenKey(username, monthKey),
        ConsistentRead: true,
      }),
    ),
  );
  return (response.Item?.points as number | undefined) ?? 0;
};
