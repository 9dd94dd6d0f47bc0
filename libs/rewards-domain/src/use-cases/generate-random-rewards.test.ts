import { DependencyUnavailableError, NotFoundError } from '../errors';
import { periodKeysOf } from '../periods';
import type { GiveRewardCommand, RewardRepository } from '../ports';
import { seededRandom } from '../random';
import { createRules, type RewardRules } from '../rules';
import { messageSchema } from '../schemas/reward.schema';
import type { Reward } from '../schemas/reward.schema';
import { createInMemoryDeps, createSeededDeps } from '../testing';
import {
  DEMO_MESSAGES,
  generateRandomRewards,
  type GenerateRandomRewardsDeps,
  type GenerateRandomRewardsInput,
} from './generate-random-rewards';

const bodies = (rewards: readonly Reward[]) =>
  rewards.map(({ from, to, points, message }) => ({ from, to, points, message }));

const spentBy = (rewards: Iterable<Reward>) => {
  const spent = new Map<string, number>();
  for (const reward of rewards)
    spent.set(reward.from, (spent.get(reward.from) ?? 0) + reward.points);
  return spent;
};

/** A reward repository whose `give` fails with `failure` on the calls listed. */
const failingOn = (inner: RewardRepository, calls: readonly number[], failure: () => Error) => {
  let call = 0;
  return Object.assign(Object.create(inner) as RewardRepository, {
    give: async (command: GiveRewardCommand) => {
      call += 1;
      if (calls.includes(call)) throw failure();
      return inner.give(command);
    },
  });
};

const seeded = (rules?: RewardRules) => createSeededDeps({ rules });

interface GivenReward {
  readonly from: string;
  readonly to: string;
  readonly points: number;
  readonly createdAt?: string;
}

/** One run with the id `run` and `count` draws from `seed`. */
const generate = (
  deps: GenerateRandomRewardsDeps,
  count: number,
  seed: number,
  options: Partial<GenerateRandomRewardsInput> = {},
) => generateRandomRewards(deps)({ runId: 'run', count, random: seededRandom(seed), ...options });

/**
 * Records a reward given before the run (early in November 2026 unless `createdAt` says
 * otherwise), against the default monthly allowance of 100.
 */
const givenBefore = (
  deps: GenerateRandomRewardsDeps,
  { createdAt = '2026-11-02T00:00:00.000Z', ...reward }: GivenReward,
) =>
  deps.rewards.give({
    reward: { id: deps.ids.next(), message: 'm', createdAt, ...reward },
    periods: periodKeysOf(new Date(createdAt)),
    allowance: 100,
  });

/** Creates `count` profiles named user000, user001, … */
const addUsers = async (deps: GenerateRandomRewardsDeps, count: number) => {
  for (let i = 0; i < count; i += 1) {
    await deps.users.upsert(
      { username: `user${String(i).padStart(3, '0')}`, displayName: `U${i}` },
      '2026-11-01T00:00:00.000Z',
    );
  }
};

describe('generateRandomRewards', () => {
  it('creates the same rewards for the same seed', async () => {
    // Arrange
    const first = await seeded();
    const second = await seeded();

    // Act
    const a = await generateRandomRewards(first)({
      runId: 'run-a',
      count: 5,
      random: seededRandom('event-1'),
    });
    const b = await generateRandomRewards(second)({
      runId: 'run-b',
      count: 5,
      random: seededRandom('event-1'),
    });
    const c = await generateRandomRewards(await seeded())({
      runId: 'run-c',
      count: 5,
      random: seededRandom('event-2'),
    });

    // Assert
    expect(a.created).toHaveLength(5);
    expect(bodies(b.created)).toEqual(bodies(a.created));
    expect(bodies(c.created)).not.toEqual(bodies(a.created));
  });

  it('gives (1..5)×5 points between two different users with a demo message', async () => {
    // Arrange
    const deps = await seeded(createRules({ monthlyAllowance: 10_000 }));

    // Act
    const result = await generate(deps, 60, 7);

    // Assert
    expect(result.created).toHaveLength(60);
    expect(new Set(result.created.map((reward) => reward.points))).toEqual(
      new Set([5, 10, 15, 20, 25]),
    );
    for (const reward of result.created) {
      expect(reward.from).not.toBe(reward.to);
      expect(DEMO_MESSAGES).toContain(reward.message);
    }
  });

  it('never lets a giver spend more than the monthly allowance', async () => {
    // Arrange
    const deps = await seeded();

    // Act
    const result = await generate(deps, 200, 3);

    // Assert
    const spent = spentBy(deps.store.rewards.values());
    for (const points of spent.values()) expect(points).toBeLessThanOrEqual(100);
    expect(result.created.length + result.skipped).toBe(200);
    expect(result.skipped).toBeGreaterThan(0);
  });

  it('gives what is left, in steps of 5, when the draw is more than the giver has', async () => {
    // Arrange
    const deps = await seeded(createRules({ monthlyAllowance: 20 }));

    // Act
    const result = await generate(deps, 40, 11);

    // Assert: every giver ends exactly at the allowance, never past it
    const spent = spentBy(result.created);
    expect([...spent.values()]).toEqual([20, 20, 20, 20]);
    expect(result.created.every((reward) => reward.points % 5 === 0)).toBe(true);
  });

  it('counts what was already spent this month before the run', async () => {
    // Arrange: alex has 90 of 100 spent
    const deps = await seeded();
    await givenBefore(deps, { from: 'alex', to: 'markus', points: 90 });

    // Act
    const result = await generate(deps, 200, 5);

    // Assert
    const fromAlex = result.created.filter((reward) => reward.from === 'alex');
    expect(fromAlex.reduce((sum, reward) => sum + reward.points, 0)).toBe(10);
  });

  it('stops when nobody has allowance left', async () => {
    // Arrange: everyone has spent the whole allowance
    const deps = await seeded(createRules({ monthlyAllowance: 5 }));
    const give = jest.spyOn(deps.rewards, 'give');
    await generate(deps, 50, 1, { runId: 'first' });
    const before = deps.store.rewards.size;
    give.mockClear();

    // Act
    const result = await generate(deps, 3, 2, { runId: 'second' });

    // Assert
    expect(before).toBe(4);
    expect(result).toEqual({ created: [], replayed: 0, skipped: 3 });
    expect(give).not.toHaveBeenCalled();
  });

  it('skips a giver who has nothing left without trying to give', async () => {
    // Arrange: only alex and andreas exist, alex has spent everything
    const deps = createInMemoryDeps();
    await deps.users.upsert({ username: 'alex', displayName: 'Alex' }, '2026-11-01T00:00:00.000Z');
    await deps.users.upsert(
      { username: 'andreas', displayName: 'Andreas' },
      '2026-11-01T00:00:00.000Z',
    );
    await givenBefore(deps, { from: 'alex', to: 'andreas', points: 100 });

    // Act
    const result = await generate(deps, 20, 9);

    // Assert
    expect(result.created.every((reward) => reward.from === 'andreas')).toBe(true);
    expect(result.skipped).toBeGreaterThan(0);
    expect(result.created.length + result.skipped).toBe(20);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])(
    'creates nothing twice when a run is retried with the same id and seed (seed %i)',
    async (seed) => {
      // Arrange: a small allowance, so the first attempt changes who has points left
      const deps = await seeded(createRules({ monthlyAllowance: 40 }));
      const run = generateRandomRewards(deps);
      const first = await run({ runId: 'event-1', count: 6, random: seededRandom(seed) });
      const before = [...deps.store.rewards.values()];

      // Act
      const retry = await run({ runId: 'event-1', count: 6, random: seededRandom(seed) });

      // Assert
      expect([...deps.store.rewards.values()]).toEqual(before);
      expect(retry.created).toEqual([]);
      expect(retry.replayed).toBeLessThanOrEqual(first.created.length);
      expect(retry.replayed + retry.skipped).toBe(6);
    },
  );

  it('replays every reward of a completed run that is retried', async () => {
    // Arrange
    const deps = await seeded();
    const run = generateRandomRewards(deps);
    const first = await run({ runId: 'event-1', count: 4, random: seededRandom(21) });

    // Act
    const retry = await run({ runId: 'event-1', count: 4, random: seededRandom(21) });

    // Assert
    expect(first.created).toHaveLength(4);
    expect(retry).toEqual({ created: [], replayed: 4, skipped: 0 });
  });

  it.each([1, 2, 3, 4, 5])(
    'replays the same rewards when a profile was created before the retry (seed %i)',
    async (seed) => {
      // Arrange: the retry sees one more user, so it draws other givers and receivers
      const deps = await seeded();
      const run = generateRandomRewards(deps);
      const first = await run({ runId: 'event-1', count: 4, random: seededRandom(seed) });
      const before = [...deps.store.rewards.values()];
      await deps.users.upsert(
        { username: 'newcomer', displayName: 'Newcomer' },
        '2026-11-27T10:00:00.000Z',
      );

      // Act
      const retry = await run({ runId: 'event-1', count: 4, random: seededRandom(seed) });

      // Assert
      expect(first.created).toHaveLength(4);
      expect(retry).toEqual({ created: [], replayed: 4, skipped: 0 });
      expect([...deps.store.rewards.values()]).toEqual(before);
    },
  );

  it('finishes a run that failed half way, exactly as if it had not failed', async () => {
    // Arrange: the third write of the first attempt finds the database unavailable
    const uninterrupted = await seeded(createRules({ monthlyAllowance: 40 }));
    const expected = await generateRandomRewards(uninterrupted)({
      runId: 'event-1',
      count: 8,
      random: seededRandom(4),
    });
    const deps = await seeded(createRules({ monthlyAllowance: 40 }));
    const flaky = {
      ...deps,
      rewards: failingOn(deps.rewards, [3], () => new DependencyUnavailableError()),
    };
    await expect(
      generateRandomRewards(flaky)({ runId: 'event-1', count: 8, random: seededRandom(4) }),
    ).rejects.toBeInstanceOf(DependencyUnavailableError);

    // Act
    await generateRandomRewards(deps)({ runId: 'event-1', count: 8, random: seededRandom(4) });

    // Assert
    expect(bodies([...deps.store.rewards.values()])).toEqual(bodies(expected.created));
  });

  it('skips a giver whose allowance was spent by another request meanwhile', async () => {
    // Arrange: alex spends everything after the run read what was left
    const deps = await seeded();
    await givenBefore(deps, {
      from: 'alex',
      to: 'markus',
      points: 100,
      createdAt: '2026-11-27T08:00:00.000Z',
    });
    const stale = Object.assign(Object.create(deps.rewards) as RewardRepository, {
      spent: async () => 0,
    });

    // Act
    const result = await generate({ ...deps, rewards: stale }, 30, 1);

    // Assert
    expect(result.created.some((reward) => reward.from === 'alex')).toBe(false);
    expect(result.skipped).toBeGreaterThan(0);
    expect(await deps.rewards.spent('alex', '2026-11')).toBe(100);
  });

  it('skips a reward the rules refuse and goes on with the run', async () => {
    // Arrange
    const deps = await seeded();
    const picky = {
      ...deps,
      rewards: failingOn(deps.rewards, [1], () => new NotFoundError('gone')),
    };

    // Act
    const result = await generate(picky, 3, 1);

    // Assert
    expect(result.skipped).toBe(1);
    expect(result.created).toHaveLength(2);
  });

  it('lets an unexpected failure through', async () => {
    // Arrange
    const deps = await seeded();
    const broken = { ...deps, rewards: failingOn(deps.rewards, [1], () => new Error('boom')) };

    // Act
    const run = generate(broken, 3, 1);

    // Assert
    await expect(run).rejects.toThrow('boom');
  });

  it('skips the run when there are fewer than two users', async () => {
    // Arrange
    const deps = createInMemoryDeps();
    await deps.users.upsert({ username: 'alex', displayName: 'Alex' }, '2026-11-01T00:00:00.000Z');

    // Act
    const result = await generate(deps, 3, 1);

    // Assert
    expect(result).toEqual({ created: [], replayed: 0, skipped: 3 });
    expect(deps.store.rewards.size).toBe(0);
  });

  it('keeps amounts within the rules of the stage', async () => {
    // Arrange
    const deps = await seeded(createRules({ minPoints: 6, maxPoints: 10, monthlyAllowance: 1000 }));

    // Act
    const result = await generate(deps, 20, 1);

    // Assert
    expect(result.created).toHaveLength(20);
    expect(new Set(result.created.map((reward) => reward.points))).toEqual(new Set([10]));
  });

  it('skips the run when the rules allow no multiple of 5', async () => {
    // Arrange
    const deps = await seeded(createRules({ maxPoints: 4 }));

    // Act
    const result = await generate(deps, 2, 1);

    // Assert
    expect(result).toEqual({ created: [], replayed: 0, skipped: 2 });
  });

  it('considers at most maxUsers profiles, reading them page by page', async () => {
    // Arrange: 130 users
    const deps = createInMemoryDeps({ rules: createRules({ monthlyAllowance: 10_000 }) });
    await addUsers(deps, 130);
    const list = jest.spyOn(deps.users, 'list');

    // Act
    const result = await generate(deps, 300, 1, { maxUsers: 120 });

    // Assert
    expect(list.mock.calls.map(([page]) => page.limit)).toEqual([100, 20]);
    const involved = new Set(result.created.flatMap((reward) => [reward.from, reward.to]));
    expect([...involved].every((name) => name < 'user120')).toBe(true);
    expect(involved.has('user119')).toBe(true);
  });

  it('reads 100 profiles by default', async () => {
    // Arrange
    const deps = createInMemoryDeps();
    await addUsers(deps, 101);
    const list = jest.spyOn(deps.users, 'list');

    // Act
    await generate(deps, 1, 1);

    // Assert
    expect(list).toHaveBeenCalledTimes(1);
    expect(list.mock.calls[0][0].limit).toBe(100);
  });
});

describe('DEMO_MESSAGES', () => {
  it('holds at least ten valid messages, each with an emoji', () => {
    // Act
    const invalid = DEMO_MESSAGES.filter((line) => !messageSchema().safeParse(line).success);
    const withoutEmoji = DEMO_MESSAGES.filter((line) => !/\p{Extended_Pictographic}/u.test(line));

    // Assert
    expect(DEMO_MESSAGES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(DEMO_MESSAGES).size).toBe(DEMO_MESSAGES.length);
    expect(invalid).toEqual([]);
    expect(withoutEmoji).toEqual([]);
  });
});
