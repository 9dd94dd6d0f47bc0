import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  AllowanceExceededError,
  DependencyUnavailableError,
  IdempotencyConflictError,
  InvalidCursorError,
  NotFoundError,
  ProfileRequiredError,
  type FeedRequest,
  type GiveRewardCommand,
  type GiveRewardOutcome,
  type Page,
  type PeriodKeys,
  type PointsTally,
  type Reward,
  type RewardRepository,
  type UserTotals,
} from '@peer-rewards/rewards-domain';
import { decodeCursor, encodeCursor } from './cursor';
import { guarded, translateError } from './errors';
import {
  bffPartition,
  feedMonthsKey,
  feedPartition,
  givenKey,
  giverPartition,
  idempotencyKey,
  leaderboardPartition,
  pairKey,
  receivedKey,
  receiverPartition,
  rewardKey,
  type Key,
} from './keys';
import { INDEX } from './table.definition';
import { batchGet, type RepositoryOptions } from './user.repository';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** How long an idempotency key is remembered. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** Attempts of the reward transaction when concurrent writers conflict on a counter. */
const MAX_TRANSACTION_ATTEMPTS = 10;
/** Default of `filteredReadLimit`: items one page of a filtered feed may read at most. */
const FILTERED_READ_LIMIT = 1_000;
/** Items per Query once a filter or a tie makes the next match impossible to size. */
const WIDE_PAGE = 100;
/** Counters one leaderboard or BFF read looks at, at most, to settle ties at the cut. */
const MAX_TALLIES_READ = 1_000;

export interface RewardRepositoryOptions extends RepositoryOptions {
  /**
   * Most items one page of `GET /rewards?to=a&from=b` reads. Only one of the two is a key; the
   * other is a filter, so a page could otherwise read a whole partition to find a match. When
   * the limit is reached the page ends early, with a cursor that continues where it stopped.
   */
  readonly filteredReadLimit?: number;
}

export const toReward = (item: Record<string, unknown>): Reward => ({
  id: item.id as string,
  from: item.from as string,
  to: item.to as string,
  points: item.points as number,
  message: item.message as string,
  createdAt: item.createdAt as string,
});

/** Positions of the items in the reward transaction, to read `CancellationReasons` by. */
const ITEM = { giverProfile: 0, receiverProfile: 1, reward: 2, spend: 3, idempotency: 11 } as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rewards and their counters. Giving is one TransactWriteItems; every read is a GetItem,
 * BatchGetItem or a Query with a limit, so no request's cost grows with the table.
 */
export class DynamoDbRewardRepository implements RewardRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly knownFeedMonths = new Set<string>();
  private readonly filteredReadLimit: number;

  constructor(options: RewardRepositoryOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.filteredReadLimit = Math.max(1, options.filteredReadLimit ?? FILTERED_READ_LIMIT);
  }

  async give(command: GiveRewardCommand): Promise<GiveRewardOutcome> {
    const { reward, idempotency } = command;
    if (idempotency) {
      const replay = await this.replay(reward.from, idempotency.key, idempotency.fingerprint);
      if (replay) return replay;
    }
    if (reward.points > command.allowance) {
      // The spend condition below only looks at an existing spend item: on the first reward of
      // the month there is none, so a reward larger than the allowance must be refused here.
      const spent = await this.spent(reward.from, command.periods.month);
      throw new AllowanceExceededError(
        Math.max(0, command.allowance - spent),
        reward.points,
        command.allowance,
      );
    }
    await this.registerFeedMonth(reward.createdAt.slice(0, 7));

    const items = this.transactionItems(command);
    // Makes the SDK's own retries of one attempt safe: DynamoDB applies it once. Tokens live
    // for 10 minutes per account and region, not per table, and one reused with other items is
    // an IdempotentParameterMismatchException: deriving the token from the items themselves
    // (table, keys, values) means equal tokens can only ever carry equal items.
    const digest = createHash('sha256')
      .update(JSON.stringify(items))
      .digest('base64url')
      .slice(0, 32);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: items,
            ClientRequestToken: `${digest}-${attempt}`,
          }),
        );
        return { kind: 'created', reward };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) return translateError(error);
        const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
        const failed = (index: number) => reasons[index] === 'ConditionalCheckFailed';
        if (idempotency && failed(ITEM.idempotency)) {
          const replay = await this.replay(reward.from, idempotency.key, idempotency.fingerprint);
          if (replay) return replay;
        }
        if (failed(ITEM.giverProfile)) throw new ProfileRequiredError(reward.from);
        if (failed(ITEM.receiverProfile))
          throw new NotFoundError(`There is no user "${reward.to}".`);
        if (failed(ITEM.spend)) {
          const spent = await this.spent(reward.from, command.periods.month);
          throw new AllowanceExceededError(
            Math.max(0, command.allowance - spent),
            reward.points,
            command.allowance,
          );
        }
        const retryable = reasons.some((code) =>
          ['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded'].includes(
            code,
          ),
        );
        if (!retryable) throw error;
        if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
          throw new DependencyUnavailableError(
            'Too many rewards at once. Please retry shortly.',
            1,
          );
        }
        await sleep(Math.random() * Math.min(400, 10 * 2 ** attempt));
      }
    }
  }

  private transactionItems(command: GiveRewardCommand) {
    const { reward, periods, allowance, idempotency } = command;
    const table = this.tableName;
    const periodList = [periods.week, periods.month, periods.all];
    const exists = (key: Key) => ({
      ConditionCheck: { TableName: table, Key: key, ConditionExpression: 'attribute_exists(pk)' },
    });
    const add = (key: Key, extra: Record<string, string> = {}) => {
      const names = Object.keys(extra);
      return {
        Update: {
          TableName: table,
          Key: key,
          UpdateExpression:
            (names.length ? `SET ${names.map((name) => `#${name} = :${name}`).join(', ')} ` : '') +
            'ADD points :points',
          ExpressionAttributeNames: names.length
            ? Object.fromEntries(names.map((name) => [`#${name}`, name]))
            : undefined,
          ExpressionAttributeValues: {
            ':points': reward.points,
            ...Object.fromEntries(names.map((name) => [`:${name}`, extra[name]])),
          },
        },
      };
    };
    const items: NonNullable<
      ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
    > = [
      exists({ pk: `USER#${reward.from}`, sk: 'PROFILE' }),
      exists({ pk: `USER#${reward.to}`, sk: 'PROFILE' }),
      {
        Put: {
          TableName: table,
          Item: {
            ...rewardKey(reward.id),
            ...reward,
            type: 'reward',
            feedPk: feedPartition(reward.createdAt.slice(0, 7)),
            toPk: receiverPartition(reward.to),
            fromPk: giverPartition(reward.from),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: table,
          Key: givenKey(reward.from, periods.month),
          UpdateExpression: 'SET username = :giver ADD points :points',
          // Never past the allowance, whatever runs concurrently.
          ConditionExpression: 'attribute_not_exists(points) OR points <= :most',
          ExpressionAttributeValues: {
            ':giver': reward.from,
            ':points': reward.points,
            ':most': allowance - reward.points,
          },
        },
      },
      add(givenKey(reward.from, periods.all), { username: reward.from }),
      ...periodList.map((key) =>
        add(receivedKey(reward.to, key), {
          username: reward.to,
          gsi1pk: leaderboardPartition(key),
        }),
      ),
      ...periodList.map((key) =>
        add(pairKey(reward.to, key, reward.from), {
          username: reward.from,
          receiver: reward.to,
          gsi1pk: bffPartition(reward.to, key),
        }),
      ),
    ];
    if (idempotency) {
      items.push({
        Put: {
          TableName: table,
          Item: {
            ...idempotencyKey(reward.from, idempotency.key),
            rewardId: reward.id,
            fingerprint: idempotency.fingerprint,
            expiresAt: Math.floor(Date.parse(reward.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    return items;
  }

  /** The earlier outcome of this idempotency key, a conflict, or null when it is new. */
  private async replay(
    giver: string,
    key: string,
    fingerprint: string,
  ): Promise<GiveRewardOutcome | null> {
    const record = await guarded(() =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: idempotencyKey(giver, key),
          ConsistentRead: true,
        }),
      ),
    );
    if (!record.Item) return null;
    if (record.Item.fingerprint !== fingerprint) throw new IdempotencyConflictError();
    const reward = await this.getConsistent(record.Item.rewardId as string);
    if (!reward) return null;
    return { kind: 'replayed', reward };
  }

  private async registerFeedMonth(month: string): Promise<void> {
    if (this.knownFeedMonths.has(month)) return;
    await guarded(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: feedMonthsKey,
          UpdateExpression: 'ADD months :month',
          ExpressionAttributeValues: { ':month': new Set([month]) },
        }),
      ),
    );
    this.knownFeedMonths.add(month);
  }

  private async getConsistent(id: string): Promise<Reward | null> {
    const response = await guarded(() =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: rewardKey(id), ConsistentRead: true }),
      ),
    );
    return response.Item ? toReward(response.Item) : null;
  }

  async get(id: string): Promise<Reward | null> {
    if (!ULID.test(id)) return null;
    const response = await guarded(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: rewardKey(id) })),
    );
    return response.Item ? toReward(response.Item) : null;
  }

  async feed(request: FeedRequest): Promise<Page<Reward>> {
    const query = `feed:${request.to ?? ''}:${request.from ?? ''}`;
    const position = request.cursor ? decodeCursor(request.cursor, query, ULID) : undefined;
    if (request.to || request.from) return this.userFeed(request, query, position?.after);
    if (position && !position.month)
      throw new InvalidCursorError('The cursor is not one this API issued.');
    return this.monthFeed(request.limit, query, position);
  }

  /** Rewards to and/or from one user: one partition of `byReceiver` or `byGiver`. */
  private async userFeed(
    request: FeedRequest,
    query: string,
    after?: string,
  ): Promise<Page<Reward>> {
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
        TableName: this.tableName,
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
        Limit: both
          ? Math.min(Math.max(wanted, WIDE_PAGE), this.filteredReadLimit - evaluated)
          : wanted,
        ExclusiveStartKey: startKey,
      };
      const response = await guarded(() => this.client.send(new QueryCommand(input)));
      evaluated += response.ScannedCount ?? response.Items?.length ?? 0;
      rewards.push(...(response.Items ?? []).map(toReward));
      startKey = response.LastEvaluatedKey;
    } while (
      startKey &&
      rewards.length <= request.limit &&
      (!both || evaluated < this.filteredReadLimit)
    );
    if (startKey && rewards.length <= request.limit) {
      // The read budget ran out before the page filled: the next page starts after the last
      // item read, whether it matched or not.
      return { items: rewards, nextCursor: encodeCursor(query, { after: startKey.id as string }) };
    }
    return this.pageOf(rewards, request.limit, (last) => encodeCursor(query, { after: last.id }));
  }

  /** The whole feed: month partitions of `feed`, newest month first. */
  private async monthFeed(
    limit: number,
    query: string,
    position?: { after: string; month?: string },
  ): Promise<Page<Reward>> {
    const months = await this.feedMonths();
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
          this.client.send(
            new QueryCommand({
              TableName: this.tableName,
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
    return this.pageOf(rewards, limit, (last) =>
      encodeCursor(query, { after: last.id, month: last.createdAt.slice(0, 7) }),
    );
  }

  private pageOf(
    rewards: Reward[],
    limit: number,
    cursorOf: (last: Reward) => string,
  ): Page<Reward> {
    const items = rewards.slice(0, limit);
    const last = items.at(-1);
    return rewards.length > limit && last ? { items, nextCursor: cursorOf(last) } : { items };
  }

  /** Months with a feed partition, newest first. */
  private async feedMonths(): Promise<string[]> {
    const response = await guarded(() =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: feedMonthsKey, ConsistentRead: true }),
      ),
    );
    const months = [...((response.Item?.months as Set<string> | undefined) ?? [])];
    return months.sort().reverse();
  }

  async topReceivers(periodKey: string, limit: number): Promise<PointsTally[]> {
    return this.topOf(leaderboardPartition(periodKey), limit);
  }

  async topGiver(receiver: string, periodKey: string): Promise<PointsTally | null> {
    const [top] = await this.topOf(bffPartition(receiver, periodKey), 1);
    return top ?? null;
  }

  /**
   * The `limit` highest counters of a `byPoints` partition and everyone tied with the last of
   * them, sorted by points then username (the index leaves equal points in no set order).
   */
  private async topOf(partition: string, limit: number): Promise<PointsTally[]> {
    const tallies: PointsTally[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (;;) {
      const response = await guarded(() =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
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
    const sorted = tallies.sort(
      (a, b) =>
        b.points - a.points || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0),
    );
    const cut = sorted[limit - 1];
    return cut
      ? sorted.filter((tally, index) => index < limit || tally.points === cut.points)
      : sorted;
  }

  async totals(username: string, periods: PeriodKeys): Promise<UserTotals> {
    const keys = {
      received: receivedKey(username, periods.all),
      receivedThisMonth: receivedKey(username, periods.month),
      given: givenKey(username, periods.all),
      givenThisMonth: givenKey(username, periods.month),
    };
    const items = await guarded(() => batchGet(this.client, this.tableName, Object.values(keys)));
    const pointsAt = (key: Key) =>
      (items.find((item) => item.pk === key.pk && item.sk === key.sk)?.points as
        number | undefined) ?? 0;
    return {
      received: pointsAt(keys.received),
      given: pointsAt(keys.given),
      receivedThisMonth: pointsAt(keys.receivedThisMonth),
      givenThisMonth: pointsAt(keys.givenThisMonth),
    };
  }

  async spent(username: string, monthKey: string): Promise<number> {
    const response = await guarded(() =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: givenKey(username, monthKey),
          ConsistentRead: true,
        }),
      ),
    );
    return (response.Item?.points as number | undefined) ?? 0;
  }
}
