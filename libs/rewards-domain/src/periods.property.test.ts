import fc from 'fast-check';
import { isoWeekKey, monthKey, periodKeysOf } from './periods';

/** Fixed seed: a failure names its counterexample and replays the same way on every machine. */
const RUNS = { seed: 20261127, numRuns: 400 };
const DAY = 86_400_000;

/**
 * ISO 8601 by its other definition, independent of the "Thursday of the week" method the domain
 * uses: week 1 of year Y starts on the Monday on or before 4 January; an instant belongs to the
 * latest such year that has started.
 */
const weekOneMonday = (year: number): number => {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return jan4 - weekday * DAY;
};

const oracleWeekKey = (instant: Date): string => {
  const time = instant.getTime();
  const calendarYear = instant.getUTCFullYear();
  const year = [calendarYear + 1, calendarYear, calendarYear - 1].find(
    (candidate) => weekOneMonday(candidate) <= time,
  ) as number;
  const week = Math.floor((time - weekOneMonday(year)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/** A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
const hasWeek53 = (year: number): boolean => {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  return jan1 === 4 || (leap && jan1 === 3);
};

const MIN = Date.UTC(1970, 0, 1);
const MAX = Date.UTC(2400, 11, 31, 23, 59, 59, 999);

/** Any instant, and many right at a boundary: year ends, leap days, the last and first ms. */
const instants = fc.oneof(
  fc.date({ min: new Date(MIN), max: new Date(MAX), noInvalidDate: true }),
  fc
    .record({
      year: fc.integer({ min: 1971, max: 2399 }),
      // month (0-based) and day: the days around a year end and a leap day
      day: fc.constantFrom(
        ...[
          '11-28',
          '11-29',
          '11-30',
          '11-31',
          '0-1',
          '0-2',
          '0-3',
          '0-4',
          '0-5',
          '1-28',
          '1-29',
          '2-1',
        ],
      ),
      edge: fc.constantFrom(0, 1, DAY - 1, DAY / 2),
    })
    .map(({ year, day, edge }) => {
      const [month, date] = day.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(year, month, date) + edge);
    }),
);

describe('isoWeekKey (property)', () => {
  it('agrees with the week-1-Monday definition of ISO 8601 at every instant', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        expect(isoWeekKey(instant)).toBe(oracleWeekKey(instant));
      }),
      RUNS,
    );
  });

  it('changes only at Monday 00:00 UTC', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        // Arrange
        const before = new Date(instant.getTime() - 1);

        // Act
        const changed = isoWeekKey(before) !== isoWeekKey(instant);

        // Assert
        const mondayMidnight = instant.getUTCDay() === 1 && instant.getTime() % DAY === 0;
        expect(changed).toBe(mondayMidnight);
      }),
      RUNS,
    );
  });

  it('numbers weeks 1..52, and 53 exactly in the years that have a week 53', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1971, max: 2399 }), (year) => {
        // Arrange: 28 December is always in the last ISO week of its year
        const last = isoWeekKey(new Date(Date.UTC(year, 11, 28, 12)));

        // Assert
        expect(last).toBe(`${year}-W${hasWeek53(year) ? 53 : 52}`);
        expect(isoWeekKey(new Date(Date.UTC(year, 0, 4)))).toBe(`${year}-W01`);
      }),
      RUNS,
    );
  });
});

describe('monthKey (property)', () => {
  it('is the UTC year and month of the instant', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        expect(monthKey(instant)).toBe(instant.toISOString().slice(0, 7));
      }),
      RUNS,
    );
  });

  it('puts every instant in exactly one week, one month and all time', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        expect(periodKeysOf(instant)).toEqual({
          week: oracleWeekKey(instant),
          month: instant.toISOString().slice(0, 7),
          all: 'all',
        });
      }),
      RUNS,
    );
  });
});
