import { createApiClient } from './api-client';
import { ApiError } from './api-error';

const reward = { to: 'jana', points: 10, message: 'Danke 🎉' };
const stored = { id: '01J', from: 'alex', createdAt: '2026-12-02T10:00:00.000Z', ...reward };

describe('createApiClient().giveReward', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gives once through a 503 after the write landed: the retry carries the same key', async () => {
    // Arrange: the first answer is lost behind a 503; the retry is answered with the replay
    const keys: Array<string | null> = [];
    const answers = [
      new Response('{"error":{"code":"service-unavailable","message":"Busy."}}', {
        status: 503,
        headers: { 'retry-after': '1' },
      }),
      new Response(JSON.stringify(stored), { status: 200 }),
    ];
    const api = createApiClient({
      baseUrl: '',
      getToken: () => 'token',
      fetchImpl: async (_input, init) => {
        keys.push(new Headers(init?.headers).get('idempotency-key'));
        return answers.shift() as Response;
      },
    });
    const retries: string[] = [];

    // Act
    const pending = api.giveReward(reward, 'key-7', {
      onRetry: (info) => retries.push(`${info.reason} ${info.delayMs}`),
    });
    await jest.advanceTimersByTimeAsync(1_000);

    // Assert
    await expect(pending).resolves.toEqual(stored);
    expect(keys).toEqual(['key-7', 'key-7']);
    expect(retries).toEqual(['unavailable 1000']);
  });

  it('reports a network error once every attempt failed', async () => {
    // Arrange
    const api = createApiClient({
      baseUrl: '',
      getToken: () => 'token',
      fetchImpl: async () => {
        throw new TypeError('Failed to fetch');
      },
    });

    // Act
    const outcome = api
      .giveReward(reward, 'key-8', { attempts: 2, random: () => 0 })
      .catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(1_000);

    // Assert
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'network-error', status: 0 });
  });
});

const BOARD = { period: 'week', periodKey: '2026-W48', entries: [] };

/** A fetch that answers from a script and records what each request sent. */
const scriptedFetch = (answers: Array<() => Response>) => {
  const sent: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetchImpl = (async (input: string, init?: RequestInit) => {
    sent.push({ url: input, headers: (init?.headers ?? {}) as Record<string, string> });
    const answer = answers.shift();
    if (!answer) throw new Error('no scripted answer left');
    return answer();
  }) as typeof fetch;
  return { fetchImpl, sent };
};

const ok = (body: unknown, etag: string) =>
  new Response(JSON.stringify(body), { status: 200, headers: { etag } });
const notModified = (etag: string) => new Response(null, { status: 304, headers: { etag } });

describe('createApiClient GETs', () => {
  it('revalidates a poll with If-None-Match and keeps the last body on a 304', async () => {
    // Arrange
    const { fetchImpl, sent } = scriptedFetch([
      () => ok(BOARD, 'W/"one"'),
      () => notModified('W/"one"'),
      () => ok({ ...BOARD, periodKey: '2026-W49' }, 'W/"two"'),
    ]);
    const api = createApiClient({ baseUrl: '', getToken: () => 'token-a', fetchImpl });
    // Act
    const first = await api.leaderboard('week');
    const unchanged = await api.leaderboard('week');
    const changed = await api.leaderboard('week');
    // Assert
    expect(sent.map((request) => request.headers['if-none-match'])).toEqual([
      undefined,
      'W/"one"',
      'W/"one"',
    ]);
    expect(unchanged).toEqual(first);
    expect(changed).toMatchObject({ periodKey: '2026-W49' });
  });

  it('never revalidates with another user’s tag, nor a write', async () => {
    // Arrange
    let token = 'token-a';
    const { fetchImpl, sent } = scriptedFetch([
      () => ok(BOARD, 'W/"mine"'),
      () => ok(BOARD, 'W/"theirs"'),
      () => new Response(JSON.stringify({ id: 'x' }), { status: 201 }),
    ]);
    const api = createApiClient({ baseUrl: '', getToken: () => token, fetchImpl });
    // Act
    await api.leaderboard('week');
    token = 'token-b';
    await api.leaderboard('week');
    await api.giveReward({ to: 'alex', points: 1, message: 'hi' }, 'key-1');
    // Assert
    expect(sent.map((request) => request.headers['if-none-match'])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
