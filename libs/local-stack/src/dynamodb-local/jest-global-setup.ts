/**
 * Starts one in-memory DynamoDB Local for the whole jest run (every project that needs it shares
 * it); test files create a table of their own. DYNAMODB_ENDPOINT set beforehand is used instead.
 */
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';

declare global {
  var __dynamoDbLocal: DynamoDbLocal | undefined;
}

export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  if (process.env.DYNAMODB_ENDPOINT) return;
  const local = await startDynamoDbLocal({ inMemory: true });
  globalThis.__dynamoDbLocal = local;
  process.env.DYNAMODB_ENDPOINT = local.endpoint;
}
