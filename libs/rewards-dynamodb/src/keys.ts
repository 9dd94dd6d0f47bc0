/**
 * The key layout of the single table. Every item's key is built here and nowhere else;
 * the README lists the items and the access patterns they serve.
 */
export type Key = { pk: string; sk: string };

export const userKey = (username: string): Key => ({ pk: `USER#${username}`, sk: 'PROFILE' });
export const rewardKey = (id: string): Key => ({ pk: `REWARD#${id}`, sk: 'REWARD' });
/**
 * Points a user received in a period: a line of the period's board, projected into `board`
 * under `LB#<periodKey>`, carrying the names it shows and the period's BFF.
 */
export const receivedKey = (username: string, periodKey: string): Key => ({
  pk: `USER#${username}`,
  sk: `RECEIVED#${periodKey}`,
});
/** Points `giver` gave `receiver` in a period: what the BFF on the board is worked out from. */
export const pairKey = (receiver: string, periodKey: string, giver: string): Key => ({
  pk: `USER#${receiver}`,
  sk: `PAIR#${periodKey}#${giver}`,
});
/** Points a user gave in a period (the month's item is the allowance spend). */
export const givenKey = (username: string, periodKey: string): Key => ({
  pk: `USER#${username}`,
  sk: `GIVEN#${periodKey}`,
});
/** A key of a giver, or of a system scope (`@generator`, never a username). */
export const idempotencyKey = (scope: string, key: string): Key => ({
  pk: `IDEM#${scope}#${key}`,
  sk: 'IDEM',
});
/** The months that have a feed partition, so paging can walk back without guessing. */
export const feedMonthsKey: Key = { pk: 'META', sk: 'FEED_MONTHS' };

export const boardPartition = (periodKey: string) => `LB#${periodKey}`;
/** Board lines whose BFF is `username` (index `byBff`), so a new name reaches them. */
export const bffOfPartition = (username: string) => `BFF_OF#${username}`;
export const feedPartition = (month: string) => `FEED#${month}`;
export const receiverPartition = (username: string) => `TO#${username}`;
export const giverPartition = (username: string) => `FROM#${username}`;
export const USERS_PARTITION = 'USERS';
/** A Slack user's link to a profile. */
export const slackLinkKey = (teamId: string, userId: string): Key => ({
  pk: `SLACK#${teamId}#${userId}`,
  sk: 'LINK',
});
/** A one-time Slack link code, keyed by its SHA-256: the table never holds a usable code. */
export const slackLinkCodeKey = (codeDigest: string): Key => ({
  pk: `SLACKCODE#${codeDigest}`,
  sk: 'CODE',
});
