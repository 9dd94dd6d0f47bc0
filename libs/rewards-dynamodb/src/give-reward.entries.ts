import { createHash } from 'node:crypto';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { PERIODS, type GiveRewardCommand, type Period } from '@peer-rewards/rewards-domain';
import { bffAfterGift, bffAttributes, boardScoreBase, boardScoreStep } from './board-line';
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

interface UpdateParts {
  /** Attributes set to these values. */
  readonly set?: Record<string, unknown>;
  /** Further `SET` clauses, written with `#name` and `:value` placeholders. */
  readonly setExpressions?: readonly string[];
  readonly add?: number;
  readonly remove?: readonly string[];
  readonly condition?: string;
  /** Values of the placeholders of `setExpressions` and `condition`. */
  readonly values?: Record<string, unknown>;
}

/** An Update of one item; every attribute name goes through a `#name` placeholder. */
const update = (tableName: string, key: Key, parts: UpdateParts): TransactItem => {
  const set = parts.set ?? {};
  const names = Object.keys(set);
  const removed = parts.remove ?? [];
  const assignments = [
    ...names.map((name) => `#${name} = :${name}`),
    ...(parts.setExpressions ?? []),
  ];
  const clauses = [
    assignments.length ? `SET ${assignments.join(', ')}` : '',
    parts.add === undefined ? '' : 'ADD #points :add',
    removed.length ? `REMOVE ${removed.map((name) => `#${name}`).join(', ')}` : '',
  ].filter(Boolean);
  const expressions = [...clauses, parts.condition ?? ''].join(' ');
  const used = new Set([...expressions.matchAll(/#(\w+)/g)].map((match) => match[1]));
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: clauses.join(' '),
      ExpressionAttributeNames: Object.fromEntries([...used].map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((name) => [`:${name}`, set[name]])),
        ...(parts.add === undefined ? {} : { ':add': parts.add }),
        ...parts.values,
      },
      ...(parts.condition ? { ConditionExpression: parts.condition } : {}),
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
 * receiver's line of each board adds the points to its points and score, sets the names and,
 * when the giver takes over, the BFF — on condition that the BFF is still the one read.
 */
/**
 * The giver still beats the line's BFF when the write lands: no BFF, the giver is the BFF,
 * fewer points, or as many and a later username (DynamoDB compares strings by their bytes, and
 * usernames are ASCII).
 */
const GIVER_BEATS_BFF =
  'attribute_not_exists(#bff) OR #bff = :giver OR #bffPoints < :pair OR (#bffPoints = :pair AND #bff > :giver)';

export const giveRewardEntries = (
  tableName: string,
  command: GiveRewardCommand,
  snapshot: GiveSnapshotWithProfiles,
  /** Periods whose BFF turned out better than the giver: their lines do not try to take over. */
  keepBff: ReadonlySet<Period> = new Set(),
): TransactionEntry[] => {
  const { reward, periods, allowance, idempotency } = command;
  const { giver, receiver } = snapshot;
  const line = (period: Period): TransactionEntry => {
    const seen = snapshot.lines[period];
    const pair = snapshot.pairs[period] + reward.points;
    const bff = keepBff.has(period) ? null : bffAfterGift(seen, reward.from, pair);
    // Only a takeover has a condition: that the giver still beats the BFF. A giver who does not
    // beat the BFF read cannot beat a later one either (a BFF's points only grow), so most
    // rewards write their lines without a condition.
    return {
      name: `received:${period}`,
      item: update(tableName, receivedKey(reward.to, periods[period]), {
        set: {
          username: reward.to,
          displayName: receiver.displayName,
          ...(receiver.avatar ? { avatar: receiver.avatar } : {}),
          boardPk: boardPartition(periods[period]),
          // An unchanged BFF is left alone: its name is kept current by a rename, not by rewards.
          ...(bff ? bffAttributes(bff.username, giver.displayName, bff.points) : {}),
        },
        setExpressions: ['#boardScore = if_not_exists(#boardScore, :base) + :step'],
        add: reward.points,
        remove: receiver.avatar ? [] : ['avatar'],
        ...(bff ? { condition: GIVER_BEATS_BFF } : {}),
        values: {
          ':base': boardScoreBase(reward.to),
          ':step': boardScoreStep(reward.points),
          ...(bff ? { ':giver': reward.from, ':pair': pair } : {}),
        },
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
      item: update(tableName, givenKey(reward.from, periods.month), {
        set: { username: reward.from },
        add: reward.points,
        // Never past the allowance, whatever runs concurrently.
        condition: 'attribute_not_exists(#points) OR #points <= :most',
        values: { ':most': allowance - reward.points },
      }),
    },
    {
      name: 'givenAllTime',
      item: update(tableName, givenKey(reward.from, periods.all), {
        set: { username: reward.from },
        add: reward.points,
      }),
    },
    ...PERIODS.map(line),
    // The pair as read: it decided whether the giver becomes the BFF (only this giver's rewards
    // to this receiver move it).
    ...PERIODS.map((period): TransactionEntry => {
      const seen = snapshot.pairs[period];
      return {
        name: `pair:${period}`,
        item: update(tableName, pairKey(reward.to, periods[period], reward.from), {
          add: reward.points,
          condition: seen ? '#points = :seen' : 'attribute_not_exists(#points)',
          ...(seen ? { values: { ':seen': seen } } : {}),
        }),
      };
    }),
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
    .update(
      JSON.stringify(
        entries.map((entry) => entry.item),
        // A board score is a bigint, which JSON has no notation for.
        (_, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value),
      ),
    )
    .digest('base64url')
    .slice(0, 32);
  return `${digest}-${attempt}`;
};
