import { IdempotencyConflictError } from '../errors';
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
    expect(await rewards.topReceivers('all', 10)).toEqual([]);
  });

  it('answers a conflict when the reward of a remembered key is gone', async () => {
    // Arrange
    const deps = await createSeededDeps();
    const keyed = { ...command('alex', 'markus', 10), idempotency: { key: 'k', fingerprint: 'f' } };
    const first = await deps.rewards.give(keyed);
    deps.store.rewards.delete(first.reward.id);

    // Act
    const retry = deps.rewards.give({ ...keyed, reward: reward('alex', 'markus', 10) });

    // Assert
    await expect(retry).rejects.toBeInstanceOf(IdempotencyConflictError);
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
