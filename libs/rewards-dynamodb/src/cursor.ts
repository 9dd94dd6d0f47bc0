import { InvalidCursorError } from '@peer-rewards/rewards-domain';

/**
 * Cursors are opaque to clients: base64url JSON naming the query they belong to and the last
 * item returned. A cursor from another query, or one that was tampered with, is refused.
 */
export interface CursorPosition {
  /** The last item returned (a username or a reward id). */
  readonly after: string;
  /** The feed month the last item was in. */
  readonly month?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const encodeCursor = (query: string, position: CursorPosition): string =>
  Buffer.from(JSON.stringify({ v: 1, q: query, ...position })).toString('base64url');

export const decodeCursor = (
  cursor: string,
  query: string,
  afterPattern: RegExp,
): CursorPosition => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('The cursor is not one this API issued.');
  }
  const state = value as { v?: unknown; q?: unknown; after?: unknown; month?: unknown };
  if (state?.v !== 1 || typeof state.after !== 'string' || !afterPattern.test(state.after)) {
    throw new InvalidCursorError('The cursor is not one this API issued.');
  }
  if (state.q !== query) {
    throw new InvalidCursorError('The cursor belongs to a different query (other filters).');
  }
  if (state.month !== undefined && (typeof state.month !== 'string' || !MONTH.test(state.month))) {
    throw new InvalidCursorError('The cursor is not one this API issued.');
  }
  return { after: state.after, ...(typeof state.month === 'string' ? { month: state.month } : {}) };
};
