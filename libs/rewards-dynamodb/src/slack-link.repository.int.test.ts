import { LinkCodeInvalidError } from '@peer-rewards/rewards-domain';
import { describeSlackLinkRepositoryContract } from '@peer-rewards/rewards-domain/testing';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { slackLinkCodeKey } from './keys';
import { DynamoDbSlackLinkRepository } from './slack-link.repository';
import { DynamoDbUserRepository } from './user.repository';
import { createTestTable, type TestTable } from './testing';
import { createHash } from 'node:crypto';

const TIMEOUT = 60_000;

describeSlackLinkRepositoryContract(
  'DynamoDbSlackLinkRepository',
  async () => {
    const table = await createTestTable('slack-contract');
    return {
      users: new DynamoDbUserRepository(table),
      slackLinks: new DynamoDbSlackLinkRepository(table),
      dispose: () => table.drop(),
    };
  },
  { timeoutMs: TIMEOUT },
);

describe('DynamoDbSlackLinkRepository on DynamoDB Local', () => {
  let table: TestTable;
  const identity = { teamId: 'T0001', userId: 'U0ALEX' };
  const now = '2026-11-27T09:00:00.000Z';

  beforeAll(async () => {
    table = await createTestTable('slack-links');
    await new DynamoDbUserRepository(table).upsert({ username: 'alex', displayName: 'Alex' }, now);
  }, TIMEOUT);
  afterAll(() => table.drop(), TIMEOUT);

  it(
    'keeps only a digest of the code, with the TTL attribute in epoch seconds',
    async () => {
      // Arrange
      const links = new DynamoDbSlackLinkRepository(table);
      const code = 'Zm9yLXRoZS1kaWdlc3QtdGVzdC0xMjM0NTY3ODkw';
      // Act
      await links.issueCode(code, identity, '2026-11-27T09:10:00.000Z', now);
      // Assert
      const digest = createHash('sha256').update(code).digest('hex');
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.tableName, Key: slackLinkCodeKey(digest) }),
      );
      expect(Item).toMatchObject({ teamId: 'T0001', slackUserId: 'U0ALEX', expiresAt: 1795770600 });
      expect(JSON.stringify(Item)).not.toContain(code);
    },
    TIMEOUT,
  );

  it(
    'lets exactly one of four concurrent redemptions of a code through',
    async () => {
      // Arrange
      const links = new DynamoDbSlackLinkRepository(table);
      const code = 'cmFjaW5nLXJlZGVtcHRpb25zLW9mLW9uZS1jb2Rl';
      await links.issueCode(code, identity, '2026-11-27T09:10:00.000Z', now);
      // Act
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => links.redeemCode(code, 'alex', now)),
      );
      // Assert
      const fulfilled = results.filter((result) => result.status === 'fulfilled');
      const refused = results.filter(
        (result) => result.status === 'rejected' && result.reason instanceof LinkCodeInvalidError,
      );
      expect(fulfilled).toHaveLength(1);
      expect(refused).toHaveLength(3);
    },
    TIMEOUT,
  );
});
