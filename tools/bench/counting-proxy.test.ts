import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '@peer-rewards/rewards-dynamodb';
import { createTestTable, type TestTable } from '@peer-rewards/rewards-dynamodb/testing';
import { startCountingProxy, unitsOf, type CountingProxy } from './counting-proxy';

const DYNAMODB_TIMEOUT_MS = 60_000;

describe('the counting proxy', () => {
  let table: TestTable;
  let proxy: CountingProxy;

  beforeAll(async () => {
    table = await createTestTable('proxy');
    proxy = await startCountingProxy(table.endpoint);
  }, DYNAMODB_TIMEOUT_MS);

  afterAll(async () => {
    await proxy.close();
    await table.drop();
  }, DYNAMODB_TIMEOUT_MS);

  it(
    'forwards every call to DynamoDB and counts it by operation with the units it consumed',
    async () => {
      // Arrange
      const client = createDocumentClient({ endpoint: proxy.endpoint, region: 'us-east-1' });
      const key = { pk: 'USER#alex', sk: 'PROFILE' };
      // Act
      await client.send(new PutCommand({ TableName: table.tableName, Item: { ...key, n: 1 } }));
      proxy.reset();
      const read = await client.send(new GetCommand({ TableName: table.tableName, Key: key }));
      await client.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': key.pk },
        }),
      );
      client.destroy();
      // Assert
      expect(read.Item).toEqual({ ...key, n: 1 });
      expect(proxy.counts()).toEqual({
        GetItem: { calls: 1, readUnits: 0.5, writeUnits: 0 },
        Query: { calls: 1, readUnits: 0.5, writeUnits: 0 },
      });
    },
    DYNAMODB_TIMEOUT_MS,
  );
});

describe('unitsOf', () => {
  it('adds up a list per table, and reads a single entry as a read or a write by operation', () => {
    // Assert
    expect(
      unitsOf('TransactWriteItems', {
        ConsumedCapacity: [{ CapacityUnits: 12 }, { CapacityUnits: 4 }],
      }),
    ).toEqual({ read: 0, write: 16 });
    expect(unitsOf('BatchGetItem', { ConsumedCapacity: [{ CapacityUnits: 3 }] })).toEqual({
      read: 3,
      write: 0,
    });
    expect(
      unitsOf('UpdateItem', {
        ConsumedCapacity: { ReadCapacityUnits: 1, WriteCapacityUnits: 2 },
      }),
    ).toEqual({ read: 1, write: 2 });
    expect(unitsOf('GetItem', {})).toEqual({ read: 0, write: 0 });
  });
});
