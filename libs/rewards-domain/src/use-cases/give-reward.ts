import { SelfRewardError, ValidationError } from '../errors';
import { periodKeysOf } from '../periods';
import type { Clock, GiveRewardOutcome, IdGenerator, RewardRepository } from '../ports';
import type { RewardRules } from '../rules';
import { giveRewardBodySchema } from '../schemas/reward.schema';
import { usernameSchema } from '../schemas/user.schema';
import { parseInput } from '../validation';

export interface GiveRewardDeps {
  readonly rewards: RewardRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly rules: RewardRules;
}

export interface GiveRewardInput {
  /** The caller, from the verified token: the giver is never taken from the body. */
  readonly giver: string;
  readonly body: unknown;
  /** The client's `Idempotency-Key`, if any. */
  readonly idempotencyKey?: string;
  /**
   * Set by a system that gives on others' behalf (never from a request): the key is that
   * system's, not the giver's, and replays the reward it gave whatever this attempt asked for.
   */
  readonly idempotencyScope?: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/**
 * Gives a reward from the caller to a colleague.
 * 1. validate the body (points, message) and the idempotency key;
 * 2. refuse a reward to yourself;
 * 3. store it with every counter in one all-or-nothing write that also enforces the monthly
 *    allowance, the profiles of both people and the idempotency key.
 */
export const giveReward =
  (deps: GiveRewardDeps) =>
  async (input: GiveRewardInput): Promise<GiveRewardOutcome> => {
    const giver = parseInput(usernameSchema, input.giver, 'token.username');
    const body = parseInput(giveRewardBodySchema(deps.rules), input.body);
    if (input.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
      const message = 'must be 1-128 printable ASCII characters';
      throw new ValidationError(`The Idempotency-Key header ${message}.`, [
        { path: 'headers.idempotency-key', message },
      ]);
    }
    if (body.to === giver) throw new SelfRewardError();

    const now = deps.clock.now();
    const reward = {
      id: deps.ids.next(),
      from: giver,
      to: body.to,
      points: body.points,
      message: body.message,
      createdAt: now.toISOString(),
    };
    return deps.rewards.give({
      reward,
      periods: periodKeysOf(now),
      allowance: deps.rules.monthlyAllowance,
      idempotency:
        input.idempotencyKey === undefined
          ? undefined
          : input.idempotencyScope === undefined
            ? {
                key: input.idempotencyKey,
                fingerprint: JSON.stringify([body.to, body.points, body.message]),
              }
            : {
                key: input.idempotencyKey,
                fingerprint: JSON.stringify([input.idempotencyScope, input.idempotencyKey]),
                scope: input.idempotencyScope,
              },
    });
  };
