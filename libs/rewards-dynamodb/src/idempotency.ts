import {
  IdempotencyConflictError,
  type GiveRewardCommand,
  type GiveRewardOutcome,
} from '@peer-rewards/rewards-domain';
import type { IdempotencyRecord } from './give-reward.snapshot';
import { idempotencyKey } from './keys';
import type { RepositoryOptions } from './repository-options';
import { readReward } from './reward.item';

/** How long an idempotency key is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

type Idempotency = NonNullable<GiveRewardCommand['idempotency']>;

const epochSeconds = (instant: string) => Math.floor(Date.parse(instant) / 1000);

/**
 * The Put of the key record, in the reward's transaction. It may replace a record whose
 * lifetime is over: DynamoDB's TTL sweeper can take days to delete it, and until then the
 * key must count as free.
 */
export const idempotencyPut = (
  tableName: string,
  giver: string,
  idempotency: Idempotency,
  rewardId: string,
  now: string,
) => ({
  Put: {
    TableName: tableName,
    Item: {
      ...idempotencyKey(idempotency.scope ?? giver, idempotency.key),
      rewardId,
      fingerprint: idempotency.fingerprint,
      expiresAt: epochSeconds(now) + IDEMPOTENCY_TTL_SECONDS,
    },
    ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
    ExpressionAttributeValues: { ':now': epochSeconds(now) },
  },
});

/**
 * The earlier outcome of this giver's key at `now`, from its record (read with the rest of the
 * reward's snapshot): null when the key is new or its record has expired;
 * `IdempotencyConflictError` when it was used with another request, or when the reward it names
 * is gone (the retry cannot be answered with the reward it asked for).
 */
export const replayOf = async (
  options: RepositoryOptions,
  record: IdempotencyRecord | undefined,
  idempotency: Idempotency,
  now: string,
): Promise<GiveRewardOutcome | null> => {
  if (!record || record.expiresAt < epochSeconds(now)) return null;
  if (record.fingerprint !== idempotency.fingerprint) throw new IdempotencyConflictError();
  const reward = await readReward(options, record.rewardId, true);
  if (!reward) throw new IdempotencyConflictError();
  return { kind: 'replayed', reward };
};
