import { createHash } from 'node:crypto';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { PERIODS, type GiveRewardCommand, type Period } from '@peer-rewards/rewards-domain';
import { bffAfterGift, bffAttributes, boardRank } from './board-line';
import type { GiveSnapshot, ProfileNames } from './give-reward.snapshot';
import { idempotencyPut } from './idempotency';
import { boardPartition, givenKey, pairKey, receivedKey, userKey, type Key } from './keys';
import { rewardItem } from './reward.item';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Each item of the transaction by what it does, so a cancellation is read by name. */
export type EntryName =
  | 'giverProfile'
  | 'receiverProfile'
  | 'reward'
  | 'giverSpend'
  | 'givenAllTime'
  | `received:${Period}`
  | `pair:${Period}`
  | 'idempotency';

export interface TransactionEntry {
  readonly name: EntryName;
  readonly item: TransactItem;
}

/** A snapshot in which both people have a profile: the only one a transaction is built from. */
export type GiveSnapshotWithProfiles = GiveSnapshot & {
  readonly giver: ProfileNames;
  readonly receiver: ProfileNames;
};

/** An Update that sets `values` (and removes `remove`) under `condition`. */
const update = (
  tableName: string,
  key: Key,
  values: Record<string, unknown>,
  options: { remove?: readonly string[]; add?: number; condition?: string; seen?: unknown } = {},
): TransactItem => {
  const names = Object.keys(values);
  const removed = options.remove ?? [];
  const clauses = [
    names.length ? `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}` : '',
    options.add === undefined ? '' : 'ADD #points :add',
    removed.length ? `REMOVE ${removed.map((name) => `#${name}`).join(', ')}` : '',
  ];
  const attributeNames = [...names, ...removed, 'points'];
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: clauses.filter(Boolean).join(' '),
      ExpressionAttributeNames: Object.fromEntries(
        attributeNames.map((name) => [`#${name}`, name]),
      ),
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((name) => [`:${name}`, values[name]])),
        ...(options.add === undefined ? {} : { ':add': options.add }),
        ...(options.seen === undefined ? {} : { ':seen': options.seen }),
      },
      ...(options.condition ? { ConditionExpression: options.condition } : {}),
    },
  };
};

/** The profile still exists with the names the snapshot read (a rename cancels and retries). */
const profileCheck = (
  tableName: string,
  username: string,
  names: ProfileNames,
  withAvatar: boolean,
): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: userKey(username),
    ConditionExpression:
      'attribute_exists(pk) AND displayName = :name' +
      (withAvatar
        ? names.avatar
          ? ' AND avatar = :avatar'
          : ' AND attribute_not_exists(avatar)'
        : ''),
    ExpressionAttributeValues: {
      ':name': names.displayName,
      ...(withAvatar && names.avatar ? { ':avatar': names.avatar } : {}),
    },
  },
});

/**
 * The items of one reward's TransactWriteItems, named, computed from the snapshot: the
 * receiver's line of each board gets its new points, rank, names and (when the giver takes
 * over) BFF, on condition that its points are still those read.
 */
export const giveRewardEntries = (
  tableName: string,
  command: GiveRewardCommand,
  snapshot: GiveSnapshotWithProfiles,
): TransactionEntry[] => {
  const { reward, periods, allowance, idempotency } = command;
  const { giver, receiver } = snapshot;
  const line = (period: Period): TransactionEntry => {
    const seen = snapshot.lines[period];
    const points = (seen?.points ?? 0) + reward.points;
    const bff = bffAfterGift(seen, reward.from, snapshot.pairs[period] + reward.points);
    const values = {
      points,
      username: reward.to,
      displayName: receiver.displayName,
      ...(receiver.avatar ? { avatar: receiver.avatar } : {}),
      boardPk: boardPartition(periods[period]),
      boardRank: boardRank(points, reward.to),
      // An unchanged BFF is left alone: its name is kept current by a rename, not by rewards.
      ...(bff ? bffAttributes(bff.username, giver.displayName, bff.points) : {}),
    };
    return {
      name: `received:${period}`,
      item: update(tableName, receivedKey(reward.to, periods[period]), values, {
        remove: receiver.avatar ? [] : ['avatar'],
        condition: seen ? '#points = :seen' : 'attribute_not_exists(#points)',
        seen: seen?.points,
      }),
    };
  };
  const entries: TransactionEntry[] = [
    { name: 'giverProfile', item: profileCheck(tableName, reward.from, giver, false) },
    { name: 'receiverProfile', item: profileCheck(tableName, reward.to, receiver, true) },
    {
      name: 'reward',
      item: {
        Put: {
          TableName: tableName,
          Item: rewardItem(reward),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    {
      name: 'giverSpend',
      item: update(
        tableName,
        givenKey(reward.from, periods.month),
        { username: reward.from },
        {
          add: reward.points,
          // Never past the allowance, whatever runs concurrently.
          condition: 'attribute_not_exists(#points) OR #points <= :seen',
          seen: allowance - reward.points,
        },
      ),
    },
    {
      name: 'givenAllTime',
      item: update(
        tableName,
        givenKey(reward.from, periods.all),
        { username: reward.from },
        { add: reward.points },
      ),
    },
    ...PERIODS.map(line),
    ...PERIODS.map((period): TransactionEntry => ({
      name: `pair:${period}`,
      item: update(
        tableName,
        pairKey(reward.to, periods[period], reward.from),
        {},
        {
          add: reward.points,
        },
      ),
    })),
  ];
  if (idempotency) {
    entries.push({
      name: 'idempotency',
      item: idempotencyPut(tableName, reward.from, idempotency, reward.id, reward.createdAt),
    });
  }
  return entries;
};

/**
 * The `ClientRequestToken` of an attempt. It makes the SDK's own retries of one attempt safe:
 * DynamoDB applies it once. Tokens live for 10 minutes per account and region, not per table,
 * and one reused with other items is an `IdempotentParameterMismatchException`: deriving the
 * token from the items themselves (table, keys, values) means equal tokens carry equal items.
 */
export const transactionToken = (entries: readonly TransactionEntry[], attempt: number) => {
  const digest = createHash('sha256')
    .update(JSON.stringify(entries.map((entry) => entry.item)))
    .digest('base64url')
    .slice(0, 32);
  return `${digest}-${attempt}`;
};
