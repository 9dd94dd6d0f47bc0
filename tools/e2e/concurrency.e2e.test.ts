import { startApi, type ApiClient } from './api-client';

type Reward = { id: string };
type Board = { entries: Array<{ username: string; points: number; rank: number }> };
type Profile = {
  stats: { received: number; receivedThisMonth: number; given: number; allowanceLeft?: number };
};

/**
 * Many rewards at once against one DynamoDB Local: on a busy machine some get a 503 (the
 * database did not answer in time), which the API documents as safe to send again with the same
 * Idempotency-Key. The clients here do that, so the outcomes asserted are the ones a user sees.
 */
const CONCURRENCY_TEST_TIMEOUT_MS = 180_000;

describe('concurrent requests over HTTP', () => {
  let api: ApiClient;
  const givers = Array.from({ length: 50 }, (_, i) => `giver-${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    api = await startApi('e2e-concurrency');
    for (const user of [...givers, 'target', 'spender', 'keeper']) {
      const response = await api.request('PUT', '/users/me', { user, body: { displayName: user } });
      expect(response.status).toBe(201);
    }
  }, CONCURRENCY_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await api?.stop();
  }, CONCURRENCY_TEST_TIMEOUT_MS);

  it(
    'counts 50 simultaneous rewards from 50 givers to one recipient exactly',
    async () => {
      // Act
      const responses = await Promise.all(
        givers.map((giver, i) =>
          api.giveReward(giver, { to: 'target', points: (i % 5) + 1, message: `thanks #${i} 🙏` }),
        ),
      );
      // Assert: a retry of a 503 that had landed is the same reward again (200).
      expect(
        responses.map((response) => response.status === 201 || response.status === 200),
      ).toEqual(givers.map(() => true));
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
    },
    CONCURRENCY_TEST_TIMEOUT_MS,
  );

  it(
    'lets exactly 5 of 20 simultaneous 20-point rewards from one giver through',
    async () => {
      // Act
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          api.giveReward<{ error?: { code: string } }>('spender', {
            to: givers[i],
            points: 20,
            message: 'race 🏁',
          }),
        ),
      );
      // Assert
      const given = (status: number) => status === 201 || status === 200;
      expect(responses.filter((response) => given(response.status))).toHaveLength(5);
      const refused = responses.filter((response) => !given(response.status));
      expect(refused).toHaveLength(15);
      for (const response of refused) {
        expect(response.status).toBe(422);
        expect(response.body.error?.code).toBe('allowance-exceeded');
      }
      const me = await api.request<Profile>('GET', '/users/me', { user: 'spender' });
      expect(me.body.stats.given).toBe(100);
      expect(me.body.stats.allowanceLeft).toBe(0);
    },
    CONCURRENCY_TEST_TIMEOUT_MS,
  );

  it(
    'makes one reward of the same Idempotency-Key sent 10 times at once',
    async () => {
      // Act
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          api.giveReward<Reward>(
            'keeper',
            { to: 'target', points: 7, message: 'only once ☝️' },
            { key: 'double-click-1' },
          ),
        ),
      );
      // Assert: one of them created it (unless the creating one got a 503 and its retry replayed).
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(1);
      expect(statuses.filter((status) => status === 200 || status === 201)).toHaveLength(10);
      expect(statuses.filter((status) => status === 201).length).toBe(
        responses.some((response) => response.retries > 0)
          ? statuses.filter((s) => s === 201).length
          : 1,
      );
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      const fromKeeper = await api.request<{ rewards: Reward[] }>('GET', '/rewards?from=keeper', {
        user: 'keeper',
      });
      expect(fromKeeper.body.rewards).toHaveLength(1);
      const me = await api.request<Profile>('GET', '/users/me', { user: 'keeper' });
      expect(me.body.stats.given).toBe(7);
    },
    CONCURRENCY_TEST_TIMEOUT_MS,
  );
});
