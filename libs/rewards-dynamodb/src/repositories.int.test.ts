import {
  AllowanceExceededError,
  IdempotencyConflictError,
  InvalidCursorError,
  NotFoundError,
  ProfileRequiredError,
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

describe('DynamoDB repositories', () => {
  let table: TestTable;
  let users: DynamoDbUserRepository;
  let rewards: DynamoDbRewardRepository;
  let clock: FixedClock;
  let give: (giver: string, body: unknown, idempotencyKey?: string) => Promise<GiveRewardOutcome>;

  beforeAll(async () => {
    table = await createTestTable('adapter');
    users = new DynamoDbUserRepository(table);
    rewards = new DynamoDbRewardRepository(table);
    clock = new FixedClock('2026-10-30T12:00:00.000Z');
    const ids = new SequentialIds();
    const useCase = giveReward({ rewards, clock, ids, rules: RULES });
    give = (giver, body, idempotencyKey) => useCase({ giver, body, idempotencyKey });
    for (const name of NAMES) {
      await users.upsert(
        { username: name, displayName: name.toUpperCase(), avatar: '🙂' },
        clock.now().toISOString(),
      );
    }
  });

  afterAll(async () => {
    await table.drop();
  });

  describe('table', () => {
    it('is created with the keys and indexes of the shared definition', async () => {
      // Arrange
      const admin = new DynamoDBClient({ endpoint: table.endpoint, region: 'us-east-1' });
      // Act
      const { Table } = await admin.send(new DescribeTableCommand({ TableName: table.tableName }));
      admin.destroy();
      // Assert
      expect(Table?.KeySchema?.map((key) => key.AttributeName)).toEqual(['pk', 'sk']);
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        TABLE_DEFINITION.globalSecondaryIndexes.map((index) => index.indexName).sort(),
      );
    });
  });

  describe('DynamoDbUserRepository', () => {
    it('creates a profile, then updates it keeping createdAt', async () => {
      // Arrange
      const first = await users.upsert(
        { username: 'newbie', displayName: 'New' },
        '2026-10-01T00:00:00.000Z',
      );
      // Act
      const second = await users.upsert(
        { username: 'newbie', displayName: 'Renamed', avatar: '🐼' },
        '2026-10-02T00:00:00.000Z',
      );
      // Assert
      expect(first.created).toBe(true);
      expect(second).toEqual({
        created: false,
        user: {
          username: 'newbie',
          displayName: 'Renamed',
          avatar: '🐼',
          createdAt: '2026-10-01T00:00:00.000Z',
        },
      });
      expect(await users.get('newbie')).toEqual(second.user);
    });

    it('lists every user once, sorted by username, across pages', async () => {
      // Arrange
      const seen: string[] = [];
      let cursor: string | undefined;
      // Act
      do {
        const page = await users.list({ limit: 2, cursor });
        seen.push(...page.items.map((user) => user.username));
        cursor = page.nextCursor;
      } while (cursor);
      // Assert
      expect(seen).toEqual([...NAMES, 'newbie'].sort());
    });

    it('refuses a cursor of another list', async () => {
      // Arrange
      const feedPage = await rewards.feed({ limit: 1 });
      await give('alex', { to: 'andreas', points: 1, message: 'cursor check' });
      const page = await rewards.feed({ limit: 1 });
      // Act
      const listing = users.list({
        limit: 1,
        cursor: page.nextCursor ?? feedPage.nextCursor ?? 'x',
      });
      // Assert
      await expect(listing).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('batch-gets the users that exist', async () => {
      // Act
      const found = await users.getMany(['alex', 'nobody', 'jana', 'alex']);
      // Assert
      expect(found.map((user) => user.username).sort()).toEqual(['alex', 'jana']);
    });
  });

  describe('DynamoDbRewardRepository.give', () => {
    it('stores the reward and moves every counter', async () => {
      // Arrange
      const before = await rewards.totals('markus', periodKeysOf(clock.now()));
      // Act
      const outcome = await give('jana', { to: 'markus', points: 7, message: 'Danke! 🎉' });
      // Assert
      expect(outcome.kind).toBe('created');
      expect(await rewards.get(outcome.reward.id)).toEqual(outcome.reward);
      const after = await rewards.totals('markus', periodKeysOf(clock.now()));
      expect(after.received - before.received).toBe(7);
      expect(after.receivedThisMonth - before.receivedThisMonth).toBe(7);
      expect(await rewards.topGiver('markus', 'all')).toEqual({ username: 'jana', points: 7 });
      expect(await rewards.spent('jana', '2026-10')).toBe(7);
    });

    it('refuses a giver without a profile and a recipient without one, writing nothing', async () => {
      // Act
      const noGiver = give('ghost', { to: 'alex', points: 5, message: 'hi' });
      const noReceiver = give('alex', { to: 'ghost', points: 5, message: 'hi' });
      // Assert
      await expect(noGiver).rejects.toBeInstanceOf(ProfileRequiredError);
      await expect(noReceiver).rejects.toBeInstanceOf(NotFoundError);
      expect(await rewards.spent('ghost', '2026-10')).toBe(0);
      expect((await rewards.feed({ limit: 100, to: 'ghost' })).items).toEqual([]);
    });

    it('stops at the monthly allowance and says what is left', async () => {
      // Arrange
      await give('lena', { to: 'alex', points: 90, message: 'big thanks' });
      // Act
      const over = give('lena', { to: 'alex', points: 11, message: 'one more' });
      // Assert
      await expect(over).rejects.toEqual(new AllowanceExceededError(10, 11, 100));
      expect(await rewards.spent('lena', '2026-10')).toBe(90);
      await expect(
        give('lena', { to: 'alex', points: 10, message: 'exactly the rest' }),
      ).resolves.toMatchObject({
        kind: 'created',
      });
    });

    it('replays the same idempotency key and body, and refuses it with another body', async () => {
      // Arrange
      const body = { to: 'zuschauer', points: 3, message: 'once only' };
      const first = await give('markus', body, 'key-1');
      // Act
      const again = await give('markus', body, 'key-1');
      const other = give('markus', { ...body, points: 4 }, 'key-1');
      // Assert
      expect(again).toEqual({ kind: 'replayed', reward: first.reward });
      await expect(other).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await rewards.spent('markus', '2026-10')).toBe(3);
    });
  });

  describe('DynamoDbRewardRepository.feed', () => {
    it('pages newest first across months, and filters by giver and receiver', async () => {
      // Arrange: a reward in November on top of October's
      clock.set('2026-11-02T08:00:00.000Z');
      const november = await give('andreas', { to: 'zuschauer', points: 2, message: 'new month' });
      const all: string[] = [];
      let cursor: string | undefined;
      // Act
      do {
        const page = await rewards.feed({ limit: 2, cursor });
        all.push(...page.items.map((reward) => reward.id));
        cursor = page.nextCursor;
      } while (cursor);
      const toZuschauer = await rewards.feed({ limit: 10, to: 'zuschauer' });
      const fromAndreasToZuschauer = await rewards.feed({
        limit: 10,
        to: 'zuschauer',
        from: 'andreas',
      });
      // Assert
      expect(all[0]).toBe(november.reward.id);
      expect(all).toEqual([...all].sort().reverse());
      expect(new Set(all).size).toBe(all.length);
      expect(toZuschauer.items.map((reward) => reward.from)).toEqual(['andreas', 'markus']);
      expect(fromAndreasToZuschauer.items.map((reward) => reward.id)).toEqual([november.reward.id]);
    });

    it('refuses a cursor made for other filters or tampered with', async () => {
      // Arrange
      const page = await rewards.feed({ limit: 1, to: 'zuschauer' });
      // Act and Assert
      await expect(
        rewards.feed({ limit: 1, to: 'alex', cursor: page.nextCursor }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(rewards.feed({ limit: 1, cursor: 'bm90LWpzb24' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });
  });

  describe('leaderboard', () => {
    it('ranks by points received with ties sharing a rank, each with the BFF of the period', async () => {
      // Arrange: December, a fresh month
      clock.set('2026-12-03T10:00:00.000Z');
      await give('alex', { to: 'jana', points: 20, message: 'a' });
      await give('markus', { to: 'jana', points: 10, message: 'b' });
      await give('alex', { to: 'lena', points: 30, message: 'c' });
      await give('jana', { to: 'markus', points: 5, message: 'd' });
      // Act
      const board = await getLeaderboard({ users, rewards, clock })({ period: 'month', limit: 10 });
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
    });
  });

  describe('concurrency', () => {
    it('counts 30 simultaneous rewards to one person exactly', async () => {
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
      const totals = await rewards.totals('alex', periodKeysOf(clock.now()));
      expect(totals.receivedThisMonth).toBe(60);
    });

    it('never lets one giver overspend, however many rewards race', async () => {
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
    });
  });
});
