/// <reference types="jest" />
import { InvalidCursorError } from '../../errors';
import type { FeedRequest } from '../../ports';
import { HISTORY, failureOf, giveInOrder, type ContractWorld, type Gift } from './contract-setup';

/** The cases of the feed reads of `RewardRepository`: paging, filters, cursors. */
export const describeReadCases = (world: ContractWorld, timeout: number): void => {
  beforeEach(() => world.profiles(), timeout);

  const giveAll = (gifts: readonly Gift[]) => giveInOrder(world, gifts);

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
};
