/** The leaderboard periods a reward counts towards. */
export const PERIODS = ['week', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];

/** Keys of the periods one instant falls in: `2026-W48`, `2026-11`, `all`. */
export interface PeriodKeys {
  readonly week: string;
  readonly month: string;
  readonly all: 'all';
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `2026-11` for any instant of November 2026 (UTC). */
export const monthKey = (instant: Date): string =>
  `${instant.getUTCFullYear()}-${pad(instant.getUTCMonth() + 1)}`;

/** ISO 8601 week key in UTC, e.g. `2026-W48`; the week's year is the year of its Thursday. */
export const isoWeekKey = (instant: Date): string => {
  const day = new Date(
    Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()),
  );
  const weekday = day.getUTCDay() || 7; // Monday 1 … Sunday 7
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${pad(week)}`;
};

/** The keys of every period the instant falls in. */
export const periodKeysOf = (instant: Date): PeriodKeys => ({
  week: isoWeekKey(instant),
  month: monthKey(instant),
  all: 'all',
});

/** The key of one period for an instant. */
export const periodKeyOf = (period: Period, instant: Date): string => periodKeysOf(instant)[period];
