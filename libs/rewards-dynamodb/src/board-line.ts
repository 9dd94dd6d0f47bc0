import type { BoardLine, Bff } from '@peer-rewards/rewards-domain';
import { bffOfPartition } from './keys';

/** Points a line can hold and still be ranked by `boardScore` (the score has 38 digits). */
export const MAX_BOARD_POINTS = 999_999_999;
/** Leading characters of a username the score orders by: base 40 (end + 39 symbols), 18 places. */
export const SCORED_NAME_LENGTH = 18;
const NAME_SYMBOLS = '-.0123456789_abcdefghijklmnopqrstuvwxyz';
const NAME_SPAN = 10n ** 29n;

/** The username's first 18 characters as a number that sorts as the names do. */
const nameCode = (username: string): bigint => {
  let code = 0n;
  for (let i = 0; i < SCORED_NAME_LENGTH; i += 1) {
    code = code * 40n + BigInt(i < username.length ? NAME_SYMBOLS.indexOf(username[i]) + 1 : 0);
  }
  return code;
};

/**
 * The sort key of a line in `board`, a number: descending order is most points first, then
 * username (the board's tie rule). `points × 10^29 + (10^29 − 1 − code of the name)`, so a
 * reward moves it with an `ADD` of `points × 10^29` — no read of the line's points needed.
 * Names longer than 18 characters may share a score; the board read settles those.
 */
export const boardScore = (points: number, username: string): bigint =>
  BigInt(Math.min(points, MAX_BOARD_POINTS)) * NAME_SPAN + boardScoreBase(username);

/** A new line's score before any points. */
export const boardScoreBase = (username: string): bigint => NAME_SPAN - 1n - nameCode(username);

/** What a reward of `points` adds to a line's score. */
export const boardScoreStep = (points: number): bigint => BigInt(points) * NAME_SPAN;

/** Most points first, then by username: the order of every board. */
export const byBoardOrder = (a: StoredLine, b: StoredLine): number =>
  b.points - a.points || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0);

/** A received counter as stored (`USER#<to>/RECEIVED#<periodKey>`): one line of a board. */
export interface StoredLine {
  readonly points: number;
  readonly username: string;
  readonly displayName?: string;
  readonly avatar?: string;
  readonly bff?: string;
  readonly bffName?: string;
  readonly bffPoints?: number;
}

export const toStoredLine = (item: Record<string, unknown> | undefined): StoredLine | undefined =>
  item && typeof item.points === 'number' ? (item as unknown as StoredLine) : undefined;

/** The BFF a stored line names, or null. */
export const bffOfLine = (line: StoredLine | undefined): Bff | null =>
  line?.bff
    ? { username: line.bff, displayName: line.bffName ?? line.bff, points: line.bffPoints ?? 0 }
    : null;

export const toBoardLine = (line: StoredLine): BoardLine => ({
  username: line.username,
  displayName: line.displayName ?? line.username,
  ...(line.avatar ? { avatar: line.avatar } : {}),
  points: line.points,
  bff: bffOfLine(line),
});

/**
 * The BFF after `giver` gave `receiver` more, their pair now at `pairPoints`. Pair counters only
 * grow, so the BFF can only stay or become the giver: the giver takes over with more points
 * than the BFF, or as many and an earlier username (the tie rule), or when already the BFF.
 * Null when the BFF stays as it is.
 */
export const bffAfterGift = (
  current: StoredLine | undefined,
  giver: string,
  pairPoints: number,
): { readonly username: string; readonly points: number } | null => {
  const bff = current?.bff;
  const points = current?.bffPoints ?? 0;
  const takesOver =
    !bff || bff === giver || pairPoints > points || (pairPoints === points && giver < bff);
  return takesOver ? { username: giver, points: pairPoints } : null;
};

/** The attributes a new BFF writes on a line, `bffOf` being the key of index `byBff`. */
export const bffAttributes = (username: string, displayName: string, points: number) => ({
  bff: username,
  bffName: displayName,
  bffPoints: points,
  bffOf: bffOfPartition(username),
});
