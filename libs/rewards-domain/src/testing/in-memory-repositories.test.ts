import { AllowanceExceededError } from '../errors';
import { periodKeysOf } from '../periods';
import type { Reward } from '../schemas/reward.schema';
import { FixedClock, SequentialIds } from './fakes';
import { SAMPLE_PROFILES, createInMemoryDeps, createSeededDeps } from './fixtures';
import { InMemoryRewardRepository, InMemoryUserRepository } from './in-memory-repositories';

const NOW = new Date('2026-11-27T09:00:00.000Z');
const ids = new SequentialIds();
const reward = (from: string, to: string, points: number): Reward => ({
  id: ids.next(),
  from,
  to,
  points,
  message: 'thanks',
  createdAt: NOW.toISOString(),
});
const command = (from: string, to: string, points: number) => ({
  reward: reward(from, to, points),
  periods: periodKeysOf(NOW),
  allowance: 100,
});

describe('InMemoryUserRepository', () => {
  it('works on its own store when given none', async () => {
    // Arrange
    const users = new InMemoryUserRepository();

    // Act
    const { created } = await users.upsert(
      { username: 'alex', displayName: 'Alex' },
      NOW.toISOString(),
    );

    // Assert
    expect(created).toBe(true);
    expect(await users.list({ limit: 10 })).toEqual({
      items: [{ username: 'alex', displayName: 'Alex', createdAt: NOW.toISOString() }],
    });
  });

  it('drops the avatar when an update has none', async () => {
    // Arrange
    const users = new InMemoryUserRepository();
    await users.upsert({ username: 'alex', displayName: 'Alex', avatar: '🦊' }, NOW.toISOString());

    // Act
    const { user } = await users.upsert(
      { username: 'alex', displayName: 'Alex' },
      '2026-12-01T00:00:00.000Z',
    );

    // Assert
    expect(user).toEqual({ username: 'alex', displayName: 'Alex', createdAt: NOW.toISOString() });
  });

  it('returns each existing user once from getMany', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const found = await deps.users.getMany(['alex', 'alex', 'nobody']);

    // Assert
    expect(found.map((user) => user.username)).toEqual(['alex']);
  });
});

describe('InMemoryRewardRepository', () => {
  it('works on its own store when given none', async () => {
    // Arrange
    const rewards = new InMemoryRewardRepository();

    // Act
    const page = await rewards.feed({ limit: 5 });

    // Assert
    expect(page).toEqual({ items: [] });
    expect(await rewards.get('x')).toBeNull();
    expect(await rewards.topGiver('alex', 'all')).toBeNull();
  });

  it('returns the first `limit` receivers and everyone tied with the last of them', async () => {
    // Arrange
    const deps = await createSeededDeps();
    await deps.rewards.give(command('alex', 'markus', 30));
    await deps.rewards.give(command('alex', 'andreas', 20));
    await deps.rewards.give(command('markus', 'zuschauer', 20));
    await deps.rewards.give(command('markus', 'alex', 10));

    // Act
    const top1 = await deps.rewards.topReceivers('all', 1);
    const top2 = await deps.rewards.topReceivers('all', 2);
    const top9 = await deps.rewards.topReceivers('all', 9);

    // Assert
    expect(top1).toEqual([{ username: 'markus', points: 30 }]);
    expect(top2).toEqual([
      { username: 'markus', points: 30 },
      { username: 'andreas', points: 20 },
      { username: 'zuschauer', points: 20 },
    ]);
    expect(top9).toHaveLength(4);
  });

  it('picks the first username among givers tied for the top', async () => {
    // Arrange
    const deps = await createSeededDeps();
    await deps.rewards.give(command('zuschauer', 'markus', 10));
    await deps.rewards.give(command('andreas', 'markus', 10));
    await deps.rewards.give(command('alex', 'markus', 5));

    // Act
    const top = await deps.rewards.topGiver('markus', '2026-W48');

    // Assert
    expect(top).toEqual({ username: 'andreas', points: 10 });
  });

  it('keeps the stored counters unchanged when the allowance refuses a reward', async () => {
    // Arrange
    const deps = await createSeededDeps();
    await deps.rewards.give(command('alex', 'markus', 90));

    // Act
    const act = deps.rewards.give(command('alex', 'markus', 20));

    // Assert
    await expect(act).rejects.toBeInstanceOf(AllowanceExceededError);
    expect(await deps.rewards.totals('markus', periodKeysOf(NOW))).toEqual({
      received: 90,
      given: 0,
      receivedThisMonth: 90,
      givenThisMonth: 0,
    });
  });
});

describe('FixedClock', () => {
  it('tells the time it was set to, moves on request and hands out copies', () => {
    // Arrange
    const clock = new FixedClock('2026-11-27T09:00:00.000Z');

    // Act
    const before = clock.now();
    before.setUTCFullYear(2000);
    clock.advance(1_000);
    const later = clock.now();
    clock.set(new Date('2027-01-01T00:00:00.000Z'));

    // Assert
    expect(later.toISOString()).toBe('2026-11-27T09:00:01.000Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('starts on the default instant', () => {
    // Act + Assert
    expect(new FixedClock().now().toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });
});

describe('SequentialIds', () => {
  it('makes ULID-shaped ids that sort in the order they were made', () => {
    // Arrange
    const sequence = new SequentialIds();

    // Act
    const made = Array.from({ length: 40 }, () => sequence.next());

    // Assert
    expect(made.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(40);
  });
});

describe('createInMemoryDeps', () => {
  it('shares one store between the repositories and starts empty', async () => {
    // Act
    const deps = createInMemoryDeps({ now: '2026-01-01T00:00:00.000Z' });
    await deps.users.upsert({ username: 'alex', displayName: 'Alex' }, '2026-01-01T00:00:00.000Z');

    // Assert
    expect(deps.store.users.has('alex')).toBe(true);
    expect(deps.store.rewards.size).toBe(0);
    expect(deps.clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(deps.rules.monthlyAllowance).toBe(100);
  });

  it('registers the sample profiles in createSeededDeps', async () => {
    // Act
    const deps = await createSeededDeps();

    // Assert
    expect([...deps.store.users.keys()]).toEqual(
      SAMPLE_PROFILES.map((profile) => profile.username),
    );
  });
});
