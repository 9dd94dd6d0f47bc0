import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '@peer-rewards/rewards-domain';

/**
 * Cursors are opaque to clients: `<base64url JSON>.<base64url HMAC-SHA256>`, the JSON naming
 * the query they belong to and the last item returned. Only this API can make one: a cursor
 * that was forged, edited, truncated or signed with another key is refused, as is a genuine
 * cursor of another query.
 */
export interface CursorPosition {
  /** The last item returned (a username or a reward id). */
  readonly after: string;
  /** The feed month the last item was in. */
  readonly month?: string;
}

export interface CursorCodec {
  encode(query: string, position: CursorPosition): Promise<string>;
  /** The position a cursor of `query` names; `InvalidCursorError` (a 400) for any other. */
  decode(cursor: string, query: string, afterPattern: RegExp): Promise<CursorPosition>;
}

/** Key material, or where to get it (a secret read once when the function starts). */
export type CursorKey = string | Uint8Array | (() => Promise<string | Uint8Array>);

/** Key material an HMAC-SHA256 key should have at least (the size of its output). */
export const MIN_CURSOR_KEY_BYTES = 32;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const NOT_OURS = 'The cursor is not one this API issued.';

/** Signs with one key per process when none is configured: cursors then die with the process. */
let processKey: Buffer | undefined;

const bytesOf = (key: string | Uint8Array | undefined): Buffer => {
  if (key === undefined) return (processKey ??= randomBytes(MIN_CURSOR_KEY_BYTES));
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (bytes.length < MIN_CURSOR_KEY_BYTES) {
    throw new Error(`A cursor signing key needs at least ${MIN_CURSOR_KEY_BYTES} bytes.`);
  }
  return bytes;
};

/**
 * Cursors signed with `key` (the stage's secret). Without a key, a random one of this process:
 * enough for a test or a single process, never for functions that scale out.
 */
export const createCursorCodec = (key?: CursorKey): CursorCodec => {
  // A key given as it is is checked now (a short one fails the load); a loaded one on first use.
  let known = typeof key === 'function' ? undefined : bytesOf(key);
  const secret = async () => (known ??= bytesOf(await (key as () => Promise<string>)()));
  const mac = async (payload: string) =>
    createHmac('sha256', await secret())
      .update(payload)
      .digest();

  const verified = async (cursor: string): Promise<unknown> => {
    const [payload, signature, ...rest] = cursor.split('.');
    if (rest.length || !payload || !signature || !BASE64URL.test(payload + signature)) {
      throw new InvalidCursorError(NOT_OURS);
    }
    const expected = await mac(payload);
    const given = Buffer.from(signature, 'base64url');
    // Constant time: how much of a guessed signature matches must not show in the timing.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidCursorError(NOT_OURS);
    }
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidCursorError(NOT_OURS);
    }
  };

  return {
    async encode(query, position) {
      const payload = Buffer.from(JSON.stringify({ v: 1, q: query, ...position })).toString(
        'base64url',
      );
      return `${payload}.${(await mac(payload)).toString('base64url')}`;
    },
    async decode(cursor, query, afterPattern) {
      const state = (await verified(cursor)) as {
        v?: unknown;
        q?: unknown;
        after?: unknown;
        month?: unknown;
      } | null;
      if (state?.v !== 1 || typeof state.after !== 'string' || !afterPattern.test(state.after)) {
        throw new InvalidCursorError(NOT_OURS);
      }
      if (state.q !== query) {
        throw new InvalidCursorError('The cursor belongs to a different query (other filters).');
      }
      if (
        state.month !== undefined &&
        (typeof state.month !== 'string' || !MONTH.test(state.month))
      ) {
        throw new InvalidCursorError(NOT_OURS);
      }
      return {
        after: state.after,
        ...(typeof state.month === 'string' ? { month: state.month } : {}),
      };
    },
  };
};
