/** In-memory ports and fixtures, for tests of code built on the domain. */
export {
  InMemoryRewardRepository,
  InMemoryStore,
  InMemoryUserRepository,
} from './in-memory-repositories';
export { InMemorySlackLinkRepository } from './in-memory-slack-links';
export { FixedClock, SequentialIds, SequentialSecrets } from './fakes';
export { SAMPLE_PROFILES, createInMemoryDeps, createSeededDeps } from './fixtures';
export { SAMPLE_HISTORY, createHistoryDeps } from './history';
export {
  CONTRACT_NOW,
  CONTRACT_PROFILES,
  type ContractOptions,
  type ContractRepositories,
  type MakeRepositories,
} from './contract/contract-setup';
export { describeUserRepositoryContract } from './contract/user-repository.contract';
export { describeRewardRepositoryContract } from './contract/reward-repository.contract';
export {
  describeSlackLinkRepositoryContract,
  type MakeSlackLinkRepositories,
  type SlackLinkContractRepositories,
} from './contract/slack-link-repository.contract';
