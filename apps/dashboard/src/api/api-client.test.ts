import { createApiClient } from './api-client';

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

describe('createApiClient', () => {
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
