/** @peer-rewards/rewards-dynamodb: the domain's ports on DynamoDB, and the table definition. */
export {
  TABLE_DEFINITION,
  INDEX,
  type TableDefinition,
  type IndexDefinition,
  type KeyAttribute,
} from './table.definition';
export { createTableInput, ensureTable } from './create-table';
export { createDocumentClient, type DocumentClientOptions } from './client';
export type { RepositoryOptions, SignedCursorOptions } from './repository-options';
export { MIN_CURSOR_KEY_BYTES, type CursorKey } from './cursor';
export { DynamoDbUserRepository } from './user.repository';
export { DynamoDbRewardRepository, type RewardRepositoryOptions } from './reward.repository';
export { isUnavailable } from './errors';
export { DynamoDbSlackLinkRepository } from './slack-link.repository';
