import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  AllowanceExceededError,
  DependencyUnavailableError,
  IdempotencyConflictError,
  NotFoundError,
  ProfileRequiredError,
  type GiveRewardCommand,
  type GiveRewardOutcome,
  type Period,
} from '@peer-rewards/rewards-domain';
import { translateError, withCause } from './errors';
import type { FeedMonths } from './feed-months';
import {
  giveRewardEntries,
  transactionToken,
  type GiveSnapshotWithProfiles,
} from './give-reward.entries';
import { readGiveSnapshot, type GiveSnapshot } from './give-reward.snapshot';
import { replayOf } from './idempotency';
import type { RepositoryOptions } from './repository-options';
import { feedMonthOf } from './reward.item';

/** Attempts of the transaction when concurrent writers conflict on a counter. */
const MAX_TRANSACTION_ATTEMPTS = 10;
/** Cancellation codes that a later attempt can get past. */
const RETRYABLE = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  // A condition on what the snapshot read: a concurrent reward or rename moved it.
  'ConditionalCheckFailed',
]);

export interface GiveRewardOptions extends RepositoryOptions {
  readonly feedMonths: FeedMonths;
}

/** Jittered exponential backoff before attempt `attempt + 1`. */
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(400, 10 * 2 ** attempt)));

/** The domain error a snapshot already tells, before any write. */
const refusalOf = (command: GiveRewardCommand, snapshot: GiveSnapshot): Error | undefined => {
  const { reward, allowance } = command;
  if (!snapshot.giver) return new ProfileRequiredError(reward.from);
  if (!snapshot.receiver) return new NotFoundError(`There is no user "${reward.to}".`);
  if (snapshot.spent + reward.points > allowance)
    return new AllowanceExceededError(
      Math.max(0, allowance - snapshot.spent),
      reward.points,
      allowance,
    );
  return undefined;
};

/** A read that met a transaction in progress on its items (DynamoDB Local answers so). */
const readConflict = (error: unknown) =>
  error instanceof DependencyUnavailableError &&
  ['TransactionConflictException', 'TransactionInProgressException'].includes(
    (error.cause as Error | undefined)?.name ?? '',
  );

/**
 * Gives a reward in two round trips: one BatchGetItem of what the write depends on, one
 * TransactWriteItems.
 * 1. the snapshot: profiles, spend, the receiver's board lines, the pair's counters, the key
 *    record;
 * 2. a live key record answers with its reward (or a conflict); a missing profile or a spend
 *    past the allowance is refused;
 * 3. the transaction, with conditions holding it to the snapshot;
 * 4. a failed takeover of a BFF (a better one landed meanwhile) sends the transaction again
 *    without it; another failed condition (a rename, a duplicate, a pair or spend that moved)
 *    reads the snapshot again, consistently, and starts over from 2; a conflict alone sends the
 *    same transaction again. Jittered backoff, at most 10 attempts.
 */
export const giveInOneTransaction = async (
  options: GiveRewardOptions,
  command: GiveRewardCommand,
): Promise<GiveRewardOutcome> => {
  const { reward, idempotency } = command;
  let registered = false;
  // Undefined: the snapshot is to be read (again) before the next attempt.
  let snapshot: GiveSnapshotWithProfiles | undefined;
  const keepBff = new Set<Period>();
  for (let attempt = 1; ; attempt += 1) {
    if (!snapshot) {
      let read: GiveSnapshot;
      try {
        read = await readGiveSnapshot(options, command, attempt > 1);
      } catch (error) {
        if (!readConflict(error) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
        await backoff(attempt);
        continue;
      }
      const replayed = idempotency
        ? await replayOf(options, read.idempotency, idempotency, reward.createdAt)
        : null;
      if (replayed) return replayed;
      const refusal = refusalOf(command, read);
      if (refusal) throw refusal;
      if (!registered) {
        await options.feedMonths.register(feedMonthOf(reward));
        registered = true;
      }
      snapshot = read as GiveSnapshotWithProfiles;
      keepBff.clear();
    }
    const entries = giveRewardEntries(options.tableName, command, snapshot, keepBff);
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
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      if (!codes.some((code) => RETRYABLE.has(code))) throw error;
      if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
        throw withCause(
          new DependencyUnavailableError('Too many rewards at once. Please retry shortly.', 1),
          error,
        );
      }
      const failed = entries
        .filter((_, index) => codes[index] === 'ConditionalCheckFailed')
        .map((entry) => entry.name);
      const lines = failed.filter((name) => name.startsWith('received:'));
      if (lines.length === failed.length) {
        // Only takeovers failed: a better BFF landed meanwhile, so those lines keep theirs.
        for (const name of lines) keepBff.add(name.slice('received:'.length) as Period);
      } else {
        snapshot = undefined;
      }
      await backoff(attempt);
    }
  }
};
