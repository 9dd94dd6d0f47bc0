import { giveReward, periodKeysOf, type GiveRewardOutcome } from '@peer-rewards/rewards-domain';
import { FixedClock, SequentialIds } from '@peer-rewards/rewards-domain/testing';
import { createDocumentClient } from './client';
import { DynamoDbRewardRepository } from './reward.repository';
import { createTestTable, type TestTable } from './testing';
import { DynamoDbUserRepository } from './user.repository';

/** DynamoDB Local on a loaded machine: every hook and case that talks to it gets room. */
const DYNAMODB_TIMEOUT_MS = 120_000;
const NOW = '2026-11-27T09:00:00.000Z';
const COLLEAGUES = Array.from({ length: 60 }, (_, i) => `colleague-${String(i).padStart(2, '0')}`);

/** A client on the test table that asks every call for its capacity and adds it up. */
const measuringClient = (table: TestTable) => {
  const client = createDocumentClient({ endpoint: table.endpoint, region: 'us-east-1' });
  const measured = { calls: 0, readUnits: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } })
        .ConsumedCapacity;
      measured.calls += 1;
      measured.readUnits += consumed?.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'measureCapacity' },
  );
  return { client, measured };
};

describe('the board on DynamoDB', () => {
  let table: TestTable;
  let users: DynamoDbUserRepository;
  let rewards: DynamoDbRewardRepository;
  let give: (giver: string, to: string, points: number) => Promise<GiveRewardOutcome>;
  const clock = new FixedClock(NOW);

  beforeAll(async () => {
    table = await createTestTable('board');
    users = new DynamoDbUserRepository(table);
    rewards = new DynamoDbRewardRepository(table);
    const useCase = giveReward({
      rewards,
      clock,
      ids: new SequentialIds(),
      rules: { minPoints: 1, maxPoints: 100, monthlyAllowance: 10_000, maxMessageLength: 280 },
    });
    give = (giver, to, points) => useCase({ giver, body: { to, points, message: 'thanks 🎉' } });
    for (const [i, username] of COLLEAGUES.entries()) {
      await users.upsert(
        { username, displayName: `Colleague Number ${i}`, avatar: '🦊' },
        clock.now().toISOString(),
      );
    }
  }, DYNAMODB_TIMEOUT_MS);

  afterAll(() => table.drop(), DYNAMODB_TIMEOUT_MS);

  it(
    'reads a board of 50 with names and BFFs in one Query of at most 2 read units',
    async () => {
      // Arrange: every colleague receives from two others, at most 7 + 2 points
      for (const [i, to] of COLLEAGUES.entries()) {
        await give(COLLEAGUES[(i + 1) % COLLEAGUES.length], to, 1 + (i % 7));
        await give(COLLEAGUES[(i + 2) % COLLEAGUES.length], to, 2);
      }
      const { client, measured } = measuringClient(table);
      const reader = new DynamoDbRewardRepository({ client, tableName: table.tableName });
      // Act
      const board = await reader.topReceivers(periodKeysOf(clock.now()).all, 50);
      // Assert
      expect(board).toHaveLength(50);
      expect(board[0]).toMatchObject({
        displayName: expect.stringMatching(/^Colleague Number/),
        avatar: '🦊',
        points: 9,
        bff: { displayName: expect.stringMatching(/^Colleague Number/), points: 7 },
      });
      expect(measured).toEqual({ calls: 1, readUnits: expect.any(Number) });
      expect(measured.readUnits).toBeLessThanOrEqual(2);
      client.destroy();
    },
    DYNAMODB_TIMEOUT_MS,
  );

  it(
    'cuts a tie of long names that share a score by username, in a second Query',
    async () => {
      // Arrange: in a fresh week, three names alike in their first 18 characters tie at 5
      clock.set('2027-03-10T09:00:00.000Z');
      const alike = [3, 2, 1].map((n) => `long-name-of-a-twin-${n}`);
      for (const username of alike) {
        await users.upsert({ username, displayName: username }, clock.now().toISOString());
        await give(COLLEAGUES[0], username, 5);
      }
      await give(COLLEAGUES[0], COLLEAGUES[1], 9);
      const { client, measured } = measuringClient(table);
      const reader = new DynamoDbRewardRepository({ client, tableName: table.tableName });
      // Act
      const board = await reader.topReceivers(periodKeysOf(clock.now()).week, 2);
      // Assert
      expect(board.map((line) => [line.username, line.points])).toEqual([
        [COLLEAGUES[1], 9],
        ['long-name-of-a-twin-1', 5],
      ]);
      expect(measured.calls).toBe(2);
      client.destroy();
      clock.set(NOW);
    },
    DYNAMODB_TIMEOUT_MS,
  );

  it(
    'leaves no line with an old name when a rename races rewards to and from the user',
    async () => {
      // Arrange
      const [renamed, ...others] = COLLEAGUES.slice(0, 9);
      // Act: rewards to and from the user while the name changes twice
      const gifts = others.flatMap((other, i) => [
        give(other, renamed, 1 + i),
        give(renamed, other, 20 + i),
      ]);
      const renames = (async () => {
        await users.upsert({ username: renamed, displayName: 'First New Name' }, NOW);
        await users.upsert({ username: renamed, displayName: 'Final Name', avatar: '🐯' }, NOW);
      })();
      await Promise.all([...gifts, renames]);
      // Assert
      const board = await rewards.topReceivers(periodKeysOf(clock.now()).week, 50);
      const own = board.find((line) => line.username === renamed);
      const asBff = board.filter((line) => line.bff?.username === renamed);
      expect(own).toMatchObject({ displayName: 'Final Name', avatar: '🐯' });
      expect(asBff.length).toBeGreaterThan(0);
      expect(asBff.map((line) => line.bff?.displayName)).toEqual(asBff.map(() => 'Final Name'));
    },
    DYNAMODB_TIMEOUT_MS,
  );
});
