import { periodKeyOf, type Period } from '../periods';
import type { Clock, PointsTally, RewardRepository } from '../ports';
import type { Leaderboard } from '../schemas/leaderboard.schema';

export interface GetLeaderboardDeps {
  readonly rewards: RewardRepository;
  readonly clock: Clock;
}

/** Competition ranking: ties share a rank, the next rank skips (1, 1, 3). */
export const rankTallies = <T extends PointsTally>(
  tallies: readonly T[],
): Array<T & { rank: number }> => {
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
 * 1. the board of the period: the first `limit` receivers, with names and BFFs, in one read;
 * 2. ranked: ties share a rank.
 */
export const getLeaderboard =
  (deps: GetLeaderboardDeps) =>
  async (input: { period: Period; limit: number }): Promise<Leaderboard> => {
    const periodKey = periodKeyOf(input.period, deps.clock.now());
    const lines = await deps.rewards.topReceivers(periodKey, input.limit);
    const entries = rankTallies(lines)
      .slice(0, input.limit)
      .map((line) => ({
        rank: line.rank,
        username: line.username,
        displayName: line.displayName,
        ...(line.avatar ? { avatar: line.avatar } : {}),
        points: line.points,
        bff: line.bff,
      }));
    return { period: input.period, periodKey, entries };
  };
