/**
 * The one definition of the table: keys, indexes and TTL. The CDK data stack, the local stack
 * and the tests all build their table from this object, so they cannot drift apart.
 */

export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** `ALL` for indexes that are read whole; `KEYS_ONLY` for one that only finds items. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  readonly timeToLiveAttribute: string;
  readonly billingMode: 'PAY_PER_REQUEST';
}

export const INDEX = {
  /** A period's board, `LB#<periodKey>`, by `boardScore`: descending is points, then username. */
  board: 'board',
  /** Board lines by their BFF, `BFF_OF#<user>` (keys only), for carrying a new name over. */
  byBff: 'byBff',
  /** Rewards newest first per month: `FEED#<yyyy-mm>`, sorted by the ULID. */
  feed: 'feed',
  /** Rewards a user received: `TO#<user>`, sorted by the ULID. */
  byReceiver: 'byReceiver',
  /** Rewards a user gave: `FROM#<user>`, sorted by the ULID. */
  byGiver: 'byGiver',
  /** All profiles sorted by username: `USERS`. */
  users: 'users',
} as const;

export const TABLE_DEFINITION: TableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  billingMode: 'PAY_PER_REQUEST',
  globalSecondaryIndexes: [
    {
      indexName: INDEX.board,
      partitionKey: { name: 'boardPk', type: 'S' },
      sortKey: { name: 'boardScore', type: 'N' },
      projection: 'ALL',
    },
    {
      indexName: INDEX.byBff,
      partitionKey: { name: 'bffOf', type: 'S' },
      sortKey: { name: 'boardPk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
    {
      indexName: INDEX.feed,
      partitionKey: { name: 'feedPk', type: 'S' },
      sortKey: { name: 'id', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: INDEX.byReceiver,
      partitionKey: { name: 'toPk', type: 'S' },
      sortKey: { name: 'id', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: INDEX.byGiver,
      partitionKey: { name: 'fromPk', type: 'S' },
      sortKey: { name: 'id', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: INDEX.users,
      partitionKey: { name: 'usersPk', type: 'S' },
      sortKey: { name: 'username', type: 'S' },
      projection: 'ALL',
    },
  ],
};
