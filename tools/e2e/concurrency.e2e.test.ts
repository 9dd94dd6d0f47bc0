import { startApi, type ApiClient } from './api-client';

type Reward = { id: string };
type Board = { entries: Array<{ username: string; points: number; rank: number }> };
type Profile = {
  stats: { received: number; receivedThisMonth: number; given: number; allowanceLeft?: number };
};

describe('concurrent requests over HTTP', () => {
  let api: ApiClient;
  const givers = Array.from({ length: 50 }, (_, i) => `giver-${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    api = await startApi('e2e-concurrency');
    for (const user of [...givers, 'target', 'spender', 'keeper']) {
      const response = await api.request('PUT', '/users/me', { user, body: { displayName: user } });
      expect(response.status).toBe(201);
    }
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('counts 50 simultaneous rewards from 50 givers to one recipient exactly', async () => {
    // Act
    const responses = await Promise.all(
      givers.map((giver, i) =>
        api.request('POST', '/rewards', {
          user: giver,
          body: { to: 'target', points: (i % 5) + 1, message: `thanks #${i} 🙏` },
        }),
      ),
    );
    // Assert
    expect(responses.map((response) => response.status)).toEqual(givers.map(() => 201));
    const expected = givers.reduce((sum, _giver, i) => sum + (i % 5) + 1, 0);
    const profile = await api.request<Profile>('GET', '/users/target', { user: 'keeper' });
    expect(profile.body.stats.received).toBe(expected);
    expect(profile.body.stats.receivedThisMonth).toBe(expected);
    for (const period of ['week', 'month', 'all']) {
      const board = await api.request<Board>('GET', `/leaderboard?period=${period}&limit=1`, {
        user: 'keeper',
      });
      expect(board.body.entries[0]).toMatchObject({
        rank: 1,
        username: 'target',
        points: expected,
      });
    }
    const feed = await api.request<{ rewards: Reward[] }>('GET', '/rewards?to=target&limit=100', {
      user: 'keeper',
    });
    expect(feed.body.rewards).toHaveLength(50);
  });

  it('lets exactly 5 of 20 simultaneous 20-point rewards from one giver through', async () => {
    // Act
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.request<{ error?: { code: string } }>('POST', '/rewards', {
          user: 'spender',
          body: { to: givers[i], points: 20, message: 'race 🏁' },
        }),
      ),
    );
    // Assert
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    const refused = responses.filter((response) => response.status !== 201);
    expect(refused).toHaveLength(15);
    for (const response of refused) {
      expect(response.status).toBe(422);
      expect(response.body.error?.code).toBe('allowance-exceeded');
    }
    const me = await api.request<Profile>('GET', '/users/me', { user: 'spender' });
    expect(me.body.stats.given).toBe(100);
    expect(me.body.stats.allowanceLeft).toBe(0);
  });

  it('makes one reward of the same Idempotency-Key sent 10 times at once', async () => {
    // Act
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.request<Reward>('POST', '/rewards', {
          user: 'keeper',
          headers: { 'idempotency-key': 'double-click-1' },
          body: { to: 'target', points: 7, message: 'only once ☝️' },
        }),
      ),
    );
    // Assert
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(9);
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    const fromKeeper = await api.request<{ rewards: Reward[] }>('GET', '/rewards?from=keeper', {
      user: 'keeper',
    });
    expect(fromKeeper.body.rewards).toHaveLength(1);
    const me = await api.request<Profile>('GET', '/users/me', { user: 'keeper' });
    expect(me.body.stats.given).toBe(7);
  });
});
