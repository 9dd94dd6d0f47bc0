import {
  InMemoryRewardRepository,
  InMemoryStore,
  InMemoryUserRepository,
} from '../in-memory-repositories';
import { InMemorySlackLinkRepository } from '../in-memory-slack-links';
import { describeRewardRepositoryContract } from './reward-repository.contract';
import { describeSlackLinkRepositoryContract } from './slack-link-repository.contract';
import { describeUserRepositoryContract } from './user-repository.contract';

const makeInMemory = () => {
  const store = new InMemoryStore();
  return { users: new InMemoryUserRepository(store), rewards: new InMemoryRewardRepository(store) };
};

describeUserRepositoryContract('InMemoryUserRepository', makeInMemory);
describeRewardRepositoryContract('InMemoryRewardRepository', makeInMemory);

describeSlackLinkRepositoryContract('InMemorySlackLinkRepository', () => {
  const store = new InMemoryStore();
  return {
    users: new InMemoryUserRepository(store),
    slackLinks: new InMemorySlackLinkRepository(store),
  };
});
