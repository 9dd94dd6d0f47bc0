import { PERIODS, type GiveRewardCommand, type Period } from '@peer-rewards/rewards-domain';
import { batchGet, itemAt } from './batch-get';
import { bffAfterGift, toStoredLine, type StoredLine } from './board-line';
import { guarded } from './errors';
import { givenKey, idempotencyKey, pairKey, receivedKey, userKey } from './keys';
import type { RepositoryOptions } from './repository-options';

/** The names a profile shows: what the board copies from it. */
export interface ProfileNames {
  readonly displayName: string;
  readonly avatar?: string;
}

/** A remembered idempotency key: the reward it gave and the request it came with. */
export interface IdempotencyRecord {
  readonly rewardId: string;
  readonly fingerprint: string;
  readonly expiresAt: number;
}

/**
 * What one reward's transaction is computed from: both profiles, the giver's spend, the
 * receiver's lines of the three boards, the pair's counters and the giver's key record. The
 * transaction's conditions hold it to these values, so a concurrent change cancels it.
 */
export interface GiveSnapshot {
  readonly giver?: ProfileNames;
  readonly receiver?: ProfileNames;
  readonly spent: number;
  readonly lines: Readonly<Record<Period, StoredLine | undefined>>;
  readonly pairs: Readonly<Record<Period, number>>;
  readonly idempotency?: IdempotencyRecord;
}

const namesOf = (item: Record<string, unknown> | undefined): ProfileNames | undefined =>
  item
    ? {
        displayName: item.displayName as string,
        ...(item.avatar ? { avatar: item.avatar as string } : {}),
      }
    : undefined;

const pointsOf = (item: Record<string, unknown> | undefined): number =>
  (item?.points as number | undefined) ?? 0;

/**
 * One BatchGetItem of the 9 or 10 items the transaction depends on. `consistent` after a
 * cancellation: the first attempt reads eventually consistent (half the units), and its
 * conditions catch anything it read stale.
 */
export const readGiveSnapshot = async (
  options: RepositoryOptions,
  command: GiveRewardCommand,
  consistent: boolean,
): Promise<GiveSnapshot> => {
  const { reward, periods, idempotency } = command;
  const keys = {
    giver: userKey(reward.from),
    receiver: userKey(reward.to),
    spend: givenKey(reward.from, periods.month),
    idempotency: idempotency
      ? idempotencyKey(idempotency.scope ?? reward.from, idempotency.key)
      : undefined,
  };
  const lineKeys = PERIODS.map((period) => receivedKey(reward.to, periods[period]));
  const pairKeys = PERIODS.map((period) => pairKey(reward.to, periods[period], reward.from));
  const items = await guarded(() =>
    batchGet(
      options,
      [
        keys.giver,
        keys.receiver,
        keys.spend,
        ...lineKeys,
        ...pairKeys,
        ...(keys.idempotency ? [keys.idempotency] : []),
      ],
      consistent,
    ),
  );
  const record = keys.idempotency ? itemAt(items, keys.idempotency) : undefined;
  return {
    giver: namesOf(itemAt(items, keys.giver)),
    receiver: namesOf(itemAt(items, keys.receiver)),
    spent: pointsOf(itemAt(items, keys.spend)),
    lines: Object.fromEntries(
      PERIODS.map((period, index) => [period, toStoredLine(itemAt(items, lineKeys[index]))]),
    ) as Record<Period, StoredLine | undefined>,
    pairs: Object.fromEntries(
      PERIODS.map((period, index) => [period, pointsOf(itemAt(items, pairKeys[index]))]),
    ) as Record<Period, number>,
    ...(record ? { idempotency: record as unknown as IdempotencyRecord } : {}),
  };
};

/**
 * The snapshot once `command` is written: what a writer that alone touches these items would
 * read next (the write benchmark's floor builds its transactions from it without reading).
 */
export const snapshotAfterGift = (
  snapshot: GiveSnapshot & { readonly giver: ProfileNames; readonly receiver: ProfileNames },
  command: GiveRewardCommand,
): GiveSnapshot => {
  const { reward } = command;
  const line = (period: Period): StoredLine => {
    const seen = snapshot.lines[period];
    const pairPoints = snapshot.pairs[period] + reward.points;
    const bff = bffAfterGift(seen, reward.from, pairPoints);
    return {
      ...seen,
      points: (seen?.points ?? 0) + reward.points,
      username: reward.to,
      ...(bff
        ? { bff: bff.username, bffName: snapshot.giver.displayName, bffPoints: bff.points }
        : {}),
    };
  };
  return {
    ...snapshot,
    spent: snapshot.spent + reward.points,
    lines: Object.fromEntries(PERIODS.map((period) => [period, line(period)])) as Record<
      Period,
      StoredLine
    >,
    pairs: Object.fromEntries(
      PERIODS.map((period) => [period, snapshot.pairs[period] + reward.points]),
    ) as Record<Period, number>,
  };
};
