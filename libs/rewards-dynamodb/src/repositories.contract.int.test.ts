import {
  describeRewardRepositoryContract,
  describeUserRepositoryContract,
} from '@peer-rewards/rewards-domain/testing';
import { DynamoDbRewardRepository } from './reward.repository';
import { createTestTable } from './testing';
import { DynamoDbUserRepository } from './user.repository';

/** A fresh table per case, so the cases of the contract never see each other's data. */
const makeOnDynamoDbLocal = async () => {
  const table = await createTestTable('contract');
  return {
    users: new DynamoDbUserRepository(table),
    rewards: new DynamoDbRewardRepository(table),
    dispose: () => table.drop(),
  };
};

describeUserRepositoryContract('DynamoDbUserRepository', makeOnDynamoDbLocal, {
  timeoutMs: 60_000,
});
describeRewardRepositoryContract('DynamoDbRewardRepository', makeOnDynamoDbLocal, {
  timeoutMs: 60_000,
});
