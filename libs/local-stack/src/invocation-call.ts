/**
 * One invocation as the Node runtime of Lambda runs it: the handler called with its context,
 * settled by its promise or its callback, and expired at the deadline; the error Lambda reports
 * for what it threw; and the JSON the caller receives for what it returned.
 */
import type { Handler } from './bundle-loader';
import type { Deadlines, Watched } from './deadlines';

export interface InvocationError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack?: string[];
}

/** `String(value)`, or the tag of a value without a string form (`Object.create(null)`). */
const textOf = (value: unknown): string => {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return 'an error without a string form';
    }
  }
};

/**
 * The error Lambda reports for what a handler threw or rejected with, whatever that is: this
 * never throws itself (an invocation that ends with it must still end).
 */
export const toInvocationError = (error: unknown, fallbackType = 'Error'): InvocationError => {
  try {
    // Duck-typed: the bundle runs in its own realm, so `instanceof Error` would be false.
    if (error && typeof error === 'object' && 'message' in error) {
      const named = error as { name?: unknown; message?: unknown; stack?: unknown };
      return {
        errorType: typeof named.name === 'string' ? named.name : fallbackType,
        errorMessage: textOf(named.message),
        ...(typeof named.stack === 'string' ? { stack: named.stack.split('\n') } : {}),
      };
    }
  } catch {
    // A getter of the error threw: what is left to say is its string form.
  }
  return { errorType: fallbackType, errorMessage: textOf(error) };
};

export class TimeoutError extends Error {}

export type Settle = (error: unknown, value: unknown) => void;

/**
 * How a call ended, reported once: `failed` with what was thrown or rejected (a TimeoutError
 * when the deadline came first), or the value it returned.
 */
export type CallEnded = (failed: boolean, outcome: unknown) => void;

/**
 * One call in flight: settled by the first of the handler's promise, its callback and the
 * deadline. One object per call, which is also what the deadline timer watches.
 */
class PendingCall implements Watched {
  private ended = false;

  constructor(
    readonly deadline: number,
    private readonly deadlines: Deadlines,
    private readonly onEnd: CallEnded,
  ) {}

  /** The callback's way: a truthy error fails the call, anything else returns `value`. */
  settle(error: unknown, value: unknown): void {
    if (error) this.end(true, error);
    else this.end(false, value);
  }

  end(failed: boolean, outcome: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.deadlines.unwatch(this);
    this.onEnd(failed, outcome);
  }

  expire(): void {
    this.end(true, new TimeoutError());
  }
}

/**
 * The callback a handler receives. Made by a function that returns it: a function written as
 * the value of a named binding or property gets its `name` defined each time it is created when
 * the stack runs from TypeScript, which costs more than the rest of the call.
 */
const callbackOf =
  (pending: PendingCall): Settle =>
  (error, value) =>
    pending.settle(error, value);

/**
 * Calls the handler as the Node runtime does: a returned promise, or the callback, settles it;
 * the deadline expires it with a TimeoutError when it passes first. `onEnd` is called once.
 */
export const callHandler = (
  handler: Handler,
  invoke: (callback: Settle) => unknown,
  deadlines: Deadlines,
  deadline: number,
  onEnd: CallEnded,
): void => {
  const pending = new PendingCall(deadline, deadlines, onEnd);
  deadlines.watch(pending);
  let returned: unknown;
  try {
    returned = invoke(callbackOf(pending));
  } catch (error) {
    pending.end(true, error);
    return;
  }
  if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
    (returned as PromiseLike<unknown>).then(
      (value) => pending.end(false, value),
      (error: unknown) => pending.end(true, error ?? new Error('rejected')),
    );
  } else if (handler.length < 3) {
    pending.end(false, returned);
  }
};

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
