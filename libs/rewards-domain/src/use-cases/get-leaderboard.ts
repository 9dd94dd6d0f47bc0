import { periodKeyOf, type Period } from '../periods';
import type { Clock, PointsTally, RewardRepository, UserRepository } from '../ports';
import type { Leaderboard, LeaderboardEntry } from '../schemas/leaderboard.schema';
import type { User } from '../schemas/user.schema';

export interface GetLeaderboardDeps {
  readonly users: UserRepository;
  readonly rewards: RewardRepository;
  readonly clock: Clock;
}

/** Competition ranking: ties share a rank, the next rank skips (1, 1, 3). */
export const rankTallies = (
  tallies: readonly PointsTally[],
): Array<PointsTally & { rank: number }> => {
  const sorted = [...tallies].sort(
    (a, b) =>
      b.points - a.points || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0),
  );
  let rank = 0;
  return sorted.map((tally, index) => {
    if (index === 0 || sorted[index - 1].points !== tally.points) rank = index + 1;
    return { ...tally, rank };
  });
};

/**
 * Best colleagues of a period with their BFFs.
 * 1. the top receivers of the period (ties at the cut stay in);
 * 2. each one's top giver of the same period;
 * 3. names and avatars of everyone shown, in one batch read.
 */
export const getLeaderboard =
  (deps: GetLeaderboardDeps) =>
  async (input: { period: Period; limit: number }): Promise<Leaderboard> => {
    const periodKey = periodKeyOf(input.period, deps.clock.now());
    const ranked = rankTallies(await deps.rewards.topReceivers(periodKey, input.limit)).slice(
      0,
      input.limit,
    );
    const bffs = await Promise.all(
      ranked.map((entry) => deps.rewards.topGiver(entry.username, periodKey)),
    );
    const names = new Set<string>();
    for (const entry of ranked) names.add(entry.username);
    for (const bff of bffs) if (bff) names.add(bff.username);
    const users = new Map<string, User>(
      names.size ? (await deps.users.getMany([...names])).map((user) => [user.username, user]) : [],
    );
    const entries: LeaderboardEntry[] = ranked.map((entry, index) => {
      const user = users.get(entry.username);
      const bff = bffs[index];
      return {
        rank: entry.rank,
        username: entry.username,
        displayName: user?.displayName ?? entry.username,
        ...(user?.avatar ? { avatar: user.avatar } : {}),
        points: entry.points,
        bff: bff
          ? {
              username: bff.username,
              displayName: users.get(bff.username)?.displayName ?? bff.username,
              points: bff.points,
            }
          : null,
      };
    });
    return { period: input.period, periodKey, entries };
  };
