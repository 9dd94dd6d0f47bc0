/**
 * One invocation as the Node runtime of Lambda runs it: the handler called with its context,
 * settled by its promise or its callback, and expired at the deadline; the error Lambda reports
 * for what it threw; and the JSON the caller receives for what it returned.
 */
import type { Handler } from './bundle-loader';

export interface InvocationError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack?: string[];
}

export const toInvocationError = (error: unknown, fallbackType = 'Error'): InvocationError => {
  // Duck-typed: the bundle runs in its own realm, so `instanceof Error` would be false.
  if (error && typeof error === 'object' && 'message' in error) {
    const named = error as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      errorType: typeof named.name === 'string' ? named.name : fallbackType,
      errorMessage: String(named.message),
      ...(typeof named.stack === 'string' ? { stack: named.stack.split('\n') } : {}),
    };
  }
  return { errorType: fallbackType, errorMessage: String(error) };
};

export class TimeoutError extends Error {}

export type Settle = (error: unknown, value: unknown) => void;

/**
 * Calls the handler as the Node runtime does: a returned promise, or the callback, settles it;
 * `expireAt` rejects it with a TimeoutError when the deadline passes first.
 */
export const call = (
  handler: Handler,
  invoke: (settle: Settle) => unknown,
  expireAt: (expire: () => void) => () => void,
) =>
  new Promise<unknown>((resolve, reject) => {
    const cancel = expireAt(() => reject(new TimeoutError()));
    const settle: Settle = (error, value) => {
      cancel();
      if (error) reject(error);
      else resolve(value);
    };
    let returned: unknown;
    try {
      returned = invoke(settle);
    } catch (error) {
      settle(error, undefined);
      return;
    }
    if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
      (returned as PromiseLike<unknown>).then(
        (value) => settle(null, value),
        (error: unknown) => settle(error ?? new Error('rejected'), undefined),
      );
    } else if (handler.length < 3) {
      settle(null, returned);
    }
  });

/**
 * What the caller receives for `value`: its JSON serialisation read back. A plain tree of
 * strings, finite numbers, booleans and null (what a proxy result is) already is that, so it is
 * not serialised twice; anything else (a Date, undefined members, a class) goes through JSON.
 */
export const asJson = (value: unknown): unknown => {
  if (value === undefined) return null;
  return isPlainJson(value, 0) ? value : (JSON.parse(JSON.stringify(value)) as unknown);
};

const isPlainJson = (value: unknown, depth: number): boolean => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || depth > 4) return false;
  if (Array.isArray(value)) {
    // A hole reads as undefined, which JSON writes as null: not plain.
    for (let i = 0; i < value.length; i += 1) if (!isPlainJson(value[i], depth + 1)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) {
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
};
