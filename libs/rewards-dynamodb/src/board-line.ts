import type { BoardLine, Bff } from '@peer-rewards/rewards-domain';
import { bffOfPartition } from './keys';

/** Points above this cannot be ranked by `boardRank` (a million years of allowances). */
export const MAX_BOARD_POINTS = 999_999_999_999;
const RANK_DIGITS = String(MAX_BOARD_POINTS).length;

/**
 * The sort key of a line in `board`: ascending order is most points first, then username (the
 * tie rule of the board), so a Query with `Limit = limit` reads exactly the lines it shows.
 * Usernames are ASCII, so DynamoDB's byte order is the username order.
 */
export const boardRank = (points: number, username: string): string =>
  `${String(MAX_BOARD_POINTS - Math.min(points, MAX_BOARD_POINTS)).padStart(RANK_DIGITS, '0')}#${username}`;

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
