import { TransactionConflictException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DependencyUnavailableError,
  InvalidCursorError,
  createRules,
  giveReward,
  type GiveRewardOutcome,
} from '@peer-rewards/rewards-domain';
import { FixedClock, SequentialIds } from '@peer-rewards/rewards-domain/testing';
import { createCursorCodec } from './cursor';
import { translateError } from './errors';
import { DynamoDbRewardRepository } from './reward.repository';
import { createTestTable, type TestTable } from './testing';
import { DynamoDbUserRepository } from './user.repository';

/** The table's client, counting the Query calls and the items they evaluated. */
const countingClient = (client: DynamoDBDocumentClient) => {
  const counts = { queries: 0, evaluated: 0 };
  const send = async (command: { constructor: { name: string } }) => {
    const output = (await client.send(command as never)) as { ScannedCount?: number };
    if (command.constructor.name === 'QueryCommand') {
      counts.queries += 1;
      counts.evaluated += output.ScannedCount ?? 0;
    }
    return output;
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, counts };
};

/** DynamoDB Local on a loaded machine: every hook and case that talks to it gets room. */
const DYNAMODB_TIMEOUT_MS = 60_000;

describe('DynamoDbRewardRepository', () => {
  let table: TestTable;
  let users: DynamoDbUserRepository;
  let rewards: DynamoDbRewardRepository;
  let clock: FixedClock;
  const ids = new SequentialIds();
  const giveWith =
    (monthlyAllowance: number) =>
    (giver: string, body: unknown): Promise<GiveRewardOutcome> =>
      giveReward({ rewards, clock, ids, rules: createRules({ monthlyAllowance }) })({
        giver,
        body,
      });

  beforeAll(async () => {
    table = await createTestTable('reward-repository');
    users = new DynamoDbUserRepository(table);
    rewards = new DynamoDbRewardRepository(table);
    clock = new FixedClock('2026-10-30T12:00:00.000Z');
  }, DYNAMODB_TIMEOUT_MS);

  afterAll(async () => {
    await table.drop();
  }, DYNAMODB_TIMEOUT_MS);

  const profiles = async (...names: string[]) => {
    for (const name of names)
      await users.upsert({ username: name, displayName: name }, clock.now().toISOString());
  };

  it(
    'gives rewards with equal ids on two tables, as tests with predictable ids do',
    async () => {
      // Arrange: the same reward id (a fresh SequentialIds) on another table within minutes
      const other = await createTestTable('reward-repository-other');
      const otherUsers = new DynamoDbUserRepository(other);
      const otherRewards = new DynamoDbRewardRepository(other);
      await profiles('left', 'right');
      for (const name of ['left', 'right'])
        await otherUsers.upsert({ username: name, displayName: name }, clock.now().toISOString());
      const rules = createRules();
      const here = giveReward({ rewards, clock, ids, rules });
      const there = giveReward({ rewards: otherRewards, clock, ids: new SequentialIds(), rules });
      // Act
      const first = await here({
        giver: 'left',
        body: { to: 'right', points: 1, message: 'here' },
      });
      const second = there({ giver: 'right', body: { to: 'left', points: 2, message: 'there' } });
      // Assert
      await expect(second).resolves.toMatchObject({
        kind: 'created',
        reward: { id: first.reward.id, points: 2 },
      });
      expect(await otherRewards.get(first.reward.id)).toMatchObject({
        from: 'right',
        message: 'there',
      });
      await other.drop();
    },
    DYNAMODB_TIMEOUT_MS,
  );

  it(
    'refuses a cursor of the whole feed that names no month',
    async () => {
      // Arrange: signed with the key of this process, as the repository's own cursors are
      const forged = await createCursorCodec().encode('feed::', {
        after: '01JDQ4V6ZQ4N2K8X0000000000',
      });
      // Act
      const page = rewards.feed({ limit: 1, cursor: forged });
      // Assert
      await expect(page).rejects.toBeInstanceOf(InvalidCursorError);
    },
    DYNAMODB_TIMEOUT_MS,
  );

  it(
    'reads a bounded number of items per page when filtering by giver and receiver, and pages on',
    async () => {
      // Arrange: one old reward from "rare" to "star", then many from "busy" on top of it
      await profiles('star', 'rare', 'busy');
      const give = giveWith(10_000);
      const wanted = await give('rare', { to: 'star', points: 1, message: 'the one' });
      for (let n = 0; n < 30; n += 1)
        await give('busy', { to: 'star', points: 1, message: `n${n}` });
      const counting = countingClient(table.client);
      const bounded = new DynamoDbRewardRepository({
        ...table,
        client: counting.client,
        filteredReadLimit: 10,
      });
      // Act
      const found: string[] = [];
      const evaluatedPerPage: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const before = counting.counts.evaluated;
        const page = await bounded.feed({ limit: 5, to: 'star', from: 'rare', cursor });
        evaluatedPerPage.push(counting.counts.evaluated - before);
        found.push(...page.items.map((reward) => reward.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      // Assert
      expect(found).toEqual([wanted.reward.id]);
      expect(cursor).toBeUndefined();
      expect(Math.max(...evaluatedPerPage)).toBeLessThanOrEqual(10);
    },
    DYNAMODB_TIMEOUT_MS,
  );

  it(
    'reads a board of many ties in one Query of exactly the lines it shows, ties by username',
    async () => {
      // Arrange: 24 givers each give "popular" 2 points, and 24 receivers get 3 points each
      clock.set('2026-11-10T10:00:00.000Z');
      const givers = Array.from({ length: 24 }, (_, i) => `tie-${String(i).padStart(2, '0')}`);
      await profiles('popular', ...givers);
      const give = giveWith(100);
      for (const giver of [...givers].reverse())
        await give(giver, { to: 'popular', points: 2, message: 'tie' });
      for (const receiver of givers)
        await give('popular', { to: receiver, points: 3, message: 'tie back' });
      const counting = countingClient(table.client);
      const reader = new DynamoDbRewardRepository({ ...table, client: counting.client });
      // Act
      const top = await reader.topReceivers('2026-11', 3);
      // Assert
      expect(top.map((line) => [line.username, line.points, line.bff?.username])).toEqual([
        ['popular', 48, 'tie-00'],
        ['tie-00', 3, 'popular'],
        ['tie-01', 3, 'popular'],
      ]);
      expect(counting.counts).toEqual({ queries: 1, evaluated: 3 });
    },
    DYNAMODB_TIMEOUT_MS,
  );
});

describe('translateError', () => {
  it.each(['TransactionConflictException', 'TransactionInProgressException'])(
    'turns %s (another write holds the item) into a retryable 503',
    (name) => {
      // Arrange
      const error =
        name === 'TransactionConflictException'
          ? new TransactionConflictException({
              message: 'ongoing transaction',
              $metadata: { httpStatusCode: 400 },
            })
          : Object.assign(new Error('in progress'), { name, $metadata: { httpStatusCode: 400 } });
      // Act
      const translate = () => translateError(error);
      // Assert
      expect(translate).toThrow(DependencyUnavailableError);
    },
  );

  it.each([
    ['ThrottlingException', 400],
    ['TimeoutError', undefined],
    ['InternalServerError', 500],
  ])('keeps %s as the cause of the 503, so an outage log can tell them apart', (name, status) => {
    // Arrange
    const error = Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
    // Act
    const translated = (() => {
      try {
        return translateError(error);
      } catch (thrown) {
        return thrown;
      }
    })();
    // Assert
    expect(translated).toBeInstanceOf(DependencyUnavailableError);
    expect((translated as Error).cause).toBe(error);
  });
});
