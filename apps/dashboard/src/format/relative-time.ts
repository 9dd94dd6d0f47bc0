const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DATE_FORMAT = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });
const DATE_FORMAT_WITH_YEAR = new Intl.DateTimeFormat('en', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/**
 * "just now", "2 min ago", "3 h ago", "yesterday", "4 days ago", then a date: short enough for a
 * card on a team screen, and stable between polls (it only changes when the unit changes).
 */
export const relativeTime = (iso: string, now: number): string => {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  // A clock a little ahead of the server's must not say "in 2 s".
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 45) return 'just now';
  if (seconds < HOUR) return `${Math.max(1, Math.round(seconds / MINUTE))} min ago`;
  if (seconds < DAY) return `${Math.floor(seconds / HOUR)} h ago`;
  const days = Math.floor(seconds / DAY);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  const date = new Date(then);
  const sameYear = date.getUTCFullYear() === new Date(now).getUTCFullYear();
  return (sameYear ? DATE_FORMAT : DATE_FORMAT_WITH_YEAR).format(date);
};

/** "updated 3 s ago" for the sync indicator, in seconds up to a minute so progress is visible. */
export const agoShort = (then: number, now: number): string => {
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < HOUR) return `${Math.floor(seconds / MINUTE)} min ago`;
  return `${Math.floor(seconds / HOUR)} h ago`;
};
