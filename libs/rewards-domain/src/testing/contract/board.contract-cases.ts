/// <reference types="jest" />
import { periodKeysOf } from '../../periods';
import { CONTRACT_NOW, HISTORY, giveInOrder, type ContractWorld } from './contract-setup';

const PERIODS_NOW = periodKeysOf(new Date(CONTRACT_NOW));
const names = (lines: ReadonlyArray<{ username: string; points: number }>) =>
  lines.map((line) => [line.username, line.points]);

/**
 * The cases of the board reads of `RewardRepository`: the order and cut of a board, the BFF
 * and its tie rule, the names shown, how fresh they are, and a user's standing.
 */
export const describeBoardCases = (world: ContractWorld, timeout: number): void => {
  beforeEach(() => world.profiles(), timeout);

  describe('leaderboard and BFF', () => {
    it(
      'ranks by points, then username, and cuts ties at the limit by username',
      async () => {
        // Arrange: markus 30, andreas 20, zuschauer 20, alex 10 on 2026-11-27
        await giveInOrder(world, HISTORY.slice(2));
        // Act
        const top1 = await world.rewards.topReceivers(PERIODS_NOW.week, 1);
        const top2 = await world.rewards.topReceivers(PERIODS_NOW.week, 2);
        const top9 = await world.rewards.topReceivers(PERIODS_NOW.week, 9);
        // Assert
        expect(names(top1)).toEqual([['markus', 30]]);
        expect(names(top2)).toEqual([
          ['markus', 30],
          ['andreas', 20],
        ]);
        expect(names(top9)).toEqual([
          ['markus', 30],
          ['andreas', 20],
          ['zuschauer', 20],
          ['alex', 10],
        ]);
      },
      timeout,
    );

    it(
      'names the first username among the givers tied for most as the BFF, as gifts add up',
      async () => {
        // Arrange
        await giveInOrder(world, [
          { from: 'zuschauer', to: 'markus', points: 10 },
          { from: 'andreas', to: 'markus', points: 10 },
        ]);
        const tiedAtTen = await world.rewards.standing('markus', PERIODS_NOW);
        await giveInOrder(world, [
          { from: 'alex', to: 'markus', points: 9 },
          { from: 'alex', to: 'markus', points: 2 },
        ]);
        // Act
        const overtaken = await world.rewards.standing('markus', PERIODS_NOW);
        const [line] = await world.rewards.topReceivers(PERIODS_NOW.week, 1);
        const nobody = await world.rewards.standing('alex', PERIODS_NOW);
        // Assert
        expect(tiedAtTen.bff).toEqual({ username: 'andreas', displayName: 'Andreas', points: 10 });
        expect(overtaken.bff).toEqual({ username: 'alex', displayName: 'Alex', points: 11 });
        expect(line.bff).toEqual({ username: 'alex', displayName: 'Alex', points: 11 });
        expect(nobody.bff).toBeNull();
      },
      timeout,
    );

    it(
      'keeps the week, the month and all time apart, each with its own BFF',
      async () => {
        // Arrange
        await giveInOrder(world, HISTORY);
        // Act
        const week = await world.rewards.topReceivers('2026-W48', 10);
        const month = await world.rewards.topReceivers('2026-11', 10);
        const all = await world.rewards.topReceivers('all', 10);
        const empty = await world.rewards.topReceivers('2026-W01', 10);
        // Assert
        expect(names(week)).toEqual([
          ['markus', 30],
          ['andreas', 20],
          ['zuschauer', 20],
          ['alex', 10],
        ]);
        expect(week.find((line) => line.username === 'alex')?.bff).toMatchObject({
          username: 'markus',
          points: 10,
        });
        expect(month[0]).toMatchObject({
          username: 'alex',
          points: 60,
          bff: { username: 'andreas', points: 50 },
        });
        expect(all[0]).toMatchObject({
          username: 'andreas',
          points: 80,
          bff: { username: 'zuschauer', points: 60 },
        });
        expect(empty).toEqual([]);
      },
      timeout,
    );
  });

  describe('freshness of the board', () => {
    it(
      'shows a reward on the boards of its week, month and all time once give returns',
      async () => {
        // Arrange
        await giveInOrder(world, [{ from: 'alex', to: 'markus', points: 5 }]);
        // Act
        await giveInOrder(world, [{ from: 'andreas', to: 'markus', points: 6 }]);
        const boards = await Promise.all(
          [PERIODS_NOW.week, PERIODS_NOW.month, PERIODS_NOW.all].map((key) =>
            world.rewards.topReceivers(key, 10),
          ),
        );
        // Assert
        for (const board of boards) {
          expect(board).toEqual([
            {
              username: 'markus',
              displayName: 'Markus',
              avatar: '🦉',
              points: 11,
              bff: { username: 'andreas', displayName: 'Andreas', points: 6 },
            },
          ]);
        }
      },
      timeout,
    );

    it(
      'shows a changed name and avatar once the change returns, on the own line and as a BFF',
      async () => {
        // Arrange
        await giveInOrder(world, [
          { from: 'alex', to: 'markus', points: 5 },
          { from: 'markus', to: 'alex', points: 3 },
        ]);
        // Act
        await world.users.upsert(
          { username: 'alex', displayName: 'Alexandra', avatar: '🐯' },
          CONTRACT_NOW,
        );
        await world.users.upsert({ username: 'markus', displayName: 'Markus M.' }, CONTRACT_NOW);
        const board = await world.rewards.topReceivers(PERIODS_NOW.month, 10);
        const markus = await world.rewards.standing('markus', PERIODS_NOW);
        // Assert
        expect(board).toEqual([
          {
            username: 'markus',
            displayName: 'Markus M.',
            points: 5,
            bff: { username: 'alex', displayName: 'Alexandra', points: 5 },
          },
          {
            username: 'alex',
            displayName: 'Alexandra',
            avatar: '🐯',
            points: 3,
            bff: { username: 'markus', displayName: 'Markus M.', points: 3 },
          },
        ]);
        expect(markus.bff).toEqual({ username: 'alex', displayName: 'Alexandra', points: 5 });
      },
      timeout,
    );
  });

  describe('standing', () => {
    it(
      'adds up what a user received and gave, all time and in the month asked for',
      async () => {
        // Arrange
        await giveInOrder(world, HISTORY);
        // Act
        const november = await world.rewards.standing(
          'andreas',
          periodKeysOf(new Date('2026-11-27')),
        );
        const october = await world.rewards.standing(
          'andreas',
          periodKeysOf(new Date('2026-10-01')),
        );
        const nobody = await world.rewards.standing('jana', periodKeysOf(new Date('2026-11-27')));
        // Assert
        expect(november).toEqual({
          totals: { received: 80, given: 50, receivedThisMonth: 20, givenThisMonth: 50 },
          bff: { username: 'zuschauer', displayName: 'Zuschauer', points: 60 },
        });
        expect(october.totals).toEqual({
          received: 80,
          given: 50,
          receivedThisMonth: 60,
          givenThisMonth: 0,
        });
        expect(nobody).toEqual({
          totals: { received: 0, given: 0, receivedThisMonth: 0, givenThisMonth: 0 },
          bff: null,
        });
        expect(await world.rewards.spent('markus', '2026-11')).toBe(30);
        expect(await world.rewards.spent('markus', '2026-10')).toBe(0);
      },
      timeout,
    );
  });
};
