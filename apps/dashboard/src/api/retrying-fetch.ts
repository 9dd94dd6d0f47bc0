/** Why an attempt is tried again. */
export type RetryReason = 'network' | 'unavailable';

export interface RetryInfo {
  /** The attempt about to be made: 2 for the first retry. */
  attempt: number;
  /** Of `attempts` in total. */
  attempts: number;
  delayMs: number;
  reason: RetryReason;
}

export interface RetryOptions {
  /** Attempts in total, the first included. */
  attempts?: number;
  /** First backoff; it doubles per retry (with jitter) up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A `Retry-After` longer than this ends the retries: the user decides whether to wait. */
  maxRetryAfterMs?: number;
  /** Told before each wait, so the page can say "Retrying…". */
  onRetry?: (info: RetryInfo) => void;
  /** Uniform in [0, 1), for the jitter. */
  random?: () => number;
}

const defaults = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
  random: Math.random,
};

/** Statuses that say "not now", after which the same request may land: 503, and 504 timeouts. */
const RETRYABLE_STATUS = new Set([503, 504]);

/** `Retry-After` in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export const retryAfterMs = (header: string | null, now = Date.now()): number | undefined => {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/** Exponential backoff with equal jitter: half the step fixed, half random. */
export const backoffMs = (
  retry: number,
  options: Pick<Required<RetryOptions>, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number => {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (step / 2) * options.random());
};

const wait = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * A `fetch` that sends the same request again after a network error, a 503 or a 504, waiting
 * as `Retry-After` says or with backoff. Only for requests that are safe to repeat: here,
 * `POST /rewards` with its `Idempotency-Key`, which the API answers with the reward it already
 * made. The last answer (or network error) is the caller's to report.
 */
export const retryingFetch =
  (fetchImpl: typeof fetch, options: RetryOptions = {}): typeof fetch =>
  async (input, init) => {
    const o = { ...defaults, ...options };
    for (let attempt = 1; ; attempt += 1) {
      let reason: RetryReason;
      let delayMs: number | undefined;
      try {
        const response = await fetchImpl(input, init);
        if (!RETRYABLE_STATUS.has(response.status) || attempt >= o.attempts) return response;
        delayMs = retryAfterMs(response.headers.get('retry-after'));
        if (delayMs !== undefined && delayMs > o.maxRetryAfterMs) return response;
        // The body of an answer we drop is not read: free the connection.
        await response.body?.cancel().catch(() => undefined);
        reason = 'unavailable';
      } catch (error) {
        // An abort is the caller's decision, not a failure to work around.
        if (init?.signal?.aborted || attempt >= o.attempts) throw error;
        reason = 'network';
      }
      delayMs ??= backoffMs(attempt, o);
      o.onRetry?.({ attempt: attempt + 1, attempts: o.attempts, delayMs, reason });
      await wait(delayMs, init?.signal);
    }
  };
