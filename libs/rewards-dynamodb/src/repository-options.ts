import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every repository and query of the adapter works on: a document client and the table. */
export interface RepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}
