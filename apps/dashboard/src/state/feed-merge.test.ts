import type { Reward } from '../api/api-types';
import { appendPage, mergeFreshPage, newRewards, prependReward } from './feed-merge';

const reward = (id: string): Reward => ({
  id,
  from: 'alex',
  to: 'sam',
  points: 5,
  message: `reward ${id} 🎉`,
  createdAt: '2026-11-27T12:00:00.000Z',
});

const ids = (state: { rewards: Reward[] }) => state.rewards.map((r) => r.id);

describe('mergeFreshPage', () => {
  it('puts new rewards on top and keeps the older pages and their cursor', () => {
    // Arrange
    const current = { rewards: [reward('c'), reward('b'), reward('a')], nextCursor: 'older' };
    const fresh = { rewards: [reward('e'), reward('d'), reward('c')], nextCursor: 'x' };

    // Act
    const merged = mergeFreshPage(current, fresh);

    // Assert
    expect(ids(merged)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(merged.nextCursor).toBe('older');
  });

  it('returns the same state when nothing is new, so nothing re-renders', () => {
    const current = { rewards: [reward('b'), reward('a')] };
    expect(mergeFreshPage(current, { rewards: [reward('b')] })).toBe(current);
  });

  it('restarts from the fresh page when more arrived than a page holds', () => {
    // Arrange
    const current = { rewards: [reward('b'), reward('a')], nextCursor: 'old' };
    const fresh = { rewards: [reward('z'), reward('y')], nextCursor: 'after-y' };

    // Act
    const merged = mergeFreshPage(current, fresh);

    // Assert
    expect(merged).toBe(fresh);
  });
});

describe('appendPage', () => {
  it('adds an older page below, without duplicates, and takes its cursor', () => {
    // Act
    const merged = appendPage(
      { rewards: [reward('c'), reward('b')], nextCursor: '1' },
      { rewards: [reward('b'), reward('a')] },
    );

    // Assert
    expect(ids(merged)).toEqual(['c', 'b', 'a']);
    expect(merged.nextCursor).toBeUndefined();
  });
});

describe('prependReward and newRewards', () => {
  it('shows a reward just given once, and reports only unseen rewards', () => {
    // Arrange
    const before = { rewards: [reward('a')] };

    // Act
    const once = prependReward(before, reward('b'));
    const twice = prependReward(once, reward('b'));

    // Assert
    expect(ids(twice)).toEqual(['b', 'a']);
    expect(newRewards(before, twice).map((r) => r.id)).toEqual(['b']);
  });
});
