import { NotFoundError } from '../errors';
import type { FeedRequest, RewardRepository } from '../ports';
import type { Reward } from '../schemas/reward.schema';

export interface GetRewardsDeps {
  readonly rewards: RewardRepository;
}

/** The feed: rewards newest first, optionally to and/or from one user, one page at a time. */
export const getFeed =
  (deps: GetRewardsDeps) =>
  async (request: FeedRequest): Promise<{ rewards: Reward[]; nextCursor?: string }> => {
    const page = await deps.rewards.feed(request);
    return page.nextCursor
      ? { rewards: page.items, nextCursor: page.nextCursor }
      : { rewards: page.items };
  };

/** One reward by id (404 when unknown). */
export const getReward =
  (deps: GetRewardsDeps) =>
  async (id: string): Promise<Reward> => {
    const reward = await deps.rewards.get(id);
    if (!reward) throw new NotFoundError(`There is no reward "${id}".`);
    return reward;
  };
