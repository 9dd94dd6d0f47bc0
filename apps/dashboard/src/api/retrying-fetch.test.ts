import { backoffMs, retryAfterMs, retryingFetch, type RetryInfo } from './retrying-fetch';

const reply = (status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status }), { status, headers });

/** A fetch that answers from a script, one entry per call, and records what it was sent. */
const scriptedFetch = (script: Array<Response | Error>) => {
  const calls: Array<{ url: string; headers: Headers }> = [];
  const fetchImpl = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    const next = script.shift();
    if (!next) throw new Error('the script ran out');
    if (next instanceof Error) throw next;
    return next;
  });
  return { fetchImpl: fetchImpl as unknown as typeof fetch, calls };
};

const post = {
  method: 'POST',
  headers: { 'idempotency-key': 'key-1', 'content-type': 'application/json' },
  body: '{"to":"jana","points":10,"message":"Danke"}',
};

/** Runs the timers until the promise settles, as a user's waiting would. */
const settle = async <T>(promise: Promise<T>): Promise<T> => {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) await jest.advanceTimersByTimeAsync(100);
  return promise;
};

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('retryingFetch', () => {
  it('sends the same request with the same Idempotency-Key again after a lost answer', async () => {
    // Arrange: the connection drops once, then the API answers
    const { fetchImpl, calls } = scriptedFetch([new TypeError('Failed to fetch'), reply(200)]);
    const retries: RetryInfo[] = [];
    const send = retryingFetch(fetchImpl, {
      onRetry: (info) => retries.push(info),
      random: () => 0,
    });

    // Act
    const response = await settle(send('/rewards', post));

    // Assert
    expect(response.status).toBe(200);
    expect(calls.map((call) => call.headers.get('idempotency-key'))).toEqual(['key-1', 'key-1']);
    expect(retries).toEqual([{ attempt: 2, attempts: 4, delayMs: 250, reason: 'network' }]);
  });

  it('waits as long as Retry-After says before trying a 503 again', async () => {
    // Arrange
    const { fetchImpl } = scriptedFetch([reply(503, { 'retry-after': '2' }), reply(201)]);
    const send = retryingFetch(fetchImpl);

    // Act
    const pending = send('/rewards', post);
    await jest.advanceTimersByTimeAsync(1_999);
    const callsBefore = (fetchImpl as jest.Mock).mock.calls.length;
    await jest.advanceTimersByTimeAsync(1);
    const response = await pending;

    // Assert
    expect(callsBefore).toBe(1);
    expect(response.status).toBe(201);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('backs off between retries and gives up after the last attempt with the last answer', async () => {
    // Arrange
    const { fetchImpl } = scriptedFetch([reply(503), reply(504), reply(503), reply(503)]);
    const delays: number[] = [];
    const send = retryingFetch(fetchImpl, {
      random: () => 1,
      onRetry: (info) => delays.push(info.delayMs),
    });

    // Act
    const response = await settle(send('/rewards', post));

    // Assert
    expect(response.status).toBe(503);
    expect(fetchImpl).toHaveBeenCalledTimes(4);
    expect(delays).toEqual([500, 1_000, 2_000]);
  });

  it('throws the last network error when the API never answers', async () => {
    // Arrange
    const { fetchImpl } = scriptedFetch([
      new TypeError('offline'),
      new TypeError('offline'),
      new TypeError('still offline'),
    ]);
    const send = retryingFetch(fetchImpl, { attempts: 3 });

    // Act + Assert
    await expect(settle(send('/rewards', post))).rejects.toThrow('still offline');
    expect(fetchImpl).toHaveBeenCalledTimes(3);
  });

  it.each([200, 201, 400, 409, 422, 500])(
    'returns a %s at once: only "not now" is retried',
    async (status) => {
      // Arrange
      const { fetchImpl } = scriptedFetch([reply(status)]);

      // Act
      const response = await retryingFetch(fetchImpl)('/rewards', post);

      // Assert
      expect(response.status).toBe(status);
      expect(fetchImpl).toHaveBeenCalledTimes(1);
    },
  );

  it('leaves a long Retry-After to the user instead of waiting behind a spinner', async () => {
    // Arrange
    const { fetchImpl } = scriptedFetch([reply(503, { 'retry-after': '120' })]);

    // Act
    const response = await retryingFetch(fetchImpl)('/rewards', post);

    // Assert
    expect(response.status).toBe(503);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when the caller aborts', async () => {
    // Arrange
    const { fetchImpl } = scriptedFetch([reply(503, { 'retry-after': '5' }), reply(201)]);
    const controller = new AbortController();
    const pending = retryingFetch(fetchImpl)('/rewards', { ...post, signal: controller.signal });
    const outcome = pending.catch((error: unknown) => error);

    // Act
    await jest.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error('the user left'));

    // Assert
    expect(await outcome).toEqual(new Error('the user left'));
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['seconds', '3', 3_000],
    ['zero', '0', 0],
    ['an HTTP date 5 s ahead', 'Wed, 02 Dec 2026 10:00:05 GMT', 5_000],
    ['an HTTP date in the past', 'Wed, 02 Dec 2026 09:00:00 GMT', 0],
    ['garbage', 'soon', undefined],
    ['nothing', null, undefined],
  ])('reads %s', (_label, header, expected) => {
    // Act + Assert
    expect(retryAfterMs(header, Date.parse('2026-12-02T10:00:00Z'))).toBe(expected);
  });
});

describe('backoffMs', () => {
  it('doubles per retry with jitter and stays under the cap', () => {
    // Arrange
    const options = { baseDelayMs: 500, maxDelayMs: 4_000 };

    // Act + Assert
    expect(
      [1, 2, 3, 4, 5].map((retry) => backoffMs(retry, { ...options, random: () => 0 })),
    ).toEqual([250, 500, 1_000, 2_000, 2_000]);
    expect(
      [1, 2, 3, 4, 5].map((retry) => backoffMs(retry, { ...options, random: () => 1 })),
    ).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
  });
});
