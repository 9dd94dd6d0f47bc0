import { createTestTable, type TestTable } from '@peer-rewards/rewards-dynamodb/testing';
import { DynamoDbRewardRepository, DynamoDbUserRepository } from '@peer-rewards/rewards-dynamodb';
import { lambdaContext, sampleScheduledEvent } from '@peer-rewards/http-kit/testing';
import type { Context, ScheduledEvent } from 'aws-lambda';

type Handler = (
  event: ScheduledEvent,
  context: Context,
) => Promise<{ created: number; replayed: number; rewardIds: string[] }>;

describe('generator-fn handler', () => {
  let table: TestTable;
  let handler: Handler;
  let rewards: DynamoDbRewardRepository;

  beforeAll(async () => {
    table = await createTestTable('generator-fn');
    Object.assign(process.env, {
      TABLE_NAME: table.tableName,
      AWS_REGION: 'us-east-1',
      GENERATOR_REWARDS_PER_RUN: '4',
      LOG_LEVEL: 'warn',
    });
    const users = new DynamoDbUserRepository(table);
    rewards = new DynamoDbRewardRepository(table);
    for (const name of ['alex', 'andreas', 'markus', 'zuschauer']) {
      await users.upsert({ username: name, displayName: name }, new Date().toISOString());
    }
    handler = (await import('./index')).handler as unknown as Handler;
  });

  afterAll(async () => {
    await table.drop();
  });

  it('creates rewards between distinct users for AWS sample scheduled event', async () => {
    // Act
    const result = await handler(sampleScheduledEvent(), lambdaContext('generator-fn'));
    // Assert
    expect(result.created).toBe(4);
    const feed = await rewards.feed({ limit: 10 });
    expect(feed.items).toHaveLength(4);
    for (const reward of feed.items) {
      expect(reward.from).not.toBe(reward.to);
      expect([5, 10, 15, 20, 25]).toContain(reward.points);
    }
  });

  it('creates nothing twice when the same event is delivered again', async () => {
    // Arrange
    const event = sampleScheduledEvent('retry-me-1');
    const first = await handler(event, lambdaContext('generator-fn'));
    // Act
    const second = await handler(structuredClone(event), lambdaContext('generator-fn'));
    // Assert
    expect(first.created).toBe(4);
    expect(second.created).toBe(0);
    expect((await rewards.feed({ limit: 100 })).items).toHaveLength(8);
  });
});
