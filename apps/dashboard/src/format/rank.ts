import type { LeaderboardEntry } from '../api/api-types';

export interface RankDisplay {
  /** The number shown, e.g. "2". */
  text: string;
  /** True when another entry shares this rank (ties share a rank). */
  tied: boolean;
  /** 🥇🥈🥉 for the podium. */
  medal?: string;
  /** What a screen reader says, e.g. "Rank 2, tied". */
  label: string;
}

const MEDALS = ['🥇', '🥈', '🥉'];

/**
 * How each leaderboard rank is shown. The API already gives tied entries the same rank; this marks
 * them as tied so "2, 2, 4" does not look like a mistake.
 */
export const rankDisplays = (entries: readonly Pick<LeaderboardEntry, 'rank'>[]): RankDisplay[] => {
  const counts = new Map<number, number>();
  for (const { rank } of entries) counts.set(rank, (counts.get(rank) ?? 0) + 1);
  return entries.map(({ rank }) => {
    const tied = (counts.get(rank) ?? 0) > 1;
    return {
      text: tied ? `=${rank}` : String(rank),
      tied,
      medal: MEDALS[rank - 1],
      label: tied ? `Rank ${rank}, tied` : `Rank ${rank}`,
    };
  });
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Week 48 · 2026", "November 2026" or "All time" from the API's `periodKey`. */
export const periodTitle = (periodKey: string): string => {
  const week = /^(\d{4})-W(\d{2})$/.exec(periodKey);
  if (week) return `Week ${Number(week[2])} · ${week[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(periodKey);
  if (month) {
    const name = MONTHS[Number(month[2]) - 1];
    if (name) return `${name} ${month[1]}`;
  }
  if (periodKey === 'all') return 'All time';
  return periodKey;
};
