/// <reference types="jest" />
import { InvalidCursorError } from '../../errors';
import { periodKeysOf } from '../../periods';
import type { FeedRequest } from '../../ports';
import { failureOf, type ContractWorld, type Gift } from './contract-setup';

/** Gifts in time order over two months (ids are handed out in the same order). */
const HISTORY: readonly Gift[] = [
  { from: 'zuschauer', to: 'andreas', points: 60, at: '2026-10-15T12:00:00.000Z' },
  { from: 'andreas', to: 'alex', points: 50, at: '2026-11-20T12:00:00.000Z' },
  { from: 'alex', to: 'markus', points: 30, at: '2026-11-27T08:00:00.000Z' },
  { from: 'alex', to: 'andreas', points: 20, at: '2026-11-27T08:01:00.000Z' },
  { from: 'markus', to: 'zuschauer', points: 20, at: '2026-11-27T08:02:00.000Z' },
  { from: 'markus', to: 'alex', points: 10, at: '2026-11-27T08:03:00.000Z' },
];

/** The cases of the reads of `RewardRepository`: feed, leaderboard, BFF and totals. */
export const describeReadCases = (world: ContractWorld, timeout: number): void => {
  beforeEach(() => world.profiles(), timeout);

  const giveAll = async (gifts: readonly Gift[]) => {
    const ids: string[] = [];
    for (const gift of gifts) ids.push((await world.rewards.give(world.command(gift))).reward.id);
    return ids;
  };

  /** The ids of every page of a feed query, walking its cursor. */
  const walk = async (request: Omit<FeedRequest, 'cursor'>) => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await world.rewards.feed({ ...request, cursor });
      pages.push(page.items.map((reward) => reward.id));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  };

  describe('feed', () => {
    it(
      'pages newest first across months, the last page without a cursor',
      async () => {
        // Arrange
        const ids = await giveAll(HISTORY.slice(0, 5));
        // Act
        const pages = await walk({ limit: 2 });
        // Assert
        const newestFirst = [...ids].reverse();
        expect(pages).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), [ids[0]]]);
      },
      timeout,
    );

    it(
      'ends on a full last page without a cursor',
      async () => {
        // Arrange
        const ids = await giveAll(HISTORY.slice(0, 4));
        // Act
        const pages = await walk({ limit: 2 });
        // Assert
        expect(pages).toEqual([
          [ids[3], ids[2]],
          [ids[1], ids[0]],
        ]);
      },
      timeout,
    );

    it(
      'filters by recipient, by giver or by both, paging each',
      async () => {
        // Arrange
        const ids = await giveAll(HISTORY);
        // Act
        const toAndreas = await walk({ limit: 1, to: 'andreas' });
        const fromMarkus = await walk({ limit: 1, from: 'markus' });
        const alexToAndreas = await walk({ limit: 1, to: 'andreas', from: 'alex' });
        // Assert
        expect(toAndreas.flat()).toEqual([ids[3], ids[0]]);
        expect(fromMarkus.flat()).toEqual([ids[5], ids[4]]);
        expect(alexToAndreas.flat()).toEqual([ids[3]]);
      },
      timeout,
    );

    it(
      'refuses a cursor of other filters, and one it did not issue',
      async () => {
        // Arrange
        await giveAll(HISTORY);
        const page = await world.rewards.feed({ limit: 1, to: 'andreas' });
        // Act
        const otherFilter = await failureOf(
          world.rewards.feed({ limit: 1, to: 'alex', cursor: page.nextCursor }),
        );
        const forged = await failureOf(world.rewards.feed({ limit: 1, cursor: 'bm90LWpzb24' }));
        // Assert
        expect(page.nextCursor).toBeDefined();
        expect(otherFilter).toBeInstanceOf(InvalidCursorError);
        expect(forged).toBeInstanceOf(InvalidCursorError);
      },
      timeout,
    );

    it(
      'finds no reward under an unknown or malformed id, and an empty feed when nobody gave',
      async () => {
        // Act
        const unknown = await world.rewards.get('01JDQ4V6ZQ4N2K8X0000000000');
        const malformed = await world.rewards.get('not-an-id');
        const page = await world.rewards.feed({ limit: 5 });
        // Assert
        expect(unknown).toBeNull();
        expect(malformed).toBeNull();
        expect(page).toEqual({ items: [] });
      },
      timeout,
    );
  });

  describe('leaderboard and BFF', () => {
    it(
      'ranks by points, then username, keeping everyone tied with the last of the limit',
      async () => {
        // Arrange: markus 30, andreas 20, zuschauer 20, alex 10 on 2026-11-27
        await giveAll(HISTORY.slice(2));
        const week = periodKeysOf(new Date('2026-11-27T09:00:00.000Z')).week;
        // Act
        const top1 = await world.rewards.topReceivers(week, 1);
        const top2 = await world.rewards.topReceivers(week, 2);
        const top9 = await world.rewards.topReceivers(week, 9);
        // Assert
        expect(top1).toEqual([{ username: 'markus', points: 30 }]);
        expect(top2).toEqual([
          { username: 'markus', points: 30 },
          { username: 'andreas', points: 20 },
          { username: 'zuschauer', points: 20 },
        ]);
        expect(top9.map((tally) => tally.username)).toEqual([
          'markus',
          'andreas',
          'zuschauer',
          'alex',
        ]);
      },
      timeout,
    );

    it(
      'names the first username among the givers tied for most as the BFF',
      async () => {
        // Arrange
        await giveAll([
          { from: 'zuschauer', to: 'markus', points: 10 },
          { from: 'andreas', to: 'markus', points: 10 },
          { from: 'alex', to: 'markus', points: 5 },
        ]);
        // Act
        const bff = await world.rewards.topGiver('markus', 'all');
        const nobody = await world.rewards.topGiver('alex', 'all');
        // Assert
        expect(bff).toEqual({ username: 'andreas', points: 10 });
        expect(nobody).toBeNull();
      },
      timeout,
    );

    it(
      'keeps the week, the month and all time apart',
      async () => {
        // Arrange
        await giveAll(HISTORY);
        // Act
        const week = await world.rewards.topReceivers('2026-W48', 10);
        const month = await world.rewards.topReceivers('2026-11', 10);
        const all = await world.rewards.topReceivers('all', 10);
        const empty = await world.rewards.topReceivers('2026-W01', 10);
        const bffOfAlexThisWeek = await world.rewards.topGiver('alex', '2026-W48');
        const bffOfAlexThisMonth = await world.rewards.topGiver('alex', '2026-11');
        // Assert
        expect(week.map((tally) => [tally.username, tally.points])).toEqual([
          ['markus', 30],
          ['andreas', 20],
          ['zuschauer', 20],
          ['alex', 10],
        ]);
        expect(month[0]).toEqual({ username: 'alex', points: 60 });
        expect(all[0]).toEqual({ username: 'andreas', points: 80 });
        expect(empty).toEqual([]);
        expect(bffOfAlexThisWeek).toEqual({ username: 'markus', points: 10 });
        expect(bffOfAlexThisMonth).toEqual({ username: 'andreas', points: 50 });
      },
      timeout,
    );
  });

  describe('totals', () => {
    it(
      'adds up what a user received and gave, all time and in the month asked for',
      async () => {
        // Arrange
        await giveAll(HISTORY);
        // Act
        const november = await world.rewards.totals(
          'andreas',
          periodKeysOf(new Date('2026-11-27')),
        );
        const october = await world.rewards.totals('andreas', periodKeysOf(new Date('2026-10-01')));
        const nobody = await world.rewards.totals('jana', periodKeysOf(new Date('2026-11-27')));
        // Assert
        expect(november).toEqual({
          received: 80,
          given: 50,
          receivedThisMonth: 20,
          givenThisMonth: 50,
        });
        expect(october).toEqual({
          received: 80,
          given: 50,
          receivedThisMonth: 60,
          givenThisMonth: 0,
        });
        expect(nobody).toEqual({ received: 0, given: 0, receivedThisMonth: 0, givenThisMonth: 0 });
        expect(await world.rewards.spent('markus', '2026-11')).toBe(30);
        expect(await world.rewards.spent('markus', '2026-10')).toBe(0);
      },
      timeout,
    );
  });
};
