import { NotFoundError } from '../errors';
import { periodKeysOf } from '../periods';
import type { Clock, RewardRepository, UserRepository } from '../ports';
import type { RewardRules } from '../rules';
import type { UserProfile } from '../schemas/user.schema';

export interface GetProfileDeps {
  readonly users: UserRepository;
  readonly rewards: RewardRepository;
  readonly clock: Clock;
  readonly rules: RewardRules;
}

/**
 * A user's profile with stats and all-time BFF.
 * 1. load the user and their standing (totals and named BFF) at once: one round trip;
 * 2. 404 when the user is unknown;
 * 3. add `allowanceLeft` when callers look at themselves.
 */
export const getProfile =
  (deps: GetProfileDeps) =>
  async (input: { username: string; caller: string }): Promise<UserProfile> => {
    const periods = periodKeysOf(deps.clock.now());
    const [user, standing] = await Promise.all([
      deps.users.get(input.username),
      deps.rewards.standing(input.username, periods),
    ]);
    if (!user) throw new NotFoundError(`There is no user "${input.username}".`);
    const { totals, bff } = standing;
    const stats =
      input.caller === user.username
        ? {
            ...totals,
            allowanceLeft: Math.max(0, deps.rules.monthlyAllowance - totals.givenThisMonth),
          }
        : totals;
    return { ...user, stats, bff };
  };
