/// <reference types="jest" />
import {
  AllowanceExceededError,
  IdempotencyConflictError,
  NotFoundError,
  ProfileRequiredError,
} from '../../errors';
import { periodKeysOf } from '../../periods';
import { CONTRACT_NOW, failureOf, type ContractWorld } from './contract-setup';

const MONTH = '2026-11';
const DAY_MS = 24 * 60 * 60 * 1000;
const later = (milliseconds: number) =>
  new Date(Date.parse(CONTRACT_NOW) + milliseconds).toISOString();

/** The cases of `RewardRepository.give`: allowance, profiles, idempotency. */
export const describeGiveCases = (world: ContractWorld, timeout: number): void => {
  beforeEach(() => world.profiles(), timeout);

  const feedSize = async () => (await world.rewards.feed({ limit: 100 })).items.length;

  describe('give', () => {
    it(
      'stores the reward and moves every counter of its periods',
      async () => {
        // Act
        const outcome = await world.rewards.give(
          world.command({ from: 'alex', to: 'markus', points: 7 }),
        );
        // Assert
        expect(outcome.kind).toBe('created');
        expect(await world.rewards.get(outcome.reward.id)).toEqual(outcome.reward);
        const periods = periodKeysOf(new Date(CONTRACT_NOW));
        const alexAsBff = { username: 'alex', displayName: 'Alex', points: 7 };
        expect(await world.rewards.standing('markus', periods)).toEqual({
          totals: { received: 7, given: 0, receivedThisMonth: 7, givenThisMonth: 0 },
          bff: alexAsBff,
        });
        expect((await world.rewards.standing('alex', periods)).totals).toMatchObject({
          given: 7,
          givenThisMonth: 7,
        });
        expect(await world.rewards.spent('alex', MONTH)).toBe(7);
        for (const periodKey of [periods.week, periods.month, periods.all]) {
          expect(await world.rewards.topReceivers(periodKey, 10)).toEqual([
            { username: 'markus', displayName: 'Markus', avatar: '🦉', points: 7, bff: alexAsBff },
          ]);
        }
      },
      timeout,
    );

    it(
      'lets a giver spend exactly the allowance, and refuses one point more with what is left',
      async () => {
        // Arrange
        await world.rewards.give(world.command({ from: 'alex', to: 'markus', points: 60 }));
        // Act
        const overByOne = await failureOf(
          world.rewards.give(world.command({ from: 'alex', to: 'andreas', points: 41 })),
        );
        const exactly = await world.rewards.give(
          world.command({ from: 'alex', to: 'andreas', points: 40 }),
        );
        const oneMore = await failureOf(
          world.rewards.give(world.command({ from: 'alex', to: 'markus', points: 1 })),
        );
        // Assert
        expect(overByOne).toEqual(new AllowanceExceededError(40, 41, 100));
        expect(exactly.kind).toBe('created');
        expect(oneMore).toEqual(new AllowanceExceededError(0, 1, 100));
        expect(await world.rewards.spent('alex', MONTH)).toBe(100);
        expect(await feedSize()).toBe(2);
      },
      timeout,
    );

    it(
      'refuses a reward above the whole allowance, even as the first of the month',
      async () => {
        // Act
        const over = world.rewards.give(
          world.command({ from: 'alex', to: 'markus', points: 60, allowance: 50 }),
        );
        // Assert
        await expect(over).rejects.toEqual(new AllowanceExceededError(50, 60, 50));
        expect(await world.rewards.spent('alex', MONTH)).toBe(0);
      },
      timeout,
    );

    it(
      'starts every UTC month with the whole allowance',
      async () => {
        // Arrange
        await world.rewards.give(world.command({ from: 'alex', to: 'markus', points: 100 }));
        // Act
        const december = await world.rewards.give(
          world.command({
            from: 'alex',
            to: 'markus',
            points: 100,
            at: '2026-12-01T00:00:00.000Z',
          }),
        );
        // Assert
        expect(december.kind).toBe('created');
        expect(await world.rewards.spent('alex', '2026-12')).toBe(100);
      },
      timeout,
    );

    it(
      'requires a profile of the giver and of the recipient, writing nothing otherwise',
      async () => {
        // Act
        const noGiver = await failureOf(
          world.rewards.give(world.command({ from: 'ghost', to: 'alex', points: 5 })),
        );
        const noRecipient = await failureOf(
          world.rewards.give(world.command({ from: 'alex', to: 'ghost', points: 5 })),
        );
        // Assert
        expect(noGiver).toBeInstanceOf(ProfileRequiredError);
        expect(noRecipient).toBeInstanceOf(NotFoundError);
        expect(await world.rewards.spent('ghost', MONTH)).toBe(0);
        expect(await world.rewards.spent('alex', MONTH)).toBe(0);
        expect(await feedSize()).toBe(0);
      },
      timeout,
    );
  });

  describe('give with an idempotency key', () => {
    const gift = { from: 'alex', to: 'markus', points: 30, key: 'key-1' } as const;

    it(
      'replays the same key and request with the first reward, counting it once',
      async () => {
        // Arrange
        const first = await world.rewards.give(world.command(gift));
        // Act
        const again = await world.rewards.give(world.command({ ...gift, at: later(60_000) }));
        // Assert
        expect(first.kind).toBe('created');
        expect(again).toEqual({ kind: 'replayed', reward: first.reward });
        expect(await world.rewards.spent('alex', MONTH)).toBe(30);
        expect(await feedSize()).toBe(1);
      },
      timeout,
    );

    it(
      'replays a retry even when the allowance has been spent since',
      async () => {
        // Arrange
        const first = await world.rewards.give(world.command(gift));
        await world.rewards.give(world.command({ from: 'alex', to: 'andreas', points: 70 }));
        // Act
        const retry = await world.rewards.give(world.command(gift));
        // Assert
        expect(retry).toEqual({ kind: 'replayed', reward: first.reward });
      },
      timeout,
    );

    it(
      'answers duplicates that race each other with one reward, even when only one fits the allowance',
      async () => {
        // Arrange: 40 of 100 spent, so only one of the 60-point duplicates fits
        await world.rewards.give(world.command({ from: 'alex', to: 'andreas', points: 40 }));
        const duplicates = Array.from({ length: 4 }, () =>
          world.command({ ...gift, points: 60, key: 'race' }),
        );
        // Act
        const outcomes = await Promise.all(
          duplicates.map((command) => world.rewards.give(command)),
        );
        // Assert
        expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual([
          'created',
          'replayed',
          'replayed',
          'replayed',
        ]);
        expect(new Set(outcomes.map((outcome) => outcome.reward.id)).size).toBe(1);
        expect(await world.rewards.spent('alex', MONTH)).toBe(100);
      },
      timeout,
    );

    it(
      'refuses the same key with another request, writing nothing',
      async () => {
        // Arrange
        await world.rewards.give(world.command(gift));
        // Act
        const other = world.rewards.give(world.command({ ...gift, points: 31 }));
        // Assert
        await expect(other).rejects.toBeInstanceOf(IdempotencyConflictError);
        expect(await world.rewards.spent('alex', MONTH)).toBe(30);
      },
      timeout,
    );

    it(
      'keeps the keys of different givers apart',
      async () => {
        // Arrange
        const fromAlex = await world.rewards.give(world.command(gift));
        // Act
        const fromAndreas = await world.rewards.give(world.command({ ...gift, from: 'andreas' }));
        // Assert
        expect(fromAndreas.kind).toBe('created');
        expect(fromAndreas.reward.id).not.toBe(fromAlex.reward.id);
        expect(await world.rewards.spent('andreas', MONTH)).toBe(30);
      },
      timeout,
    );

    it(
      'replays a key of a system scope with its reward, whoever gives this time',
      async () => {
        // Arrange: the generator's gift 0 of a run, then a retry that drew other users
        const scoped = (from: string, to: string) => {
          const command = world.command({ from, to, points: 10 });
          const idempotency = { key: 'run-1:0', fingerprint: 'run-1:0', scope: '@generator' };
          return { ...command, idempotency };
        };
        const first = await world.rewards.give(scoped('alex', 'markus'));
        // Act
        const retry = await world.rewards.give(scoped('andreas', 'zuschauer'));
        const ownKey = await world.rewards.give(world.command({ ...gift, key: 'run-1:0' }));
        // Assert
        expect(retry).toEqual({ kind: 'replayed', reward: first.reward });
        expect(await world.rewards.spent('andreas', MONTH)).toBe(0);
        expect(ownKey.kind).toBe('created');
        expect(await feedSize()).toBe(2);
      },
      timeout,
    );

    it(
      'remembers a key for 24 hours and forgets it after, whether or not it was swept yet',
      async () => {
        // Arrange
        await world.rewards.give(world.command(gift));
        // Act
        const stillRemembered = await failureOf(
          world.rewards.give(world.command({ ...gift, points: 5, at: later(DAY_MS - 1_000) })),
        );
        const afterADay = await world.rewards.give(
          world.command({ ...gift, points: 5, at: later(DAY_MS + 1_000) }),
        );
        const retryOfThat = await world.rewards.give(
          world.command({ ...gift, points: 5, at: later(DAY_MS + 2_000) }),
        );
        // Assert
        expect(stillRemembered).toBeInstanceOf(IdempotencyConflictError);
        expect(afterADay.kind).toBe('created');
        expect(retryOfThat).toEqual({ kind: 'replayed', reward: afterADay.reward });
        expect(await world.rewards.spent('alex', MONTH)).toBe(35);
      },
      timeout,
    );
  });
};
