import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BoardLine, PeriodKeys, UserStanding } from '@peer-rewards/rewards-domain';
import { batchGet, itemAt } from './batch-get';
import {
  SCORED_NAME_LENGTH,
  bffOfLine,
  boardScore,
  byBoardOrder,
  toBoardLine,
  toStoredLine,
  type StoredLine,
} from './board-line';
import { guarded } from './errors';
import { boardPartition, givenKey, receivedKey } from './keys';
import type { RepositoryOptions } from './repository-options';
import { INDEX } from './table.definition';

const boardQuery = (
  { client, tableName }: RepositoryOptions,
  periodKey: string,
  extra: { limit?: number; score?: bigint },
) =>
  guarded(() =>
    client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: INDEX.board,
        KeyConditionExpression:
          'boardPk = :board' + (extra.score === undefined ? '' : ' AND boardScore = :score'),
        ExpressionAttributeValues: {
          ':board': boardPartition(periodKey),
          ...(extra.score === undefined ? {} : { ':score': extra.score }),
        },
        ScanIndexForward: false,
        ...(extra.limit === undefined ? {} : { Limit: extra.limit }),
      }),
    ),
  );

/**
 * The board of a period: one Query of `board` on `LB#<periodKey>`, descending, `Limit = limit`.
 * The score orders by points, then username, so the lines read are the lines shown, with their
 * names and BFF, whatever the ties. Only when the last line's name is longer than the score
 * orders by can another line share its score: a second Query reads that score's lines.
 */
export const topReceivers = async (
  options: RepositoryOptions,
  periodKey: string,
  limit: number,
): Promise<BoardLine[]> => {
  const read = await boardQuery(options, periodKey, { limit });
  let lines = (read.Items ?? []) as unknown as StoredLine[];
  const last = lines.at(-1);
  if (last && lines.length === limit && last.username.length > SCORED_NAME_LENGTH) {
    const score = boardScore(last.points, last.username);
    const tied = await boardQuery(options, periodKey, { score });
    const sameScore = (line: StoredLine) => boardScore(line.points, line.username) === score;
    lines = [
      ...lines.filter((line) => !sameScore(line)),
      ...((tied.Items ?? []) as unknown as StoredLine[]),
    ];
  }
  return [...lines].sort(byBoardOrder).slice(0, limit).map(toBoardLine);
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
