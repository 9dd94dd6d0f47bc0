import { agoShort, relativeTime } from './relative-time';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it.each([
    [0, 'just now'],
    [44, 'just now'],
    [45, '1 min ago'],
    [120, '2 min ago'],
    [59 * 60, '59 min ago'],
    [60 * 60, '1 h ago'],
    [23 * 3600 + 3599, '23 h ago'],
    [24 * 3600, 'yesterday'],
    [3 * 24 * 3600, '3 days ago'],
  ])('says how long ago %i s was: %s', (seconds, expected) => {
    // Arrange
    const iso = ago(seconds);

    // Act
    const text = relativeTime(iso, NOW);

    // Assert
    expect(text).toBe(expected);
  });

  it('shows a date after a week, with the year only when it is not this year', () => {
    // Act
    const thisYear = relativeTime('2026-11-02T09:00:00.000Z', NOW);
    const lastYear = relativeTime('2025-11-02T09:00:00.000Z', NOW);

    // Assert
    expect(thisYear).toBe('Nov 2');
    expect(lastYear).toBe('Nov 2, 2025');
  });

  it('says "just now" for a time slightly in the future (clock skew)', () => {
    expect(relativeTime(ago(-30), NOW)).toBe('just now');
  });

  it('returns nothing for a time it cannot read', () => {
    expect(relativeTime('not a date', NOW)).toBe('');
  });
});

describe('agoShort', () => {
  it('counts seconds, then minutes, then hours', () => {
    expect(agoShort(NOW - 3_400, NOW)).toBe('3 s ago');
    expect(agoShort(NOW - 125_000, NOW)).toBe('2 min ago');
    expect(agoShort(NOW - 7_300_000, NOW)).toBe('2 h ago');
  });
});
