import { periodTitle, rankDisplays } from './rank';

describe('rankDisplays', () => {
  it('marks entries that share a rank as tied and keeps the others plain', () => {
    // Arrange
    const entries = [{ rank: 1 }, { rank: 2 }, { rank: 2 }, { rank: 4 }];

    // Act
    const shown = rankDisplays(entries);

    // Assert
    expect(shown.map((r) => r.text)).toEqual(['1', '=2', '=2', '4']);
    expect(shown.map((r) => r.label)).toEqual(['Rank 1', 'Rank 2, tied', 'Rank 2, tied', 'Rank 4']);
  });

  it('gives medals to ranks 1 to 3 only, tied ones included', () => {
    // Act
    const shown = rankDisplays([{ rank: 1 }, { rank: 1 }, { rank: 3 }, { rank: 4 }]);

    // Assert
    expect(shown.map((r) => r.medal)).toEqual(['🥇', '🥇', '🥉', undefined]);
  });

  it('returns nothing for an empty board', () => {
    expect(rankDisplays([])).toEqual([]);
  });
});

describe('periodTitle', () => {
  it.each([
    ['2026-W48', 'Week 48 · 2026'],
    ['2026-W01', 'Week 1 · 2026'],
    ['2026-11', 'November 2026'],
    ['all', 'All time'],
    ['2026-13', '2026-13'],
    ['something-else', 'something-else'],
  ])('names %s as %s', (key, title) => {
    expect(periodTitle(key)).toBe(title);
  });
});
