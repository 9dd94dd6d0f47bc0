import { PERIODS, isoWeekKey, monthKey, periodKeyOf, periodKeysOf } from './periods';

describe('isoWeekKey', () => {
  it.each([
    ['2026-11-27T09:00:00.000Z', '2026-W48'],
    ['2026-12-31T12:00:00.000Z', '2026-W53'],
    ['2027-01-01T00:00:00.000Z', '2026-W53'],
    ['2027-01-03T23:59:59.999Z', '2026-W53'],
    ['2027-01-04T00:00:00.000Z', '2027-W01'],
    ['2024-12-30T00:00:00.000Z', '2025-W01'],
    ['2024-12-29T23:59:59.999Z', '2024-W52'],
    ['2021-01-03T10:00:00.000Z', '2020-W53'],
    ['2021-01-04T00:00:00.000Z', '2021-W01'],
    ['2026-01-01T00:00:00.000Z', '2026-W01'],
    ['2026-03-02T00:00:00.000Z', '2026-W10'],
  ])('puts %s in %s', (instant, expected) => {
    // Act
    const key = isoWeekKey(new Date(instant));

    // Assert
    expect(key).toBe(expected);
  });

  it('uses UTC, not the offset the instant was written with', () => {
    // Arrange: Monday 00:30 in Berlin is still Sunday in UTC
    const instant = new Date('2026-11-30T00:30:00+01:00');

    // Act
    const key = isoWeekKey(instant);

    // Assert
    expect(key).toBe('2026-W48');
  });
});

describe('monthKey', () => {
  it.each([
    ['2026-11-30T23:59:59.999Z', '2026-11'],
    ['2026-12-01T00:00:00.000Z', '2026-12'],
    ['2026-12-31T23:59:59.999Z', '2026-12'],
    ['2027-01-01T00:00:00.000Z', '2027-01'],
    ['2027-01-01T00:30:00+01:00', '2026-12'],
  ])('puts %s in %s (UTC)', (instant, expected) => {
    // Act
    const key = monthKey(new Date(instant));

    // Assert
    expect(key).toBe(expected);
  });
});

describe('periodKeysOf', () => {
  it('gives the week, month and all-time keys of an instant', () => {
    // Act
    const keys = periodKeysOf(new Date('2027-01-01T08:00:00.000Z'));

    // Assert
    expect(keys).toEqual({ week: '2026-W53', month: '2027-01', all: 'all' });
  });
});

describe('periodKeyOf', () => {
  it('gives the key of each period', () => {
    // Arrange
    const instant = new Date('2026-11-27T09:00:00.000Z');

    // Act
    const keys = PERIODS.map((period) => periodKeyOf(period, instant));

    // Assert
    expect(keys).toEqual(['2026-W48', '2026-11', 'all']);
  });
});
