import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PeriodKeys, PointsTally, UserTotals } from '@peer-rewards/rewards-domain';
import { batchGet } from './batch-get';
import { guarded } from './errors';
import { bffPartition, givenKey, leaderboardPartition, receivedKey, type Key } from './keys';
import type { RepositoryOptions } from './repository-options';
import { INDEX } from './table.definition';

/** Items per Query once a tie at the cut makes the next page impossible to size. */
const WIDE_PAGE = 100;
/** Counters one leaderboard or BFF read looks at, at most, to settle ties at the cut. */
const MAX_TALLIES_READ = 1_000;

/** The tie rule of the port: most points first, then by username. */
const byPointsThenName = (a: PointsTally, b: PointsTally) =>
  b.points - a.points || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0);

/**
 * The `limit` highest counters of a `byPoints` partition and everyone tied with the last of
 * them, sorted by points then username (the index leaves equal points in no set order).
 */
const topOf = async (
  { client, tableName }: RepositoryOptions,
  partition: string,
  limit: number,
): Promise<PointsTally[]> => {
  const tallies: PointsTally[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (;;) {
    const response = await guarded(() =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: INDEX.byPoints,
          KeyConditionExpression: 'gsi1pk = :partition',
          ExpressionAttributeValues: { ':partition': partition },
          ScanIndexForward: false,
          // First the page asked for and one more to see a tie at the cut; then wide pages,
          // as a tie can take many counters to settle.
          Limit: startKey ? WIDE_PAGE : limit + 1,
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    for (const item of response.Items ?? []) {
      tallies.push({ username: item.username as string, points: item.points as number });
    }
    startKey = response.LastEvaluatedKey;
    const cut = tallies[limit - 1];
    const last = tallies.at(-1);
    // Done when the page ran out, or when the last item read is below the cut. A tie of more
    // than MAX_TALLIES_READ counters is cut there, so no read grows with the number of users.
    if (
      !startKey ||
      (cut && last && last.points < cut.points) ||
      tallies.length >= MAX_TALLIES_READ
    )
      break;
  }
  const sorted = tallies.sort(byPointsThenName);
  const cut = sorted[limit - 1];
  return cut
    ? sorted.filter((tally, index) => index < limit || tally.points === cut.points)
    : sorted;
};

/** Best colleagues of a period: Query `byPoints` on `LB#<periodKey>`. */
export const topReceivers = (options: RepositoryOptions, periodKey: string, limit: number) =>
  topOf(options, leaderboardPartition(periodKey), limit);

/** The BFF of a user in a period: the top of `BFF#<receiver>#<periodKey>`. */
export const topGiver = async (
  options: RepositoryOptions,
  receiver: string,
  periodKey: string,
): Promise<PointsTally | null> => {
  const [top] = await topOf(options, bffPartition(receiver, periodKey), 1);
  return top ?? null;
};

/** Received and given, all time and this month: one BatchGetItem of four counters. */
export const totals = async (
  options: RepositoryOptions,
  username: string,
  periods: PeriodKeys,
): Promise<UserTotals> => {
  const keys = {
    received: receivedKey(username, periods.all),
    receivedThisMonth: receivedKey(username, periods.month),
    given: givenKey(username, periods.all),
    givenThisMonth: givenKey(username, periods.month),
  };
  const items = await guarded(() => batchGet(options, Object.values(keys)));
  const pointsAt = (key: Key) =>
    (items.find((item) => item.pk === key.pk && item.sk === key.sk)?.points as
      number | undefined) ?? 0;
  return {
    received: pointsAt(keys.received),
    given: pointsAt(keys.given),
    receivedThisMonth: pointsAt(keys.receivedThisMonth),
    givenThisMonth: pointsAt(keys.givenThisMonth),
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
