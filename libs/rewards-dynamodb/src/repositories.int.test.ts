import {
  AllowanceExceededError,
  getLeaderboard,
  giveReward,
  periodKeysOf,
  type GiveRewardOutcome,
} from '@peer-rewards/rewards-domain';
import { FixedClock, SequentialIds } from '@peer-rewards/rewards-domain/testing';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTestTable, type TestTable } from './testing';
import { DynamoDbRewardRepository } from './reward.repository';
import { DynamoDbUserRepository } from './user.repository';
import { TABLE_DEFINITION } from './table.definition';

const RULES = { minPoints: 1, maxPoints: 100, monthlyAllowance: 100, maxMessageLength: 280 };
const NAMES = ['alex', 'andreas', 'markus', 'zuschauer', 'jana', 'lena'];

/** DynamoDB Local on a loaded machine: every hook and case that talks to it gets room. */
const DYNAMODB_TIMEOUT_MS = 60_000;

describe('DynamoDB repositories', () => {
  let table: TestTable;
  let users: DynamoDbUserRepository;
  let rewards: DynamoDbRewardRepository;
  let clock: FixedClock;
  let give: (giver: string, body: unknown) => Promise<GiveRewardOutcome>;

  beforeAll(async () => {
    table = await createTestTable('adapter');
    users = new DynamoDbUserRepository(table);
    rewards = new DynamoDbRewardRepository(table);
    clock = new FixedClock('2026-10-30T12:00:00.000Z');
    const ids = new SequentialIds();
    const useCase = giveReward({ rewards, clock, ids, rules: RULES });
    give = (giver, body) => useCase({ giver, body });
    for (const name of NAMES) {
      await users.upsert(
        { username: name, displayName: name.toUpperCase(), avatar: '🙂' },
        clock.now().toISOString(),
      );
    }
  }, DYNAMODB_TIMEOUT_MS);

  afterAll(async () => {
    await table.drop();
  }, DYNAMODB_TIMEOUT_MS);

  describe('table', () => {
    it(
      'is created with the keys and indexes of the shared definition',
      async () => {
        // Arrange
        const admin = new DynamoDBClient({ endpoint: table.endpoint, region: 'us-east-1' });
        // Act
        const { Table } = await admin.send(
          new DescribeTableCommand({ TableName: table.tableName }),
        );
        admin.destroy();
        // Assert
        expect(Table?.KeySchema?.map((key) => key.AttributeName)).toEqual(['pk', 'sk']);
        expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
          TABLE_DEFINITION.globalSecondaryIndexes.map((index) => index.indexName).sort(),
        );
      },
      DYNAMODB_TIMEOUT_MS,
    );
  });

  describe('leaderboard', () => {
    it(
      'ranks by points received with ties sharing a rank, each with the BFF of the period',
      async () => {
        // Arrange: December, a fresh month
        clock.set('2026-12-03T10:00:00.000Z');
        await give('alex', { to: 'jana', points: 20, message: 'a' });
        await give('markus', { to: 'jana', points: 10, message: 'b' });
        await give('alex', { to: 'lena', points: 30, message: 'c' });
        await give('jana', { to: 'markus', points: 5, message: 'd' });
        // Act
        const board = await getLeaderboard({ rewards, clock })({
          period: 'month',
          limit: 10,
        });
        // Assert
        expect(board.periodKey).toBe('2026-12');
        expect(
          board.entries.map((entry) => [
            entry.rank,
            entry.username,
            entry.points,
            entry.bff?.username,
          ]),
        ).toEqual([
          [1, 'jana', 30, 'alex'],
          [1, 'lena', 30, 'alex'],
          [3, 'markus', 5, 'jana'],
        ]);
      },
      DYNAMODB_TIMEOUT_MS,
    );
  });

  describe('concurrency', () => {
    it(
      'counts 30 simultaneous rewards to one person exactly',
      async () => {
        // Arrange
        clock.set('2027-01-05T10:00:00.000Z');
        const givers = Array.from({ length: 30 }, (_, i) => `giver-${String(i).padStart(2, '0')}`);
        for (const giver of givers)
          await users.upsert({ username: giver, displayName: giver }, clock.now().toISOString());
        // Act
        const results = await Promise.allSettled(
          givers.map((giver) => give(giver, { to: 'alex', points: 2, message: 'together' })),
        );
        // Assert
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(30);
        const { totals } = await rewards.standing('alex', periodKeysOf(clock.now()));
        expect(totals.receivedThisMonth).toBe(60);
        const [line] = await rewards.topReceivers(periodKeysOf(clock.now()).month, 1);
        expect(line).toMatchObject({ username: 'alex', points: 60, bff: { username: 'giver-00' } });
      },
      DYNAMODB_TIMEOUT_MS,
    );

    it(
      'never lets one giver overspend, however many rewards race',
      async () => {
        // Act
        const results = await Promise.allSettled(
          Array.from({ length: 12 }, () =>
            give('andreas', { to: 'markus', points: 20, message: 'race' }),
          ),
        );
        // Assert
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(5);
        const refused = results.filter((result) => result.status === 'rejected');
        expect(
          refused.every(
            (result) => (result as PromiseRejectedResult).reason instanceof AllowanceExceededError,
          ),
        ).toBe(true);
        expect(await rewards.spent('andreas', '2027-01')).toBe(100);
      },
      DYNAMODB_TIMEOUT_MS,
    );
  });
});
