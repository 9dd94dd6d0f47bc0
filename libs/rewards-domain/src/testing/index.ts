/** In-memory ports and fixtures, for tests of code built on the domain. */
export {
  InMemoryRewardRepository,
  InMemoryStore,
  InMemoryUserRepository,
} from './in-memory-repositories';
export { FixedClock, SequentialIds } from './fakes';
export { SAMPLE_PROFILES, createInMemoryDeps, createSeededDeps } from './fixtures';
export { SAMPLE_HISTORY, createHistoryDeps } from './history';
