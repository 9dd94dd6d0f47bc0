import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CursorKey } from './cursor';

/** What every repository and query of the adapter works on: a document client and the table. */
export interface RepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** How the repositories that page sign their cursors. */
export interface SignedCursorOptions {
  /**
   * The HMAC-SHA256 key of the cursors (at least 32 bytes), the same in every container of a
   * stage. Without it, a key of this process only: fine for a test, not for a function.
   */
  readonly cursorSigningKey?: CursorKey;
}
