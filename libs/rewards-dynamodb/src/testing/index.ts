import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../client';
import { ensureTable } from '../create-table';

export interface TestTable {
  readonly tableName: string;
  readonly endpoint: string;
  readonly client: DynamoDBDocumentClient;
  /** Deletes the table and closes the client. */
  drop(): Promise<void>;
}

const LOCAL = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
};

/**
 * A fresh table from the shared definition on the DynamoDB Local the test run started
 * (`DYNAMODB_ENDPOINT`): one per test file, so files never see each other's data.
 */
export const createTestTable = async (prefix = 'test'): Promise<TestTable> => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error('DYNAMODB_ENDPOINT is not set: the jest global setup starts DynamoDB Local.');
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL.credentials.secretAccessKey;
  const tableName = `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const admin = new DynamoDBClient({ endpoint, ...LOCAL });
  await ensureTable(admin, tableName);
  const client = createDocumentClient({ endpoint, region: LOCAL.region });
  return {
    tableName,
    endpoint,
    client,
    async drop() {
      await admin.send(new DeleteTableCommand({ TableName: tableName }));
      admin.destroy();
      client.destroy();
    },
  };
};
export { startDelayingProxy, type DelayingProxy } from './delaying-proxy';

/**
 * The give transaction's parts, for the write benchmark: its floor sends the very
 * TransactWriteItems `POST /rewards` sends, built from a snapshot it keeps itself.
 */
export {
  giveRewardEntries,
  transactionToken,
  type GiveSnapshotWithProfiles,
} from '../give-reward.entries';
export { readGiveSnapshot, snapshotAfterGift } from '../give-reward.snapshot';
