import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  InvalidCursorError,
  type FeedRequest,
  type Page,
  type Reward,
} from '@peer-rewards/rewards-domain';
import type { CursorCodec, CursorPosition } from './cursor';
import { guarded } from './errors';
import type { FeedMonths } from './feed-months';
import { feedPartition, giverPartition, receiverPartition, rewardKey } from './keys';
import type { RepositoryOptions } from './repository-options';
import { ULID, feedMonthOf, toReward } from './reward.item';
import { INDEX } from './table.definition';

/** Items per Query once a filter makes the next match impossible to size. */
const WIDE_PAGE = 100;

export interface FeedQueryOptions extends RepositoryOptions {
  readonly feedMonths: FeedMonths;
  /** Most items one page filtered by both giver and receiver reads. */
  readonly filteredReadLimit: number;
  readonly cursors: CursorCodec;
}

const pageOf = async (
  rewards: Reward[],
  limit: number,
  cursorOf: (last: Reward) => Promise<string>,
): Promise<Page<Reward>> => {
  const items = rewards.slice(0, limit);
  const last = items.at(-1);
  return rewards.length > limit && last ? { items, nextCursor: await cursorOf(last) } : { items };
};

/** Rewards to and/or from one user: one partition of `byReceiver` or `byGiver`. */
const userFeed = async (
  options: FeedQueryOptions,
  request: FeedRequest,
  query: string,
  after?: string,
): Promise<Page<Reward>> => {
  const { client, tableName, filteredReadLimit } = options;
  const byReceiver = request.to !== undefined;
  const partitionAttribute = byReceiver ? 'toPk' : 'fromPk';
  const partition = byReceiver
    ? receiverPartition(request.to as string)
    : giverPartition(request.from as string);
  const both = request.to !== undefined && request.from !== undefined;
  const rewards: Reward[] = [];
  let evaluated = 0;
  let startKey: Record<string, unknown> | undefined = after
    ? { ...rewardKey(after), [partitionAttribute]: partition, id: after }
    : undefined;
  do {
    const wanted = request.limit + 1 - rewards.length;
    const input: QueryCommandInput = {
      TableName: tableName,
      IndexName: byReceiver ? INDEX.byReceiver : INDEX.byGiver,
      KeyConditionExpression: `${partitionAttribute} = :partition`,
      ExpressionAttributeValues: {
        ':partition': partition,
        ...(both ? { ':from': request.from } : {}),
      },
      ...(both
        ? { FilterExpression: '#from = :from', ExpressionAttributeNames: { '#from': 'from' } }
        : {}),
      ScanIndexForward: false,
      // Filtered: read wider pages (Limit counts items read, not matches), within the budget.
      Limit: both ? Math.min(Math.max(wanted, WIDE_PAGE), filteredReadLimit - evaluated) : wanted,
      ExclusiveStartKey: startKey,
    };
    const response = await guarded(() => client.send(new QueryCommand(input)));
    evaluated += response.ScannedCount ?? response.Items?.length ?? 0;
    rewards.push(...(response.Items ?? []).map(toReward));
    startKey = response.LastEvaluatedKey;
  } while (startKey && rewards.length <= request.limit && (!both || evaluated < filteredReadLimit));
  if (startKey && rewards.length <= request.limit) {
    // The read budget ran out before the page filled: the next page starts after the last
    // item read, whether it matched or not.
    return {
      items: rewards,
      nextCursor: await options.cursors.encode(query, { after: startKey.id as string }),
    };
  }
  return pageOf(rewards, request.limit, (last) =>
    options.cursors.encode(query, { after: last.id }),
  );
};

/** The whole feed: month partitions of `feed`, newest month first. */
const monthFeed = async (
  options: FeedQueryOptions,
  limit: number,
  query: string,
  position?: CursorPosition,
): Promise<Page<Reward>> => {
  const { client, tableName } = options;
  const months = await options.feedMonths.newestFirst();
  const startMonth = position?.month;
  const rewards: Reward[] = [];
  for (const month of months) {
    if (startMonth && month > startMonth) continue;
    let startKey: Record<string, unknown> | undefined =
      position && month === startMonth
        ? { ...rewardKey(position.after), feedPk: feedPartition(month), id: position.after }
        : undefined;
    do {
      const response = await guarded(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: INDEX.feed,
            KeyConditionExpression: 'feedPk = :partition',
            ExpressionAttributeValues: { ':partition': feedPartition(month) },
            ScanIndexForward: false,
            Limit: limit + 1 - rewards.length,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      rewards.push(...(response.Items ?? []).map(toReward));
      startKey = response.LastEvaluatedKey;
    } while (startKey && rewards.length <= limit);
    if (rewards.length > limit) break;
  }
  return pageOf(rewards, limit, (last) =>
    options.cursors.encode(query, { after: last.id, month: feedMonthOf(last) }),
  );
};

/** Rewards newest first, optionally to and/or from one user; cursors name their filters. */
export const feed = async (
  options: FeedQueryOptions,
  request: FeedRequest,
): Promise<Page<Reward>> => {
  const query = `feed:${request.to ?? ''}:${request.from ?? ''}`;
  const position = request.cursor
    ? await options.cursors.decode(request.cursor, query, ULID)
    : undefined;
  if (request.to || request.from) return userFeed(options, request, query, position?.after);
  if (position && !position.month)
    throw new InvalidCursorError('The cursor is not one this API issued.');
  return monthFeed(options, request.limit, query, position);
};
