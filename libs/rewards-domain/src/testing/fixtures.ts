import { DEFAULT_RULES, type RewardRules } from '../rules';
import type { ProfileWrite } from '../ports';
import { FixedClock, SequentialIds, SequentialSecrets } from './fakes';
import {
  InMemoryRewardRepository,
  InMemoryStore,
  InMemoryUserRepository,
} from './in-memory-repositories';
import { InMemorySlackLinkRepository } from './in-memory-slack-links';

/** A few colleagues to start tests from. */
export const SAMPLE_PROFILES: readonly ProfileWrite[] = [
  { username: 'alex', displayName: 'Alex Krause', avatar: '🦊' },
  { username: 'andreas', displayName: 'Andreas Mohrhard', avatar: '🐻' },
  { username: 'markus', displayName: 'Markus', avatar: '🦉' },
  { username: 'zuschauer', displayName: 'Zuschauer', avatar: '👀' },
];

/** Everything a use case needs, in memory, sharing one store. */
export const createInMemoryDeps = (options: { rules?: RewardRules; now?: Date | string } = {}) => {
  const store = new InMemoryStore();
  return {
    store,
    users: new InMemoryUserRepository(store),
    rewards: new InMemoryRewardRepository(store),
    slackLinks: new InMemorySlackLinkRepository(store),
    clock: new FixedClock(options.now),
    ids: new SequentialIds(),
    secrets: new SequentialSecrets(),
    rules: options.rules ?? DEFAULT_RULES,
  };
};

/** In-memory dependencies with the sample profiles already registered. */
export const createSeededDeps = async (
  options: { rules?: RewardRules; now?: Date | string } = {},
) => {
  const deps = createInMemoryDeps(options);
  const now = deps.clock.now().toISOString();
  for (const profile of SAMPLE_PROFILES) await deps.users.upsert(profile, now);
  return deps;
};
