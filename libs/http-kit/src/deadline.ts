import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';

/** Time kept back before the Lambda deadline to answer, at most. */
export const DEADLINE_MARGIN_MS = 500;

/** The reason an invocation's signal aborts with: its time is up. */
export class DeadlineExceededError extends Error {
  constructor() {
    super('The invocation ran out of time; nothing more is sent to the database.');
    // Not "TimeoutError": the SDK retries those, and there is no time left to retry.
    this.name = 'DeadlineExceededError';
  }
}

const invocation = new AsyncLocalStorage<AbortSignal>();

/**
 * The signal of the invocation this code runs in (undefined outside one). The DynamoDB client
 * passes it to every call, so when the time is up no call is sent any more and one in flight
 * is abandoned, and the invocation answers 503 without anything landing after the answer.
 */
export const invocationSignal = (): AbortSignal | undefined => invocation.getStore();

/**
 * Runs `work` with a signal that aborts shortly before the Lambda deadline
 * (`getRemainingTimeInMillis()` minus a tenth of it, at most `DEADLINE_MARGIN_MS`). Lambda
 * freezes a container once it has answered: a retry loop still running then would resume at
 * the next thaw and write long after the client was told 503.
 */
export const withDeadline = async <T>(context: Context, work: () => Promise<T>): Promise<T> => {
  const remaining = context.getRemainingTimeInMillis?.();
  if (typeof remaining !== 'number' || !Number.isFinite(remaining)) return work();
  const controller = new AbortController();
  const margin = Math.min(DEADLINE_MARGIN_MS, remaining / 10);
  const timer = setTimeout(
    () => controller.abort(new DeadlineExceededError()),
    Math.max(0, remaining - margin),
  );
  try {
    return await invocation.run(controller.signal, work);
  } finally {
    clearTimeout(timer);
  }
};
