import { DeleteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  IdempotencyConflictError,
  periodKeysOf,
  type GiveRewardCommand,
} from '@peer-rewards/rewards-domain';
import { SequentialIds } from '@peer-rewards/rewards-domain/testing';
import {
  giveRewardEntries,
  transactionToken,
  type GiveSnapshotWithProfiles,
} from './give-reward.entries';
import { readGiveSnapshot } from './give-reward.snapshot';
import { rewardKey } from './keys';
import { DynamoDbRewardRepository } from './reward.repository';
import { createTestTable, type TestTable } from './testing';
import { DynamoDbUserRepository } from './user.repository';

const NOW = '2026-11-27T09:00:00.000Z';
const DYNAMODB_TIMEOUT_MS = 60_000;

describe('DynamoDbRewardRepository.give with an idempotency key', () => {
  let table: TestTable;
  let rewards: DynamoDbRewardRepository;
  const ids = new SequentialIds();
  const command = (key: string, points = 10): GiveRewardCommand => ({
    reward: {
      id: ids.next(),
      from: 'alex',
      to: 'markus',
      points,
      message: 'thanks',
      createdAt: NOW,
    },
    periods: periodKeysOf(new Date(NOW)),
    allowance: 100,
    idempotency: { key, fingerprint: JSON.stringify(['markus', points, 'thanks']) },
  });

  beforeAll(async () => {
    table = await createTestTable('idempotency');
    rewards = new DynamoDbRewardRepository(table);
    const users = new DynamoDbUserRepository(table);
    for (const username of ['alex', 'markus'])
      await users.upsert({ username, displayName: username }, NOW);
  }, DYNAMODB_TIMEOUT_MS);

  afterAll(() => table.drop(), DYNAMODB_TIMEOUT_MS);

  it(
    'answers a conflict, not a server error, when the reward of a remembered key is gone',
    async () => {
      // Arrange
      const first = await rewards.give(command('gone'));
      await table.client.send(
        new DeleteCommand({ TableName: table.tableName, Key: rewardKey(first.reward.id) }),
      );
      // Act
      const retry = rewards.give(command('gone'));
      // Assert
      await expect(retry).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await rewards.spent('alex', '2026-11')).toBe(10);
    },
    DYNAMODB_TIMEOUT_MS,
  );

  it(
    'answers a conflict when DynamoDB already saw the request token with other items',
    async () => {
      // Arrange: the token of this gift's first attempt, used before with another write
      const gift = command('token', 20);
      const snapshot = (await readGiveSnapshot(table, gift, false)) as GiveSnapshotWithProfiles;
      const token = transactionToken(giveRewardEntries(table.tableName, gift, snapshot), 1);
      await table.client.send(
        new TransactWriteCommand({
          ClientRequestToken: token,
          TransactItems: [
            {
              Update: {
                TableName: table.tableName,
                Key: { pk: 'OTHER', sk: 'OTHER' },
                UpdateExpression: 'SET note = :note',
                ExpressionAttributeValues: { ':note': 'another write' },
              },
            },
          ],
        }),
      );
      // Act
      const give = rewards.give(gift);
      // Assert
      await expect(give).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await rewards.get(gift.reward.id)).toBeNull();
    },
    DYNAMODB_TIMEOUT_MS,
  );
});
