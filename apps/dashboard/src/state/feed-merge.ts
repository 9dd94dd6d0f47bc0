import type { Reward } from '../api/api-types';

export interface FeedState {
  rewards: Reward[];
  nextCursor?: string;
}

/**
 * Folds a fresh first page into the feed on screen. New rewards go on top and the older pages
 * already loaded stay; if the fresh page has no overlap with what is shown, more rewards arrived
 * than one page holds, so the feed restarts from the fresh page rather than show a gap.
 */
export const mergeFreshPage = (current: FeedState, fresh: FeedState): FeedState => {
  if (current.rewards.length === 0) return fresh;
  const known = new Set(current.rewards.map((reward) => reward.id));
  const overlaps = fresh.rewards.some((reward) => known.has(reward.id));
  if (!overlaps && fresh.rewards.length > 0) return fresh;
  const added = fresh.rewards.filter((reward) => !known.has(reward.id));
  if (added.length === 0) return current;
  return { rewards: [...added, ...current.rewards], nextCursor: current.nextCursor };
};

/** Appends an older page ("Load more"), skipping any reward already shown. */
export const appendPage = (current: FeedState, page: FeedState): FeedState => {
  const known = new Set(current.rewards.map((reward) => reward.id));
  return {
    rewards: [...current.rewards, ...page.rewards.filter((reward) => !known.has(reward.id))],
    nextCursor: page.nextCursor,
  };
};

/** Puts a reward just given on top at once, before the next poll confirms it. */
export const prependReward = (current: FeedState, reward: Reward): FeedState =>
  current.rewards.some((existing) => existing.id === reward.id)
    ? current
    : { rewards: [reward, ...current.rewards], nextCursor: current.nextCursor };

/** The rewards in `after` that were not in `before` (what the live region announces). */
export const newRewards = (before: FeedState, after: FeedState): Reward[] => {
  const known = new Set(before.rewards.map((reward) => reward.id));
  return after.rewards.filter((reward) => !known.has(reward.id));
};
