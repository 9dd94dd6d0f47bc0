import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  AllowanceExceededError,
  DependencyUnavailableError,
  IdempotencyConflictError,
  NotFoundError,
  PERIODS,
  ProfileRequiredError,
  type GiveRewardCommand,
  type GiveRewardOutcome,
  type Period,
} from '@peer-rewards/rewards-domain';
import { translateError, withCause } from './errors';
import type { FeedMonths } from './feed-months';
import { idempotencyPut, replayOf } from './idempotency';
import {
  bffPartition,
  givenKey,
  leaderboardPartition,
  pairKey,
  receivedKey,
  userKey,
  type Key,
} from './keys';
import type { RepositoryOptions } from './repository-options';
import { feedMonthOf, rewardItem } from './reward.item';
import { spent } from './tallies.queries';

/** Attempts of the transaction when concurrent writers conflict on a counter. */
const MAX_TRANSACTION_ATTEMPTS = 10;
/** Cancellation codes that a later attempt can get past. */
const RETRYABLE = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Each item of the transaction by what it does, so a cancellation is read by name. */
export type EntryName =
  | 'giverProfile'
  | 'receiverProfile'
  | 'reward'
  | 'giverSpend'
  | 'givenAllTime'
  | `received:${Period}`
  | `pair:${Period}`
  | 'idempotency';

export interface TransactionEntry {
  readonly name: EntryName;
  readonly item: TransactItem;
}

export interface GiveRewardOptions extends RepositoryOptions {
  readonly feedMonths: FeedMonths;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The items of one reward's TransactWriteItems, named. */
export const giveRewardEntries = (
  tableName: string,
  command: GiveRewardCommand,
): TransactionEntry[] => {
  const { reward, periods, allowance, idempotency } = command;
  const exists = (key: Key): TransactItem => ({
    ConditionCheck: { TableName: tableName, Key: key, ConditionExpression: 'attribute_exists(pk)' },
  });
  const add = (key: Key, extra: Record<string, string>): TransactItem => {
    const names = Object.keys(extra);
    return {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')} ADD points :points`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
        ExpressionAttributeValues: {
          ':points': reward.points,
          ...Object.fromEntries(names.map((name) => [`:${name}`, extra[name]])),
        },
      },
    };
  };
  const entries: TransactionEntry[] = [
    { name: 'giverProfile', item: exists(userKey(reward.from)) },
    { name: 'receiverProfile', item: exists(userKey(reward.to)) },
    {
      name: 'reward',
      item: {
        Put: {
          TableName: tableName,
          Item: rewardItem(reward),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    {
      name: 'giverSpend',
      item: {
        Update: {
          TableName: tableName,
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
    },
    {
      name: 'givenAllTime',
      item: add(givenKey(reward.from, periods.all), { username: reward.from }),
    },
    ...PERIODS.map((period): TransactionEntry => ({
      name: `received:${period}`,
      item: add(receivedKey(reward.to, periods[period]), {
        username: reward.to,
        gsi1pk: leaderboardPartition(periods[period]),
      }),
    })),
    ...PERIODS.map((period): TransactionEntry => ({
      name: `pair:${period}`,
      item: add(pairKey(reward.to, periods[period], reward.from), {
        username: reward.from,
        receiver: reward.to,
        gsi1pk: bffPartition(reward.to, periods[period]),
      }),
    })),
  ];
  if (idempotency) {
    entries.push({
      name: 'idempotency',
      item: idempotencyPut(tableName, reward.from, idempotency, reward.id, reward.createdAt),
    });
  }
  return entries;
};

/**
 * The `ClientRequestToken` of an attempt. It makes the SDK's own retries of one attempt safe:
 * DynamoDB applies it once. Tokens live for 10 minutes per account and region, not per table,
 * and one reused with other items is an `IdempotentParameterMismatchException`: deriving the
 * token from the items themselves (table, keys, values) means equal tokens carry equal items.
 */
export const transactionToken = (entries: readonly TransactionEntry[], attempt: number) => {
  const digest = createHash('sha256')
    .update(JSON.stringify(entries.map((entry) => entry.item)))
    .digest('base64url')
    .slice(0, 32);
  return `${digest}-${attempt}`;
};

/** The names of the entries whose condition failed, and whether another attempt may pass. */
const cancellation = (
  entries: readonly TransactionEntry[],
  error: TransactionCanceledException,
) => {
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  const failed = new Set(
    entries
      .filter((_, index) => codes[index] === 'ConditionalCheckFailed')
      .map((entry) => entry.name),
  );
  return { failed, retryable: codes.some((code) => RETRYABLE.has(code)) };
};

const allowanceExceeded = async (options: RepositoryOptions, command: GiveRewardCommand) => {
  const { reward, allowance } = command;
  const used = await spent(options, reward.from, command.periods.month);
  return new AllowanceExceededError(Math.max(0, allowance - used), reward.points, allowance);
};

/**
 * Gives a reward in one TransactWriteItems.
 * 1. a live idempotency record of the giver's key answers with its reward (or a conflict);
 * 2. a reward above the whole allowance is refused (the first reward of a month has no spend
 *    item for the condition to check);
 * 3. the transaction: profiles, reward, spend within the allowance, counters, key record;
 * 4. on a cancellation, the key record is read again first (a retry of a gift that landed in
 *    the meantime replays it), then the failed entries name the domain error; conflicts are
 *    retried with jittered backoff.
 */
export const giveInOneTransaction = async (
  options: GiveRewardOptions,
  command: GiveRewardCommand,
): Promise<GiveRewardOutcome> => {
  const { reward, idempotency } = command;
  const replay = () =>
    idempotency ? replayOf(options, reward.from, idempotency, reward.createdAt) : null;
  const replayed = await replay();
  if (replayed) return replayed;
  if (reward.points > command.allowance) throw await allowanceExceeded(options, command);
  await options.feedMonths.register(feedMonthOf(reward));

  const entries = giveRewardEntries(options.tableName, command);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await options.client.send(
        new TransactWriteCommand({
          TransactItems: entries.map((entry) => entry.item),
          ClientRequestToken: transactionToken(entries, attempt),
        }),
      );
      return { kind: 'created', reward };
    } catch (error) {
      if ((error as Error).name === 'IdempotentParameterMismatchException')
        throw withCause(new IdempotencyConflictError(), error);
      if (!(error instanceof TransactionCanceledException)) return translateError(error);
      const replayedNow = await replay();
      if (replayedNow) return replayedNow;
      const { failed, retryable } = cancellation(entries, error);
      if (failed.has('giverProfile')) throw new ProfileRequiredError(reward.from);
      if (failed.has('receiverProfile'))
        throw new NotFoundError(`There is no user "${reward.to}".`);
      if (failed.has('giverSpend')) throw await allowanceExceeded(options, command);
      // A key record that was live at the write and is gone or expired now: try again.
      if (!retryable && !failed.has('idempotency')) throw error;
      if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
        throw withCause(
          new DependencyUnavailableError('Too many rewards at once. Please retry shortly.', 1),
          error,
        );
      }
      await sleep(Math.random() * Math.min(400, 10 * 2 ** attempt));
    }
  }
};
