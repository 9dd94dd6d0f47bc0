import { NotFoundError } from '../errors';
import { periodKeysOf } from '../periods';
import type { Clock, RewardRepository, UserRepository } from '../ports';
import type { RewardRules } from '../rules';
import type { Bff, UserProfile } from '../schemas/user.schema';

export interface GetProfileDeps {
  readonly users: UserRepository;
  readonly rewards: RewardRepository;
  readonly clock: Clock;
  readonly rules: RewardRules;
}

/**
 * A user's profile with stats and all-time BFF.
 * 1. load the user, the totals and the top giver at once (404 when the user is unknown);
 * 2. name the BFF;
 * 3. add `allowanceLeft` when callers look at themselves.
 */
export const getProfile =
  (deps: GetProfileDeps) =>
  async (input: { username: string; caller: string }): Promise<UserProfile> => {
    const periods = periodKeysOf(deps.clock.now());
    // The reads do not depend on each other: one round trip instead of two.
    const [user, totals, top] = await Promise.all([
      deps.users.get(input.username),
      deps.rewards.totals(input.username, periods),
      deps.rewards.topGiver(input.username, periods.all),
    ]);
    if (!user) throw new NotFoundError(`There is no user "${input.username}".`);
    const bff = top ? await describeBff(deps.users, top.username, top.points) : null;
    const stats =
      input.caller === user.username
        ? {
            ...totals,
            allowanceLeft: Math.max(0, deps.rules.monthlyAllowance - totals.givenThisMonth),
          }
        : totals;
    return { ...user, stats, bff };
  };

const describeBff = async (
  users: UserRepository,
  username: string,
  points: number,
): Promise<Bff> => {
  const user = await users.get(username);
  return { username, displayName: user?.displayName ?? username, points };
};
