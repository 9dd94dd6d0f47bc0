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
 * 1. load the user (404 when unknown);
 * 2. read the totals and the top giver;
 * 3. add `allowanceLeft` when callers look at themselves.
 */
export const getProfile =
  (deps: GetProfileDeps) =>
  async (input: { username: string; caller: string }): Promise<UserProfile> => {
    const user = await deps.users.get(input.username);
    if (!user) throw new NotFoundError(`There is no user "${input.username}".`);
    const periods = periodKeysOf(deps.clock.now());
    const [totals, top] = await Promise.all([
      deps.rewards.totals(user.username, periods),
      deps.rewards.topGiver(user.username, periods.all),
    ]);
    const bff = top ? await describeBff(deps.users, top.username, top.points) : null;
    const stats =
      input.caller === user.username
        ? { ...totals, allowanceLeft: Math.max(0, deps.rules.monthlyAllowance - totals.givenThisMonth) }
        : totals;
    return { ...user, stats, bff };
  };

const describeBff = async (users: UserRepository, username: string, points: number): Promise<Bff> => {
  const user = await users.get(username);
  return { username, displayName: user?.displayName ?? username, points };
};
