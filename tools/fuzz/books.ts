/**
 * The books of the running stack as a client reads them through the API — the whole feed, the
 * leaderboard of every period and every user's stats — and whether they balance: per period,
 * what the feed says each user received is what the leaderboard shows, and every user's
 * received/given (all time and this month) is the feed's sum.
 */
import { isoWeekKey, monthKey } from '@peer-rewards/rewards-domain';

export interface FeedReward {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly points: number;
  readonly message: string;
  readonly createdAt: string;
}

export interface UserStats {
  readonly received: number;
  readonly given: number;
  readonly receivedThisMonth: number;
  readonly givenThisMonth: number;
}

export const BOOK_PERIODS = ['week', 'month', 'all'] as const;
export type BookPeriod = (typeof BOOK_PERIODS)[number];

export interface Books {
  readonly feed: readonly FeedReward[];
  /** username → points on the board, per period. */
  readonly leaderboard: Readonly<Record<BookPeriod, Readonly<Record<string, number>>>>;
  readonly stats: Readonly<Record<string, UserStats>>;
}

/** GET as `token`, the parsed JSON body; throws on anything but a 200. */
export const getJson = async <T>(url: string, token: string): Promise<T> => {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
};

/** The whole feed, newest first, page by page (bounded: at most `maxPages` pages of 100). */
export const readFeed = async (
  baseUrl: string,
  token: string,
  maxPages = 200,
): Promise<FeedReward[]> => {
  const rewards: FeedReward[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body = await getJson<{ rewards: FeedReward[]; nextCursor?: string }>(
      `${baseUrl}/rewards?${query}`,
      token,
    );
    rewards.push(...body.rewards);
    cursor = body.nextCursor;
    if (!cursor) return rewards;
  }
  throw new Error(`the feed has more than ${maxPages} pages`);
};

/** Feed, leaderboards and the stats of `usernames` (everyone who gives or receives). */
export const readBooks = async (
  baseUrl: string,
  token: string,
  usernames: readonly string[],
): Promise<Books> => {
  const feed = await readFeed(baseUrl, token);
  const leaderboard = {} as Record<BookPeriod, Record<string, number>>;
  for (const period of BOOK_PERIODS) {
    const board = await getJson<{ entries: Array<{ username: string; points: number }> }>(
      `${baseUrl}/leaderboard?period=${period}&limit=50`,
      token,
    );
    leaderboard[period] = Object.fromEntries(
      board.entries.map((entry) => [entry.username, entry.points]),
    );
  }
  const stats: Record<string, UserStats> = {};
  for (const username of usernames) {
    const profile = await getJson<{ stats: UserStats }>(`${baseUrl}/users/${username}`, token);
    stats[username] = profile.stats;
  }
  return { feed, leaderboard, stats };
};

const add = (sums: Record<string, number>, key: string, points: number) => {
  sums[key] = (sums[key] ?? 0) + points;
};

/** What does not balance, as sentences; empty when the books balance. At most 50 users. */
export const unbalanced = (books: Books, now = new Date()): string[] => {
  const inPeriod: Record<BookPeriod, (reward: FeedReward) => boolean> = {
    week: (reward) => isoWeekKey(new Date(reward.createdAt)) === isoWeekKey(now),
    month: (reward) => monthKey(new Date(reward.createdAt)) === monthKey(now),
    all: () => true,
  };
  const problems: string[] = [];
  for (const period of BOOK_PERIODS) {
    const received: Record<string, number> = {};
    for (const reward of books.feed.filter(inPeriod[period]))
      add(received, reward.to, reward.points);
    const expected = Object.fromEntries(
      Object.entries(received).filter(([, points]) => points > 0),
    );
    const board = books.leaderboard[period];
    for (const username of new Set([...Object.keys(expected), ...Object.keys(board)])) {
      if ((expected[username] ?? 0) !== (board[username] ?? 0))
        problems.push(
          `${period}: the feed gives ${username} ${expected[username] ?? 0} points, the leaderboard ${board[username] ?? 0}`,
        );
    }
  }
  const sums = { received: {}, given: {}, receivedThisMonth: {}, givenThisMonth: {} } as Record<
    keyof UserStats,
    Record<string, number>
  >;
  for (const reward of books.feed) {
    add(sums.received, reward.to, reward.points);
    add(sums.given, reward.from, reward.points);
    if (inPeriod.month(reward)) {
      add(sums.receivedThisMonth, reward.to, reward.points);
      add(sums.givenThisMonth, reward.from, reward.points);
    }
  }
  for (const [username, stats] of Object.entries(books.stats)) {
    for (const field of Object.keys(sums) as Array<keyof UserStats>) {
      if (stats[field] !== (sums[field][username] ?? 0))
        problems.push(
          `${username}: ${field} is ${stats[field]}, the feed says ${sums[field][username] ?? 0}`,
        );
    }
  }
  return problems;
};
