/// <reference types="jest" />
import { InvalidCursorError } from '../../errors';
import type { User } from '../../schemas/user.schema';
import {
  failureOf,
  useContractWorld,
  type ContractOptions,
  type MakeRepositories,
} from './contract-setup';

/**
 * The cases every `UserRepository` passes: run it in a test file of the adapter, with a
 * factory of fresh repositories, e.g.
 * `describeUserRepositoryContract('DynamoDbUserRepository', async () => ({ users, rewards, dispose }))`.
 */
export const describeUserRepositoryContract = (
  name: string,
  make: MakeRepositories,
  options: ContractOptions = {},
): void => {
  describe(`${name} (UserRepository contract)`, () => {
    const { world, timeout } = useContractWorld(make, options);

    /** Every username, walking the pages of `list` with its cursor. */
    const walk = async (limit: number) => {
      const pages: User[][] = [];
      let cursor: string | undefined;
      do {
        const page = await world.users.list({ limit, cursor });
        pages.push(page.items);
        cursor = page.nextCursor;
      } while (cursor && pages.length < 50);
      return pages.map((page) => page.map((user) => user.username));
    };

    it(
      'creates a profile, then updates it keeping createdAt',
      async () => {
        // Arrange
        const first = await world.users.upsert(
          { username: 'newbie', displayName: 'New', avatar: '🐼' },
          '2026-10-01T00:00:00.000Z',
        );
        // Act
        const second = await world.users.upsert(
          { username: 'newbie', displayName: 'Renamed' },
          '2026-10-02T00:00:00.000Z',
        );
        // Assert
        expect(first).toEqual({
          created: true,
          user: {
            username: 'newbie',
            displayName: 'New',
            avatar: '🐼',
            createdAt: '2026-10-01T00:00:00.000Z',
          },
        });
        expect(second).toEqual({
          created: false,
          user: {
            username: 'newbie',
            displayName: 'Renamed',
            createdAt: '2026-10-01T00:00:00.000Z',
          },
        });
        expect(await world.users.get('newbie')).toEqual(second.user);
      },
      timeout,
    );

    it(
      'finds nobody under an unknown name',
      async () => {
        // Act
        const user = await world.users.get('nobody');
        // Assert
        expect(user).toBeNull();
      },
      timeout,
    );

    it(
      'batch-gets each existing user once and leaves out the missing ones',
      async () => {
        // Arrange
        await world.profiles(['alex', 'jana']);
        // Act
        const found = await world.users.getMany(['alex', 'nobody', 'jana', 'alex']);
        // Assert
        expect(found.map((user) => user.username).sort()).toEqual(['alex', 'jana']);
      },
      timeout,
    );

    it(
      'lists users by username, page by page, the last page without a cursor',
      async () => {
        // Arrange
        await world.profiles(['markus', 'alex', 'zuschauer', 'jana', 'andreas']);
        // Act
        const pages = await walk(2);
        // Assert
        expect(pages).toEqual([['alex', 'andreas'], ['jana', 'markus'], ['zuschauer']]);
      },
      timeout,
    );

    it(
      'ends on a full last page without a cursor',
      async () => {
        // Arrange
        await world.profiles(['markus', 'alex', 'jana', 'andreas']);
        // Act
        const pages = await walk(2);
        // Assert
        expect(pages).toEqual([
          ['alex', 'andreas'],
          ['jana', 'markus'],
        ]);
      },
      timeout,
    );

    it(
      'lists nobody on an empty store',
      async () => {
        // Act
        const page = await world.users.list({ limit: 10 });
        // Assert
        expect(page).toEqual({ items: [] });
      },
      timeout,
    );

    it(
      'refuses a cursor it did not issue, or one of the feed',
      async () => {
        // Arrange
        await world.profiles(['alex', 'andreas', 'markus']);
        await world.rewards.give(world.command({ from: 'alex', to: 'markus', points: 1 }));
        await world.rewards.give(world.command({ from: 'andreas', to: 'markus', points: 1 }));
        const feedCursor = (await world.rewards.feed({ limit: 1 })).nextCursor;
        // Act
        const forged = await failureOf(world.users.list({ limit: 1, cursor: 'bm90LWpzb24' }));
        const ofTheFeed = await failureOf(world.users.list({ limit: 1, cursor: feedCursor }));
        // Assert
        expect(feedCursor).toBeDefined();
        expect(forged).toBeInstanceOf(InvalidCursorError);
        expect(ofTheFeed).toBeInstanceOf(InvalidCursorError);
      },
      timeout,
    );
  });
};
