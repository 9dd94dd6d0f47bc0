import { startApi, type ApiClient } from './api-client';

type Reward = {
  id: string;
  from: string;
  to: string;
  points: number;
  message: string;
  createdAt: string;
};
type ErrorBody = {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> };
};

describe('HTTP API over the local stack', () => {
  let api: ApiClient;

  beforeAll(async () => {
    api = await startApi('e2e-api');
  });

  afterAll(async () => {
    await api?.stop();
  });

  describe('every route', () => {
    it('answers GET /health and GET /openapi.json without a token', async () => {
      // Act
      const health = await api.request('GET', '/health');
      const openapi = await api.request<{ openapi: string }>('GET', '/openapi.json');
      // Assert
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', version: expect.any(String) });
      expect(openapi.status).toBe(200);
      expect(openapi.body.openapi).toBe('3.1.0');
    });

    it('registers a profile with PUT /users/me and reads it back in every user route', async () => {
      // Act
      const created = await api.request('PUT', '/users/me', {
        user: 'newcomer',
        body: { displayName: 'New Comer', avatar: '🐣' },
      });
      const updated = await api.request('PUT', '/users/me', {
        user: 'newcomer',
        body: { displayName: 'Newcomer', avatar: '🐥' },
      });
      const one = await api.request('GET', '/users/newcomer', { user: 'alex' });
      const me = await api.request('GET', '/users/me', { user: 'newcomer' });
      const batch = await api.request('GET', '/users?usernames=newcomer,ghost', { user: 'alex' });
      const page = await api.request<{ users: Array<{ username: string }> }>(
        'GET',
        '/users?limit=100',
        { user: 'alex' },
      );
      // Assert
      expect(created.status).toBe(201);
      expect(updated.status).toBe(200);
      expect(one.body).toMatchObject({
        username: 'newcomer',
        displayName: 'Newcomer',
        avatar: '🐥',
        bff: null,
      });
      expect(me.body).toMatchObject({ username: 'newcomer', stats: { allowanceLeft: 100 } });
      expect(batch.body).toMatchObject({ users: [{ username: 'newcomer' }], missing: ['ghost'] });
      const names = page.body.users.map((user) => user.username);
      expect(names).toContain('newcomer');
      expect(names).toEqual([...names].sort());
    });

    it('gives a reward and shows it in the feed, by id, in profiles and on the leaderboard', async () => {
      // Act
      const given = await api.request<Reward>('POST', '/rewards', {
        user: 'alex',
        body: { to: 'andreas', points: 23, message: 'Die vielen Emojis 😂🎉👩‍💻' },
      });
      const byId = await api.request('GET', `/rewards/${given.body.id}`, { user: 'markus' });
      const feed = await api.request<{ rewards: Reward[] }>('GET', '/rewards?limit=10&to=andreas', {
        user: 'markus',
      });
      const profile = await api.request('GET', '/users/andreas', { user: 'markus' });
      const week = await api.request<{ period: string; periodKey: string; entries: unknown[] }>(
        'GET',
        '/leaderboard',
        { user: 'markus' },
      );
      const all = await api.request('GET', '/leaderboard?period=all&limit=5', { user: 'markus' });
      // Assert
      expect(given.status).toBe(201);
      expect(given.body).toMatchObject({
        from: 'alex',
        to: 'andreas',
        points: 23,
        message: 'Die vielen Emojis 😂🎉👩‍💻',
      });
      expect(byId.body).toEqual(given.body);
      expect(feed.body.rewards[0]).toEqual(given.body);
      expect(profile.body).toMatchObject({
        stats: { received: 23, receivedThisMonth: 23 },
        bff: { username: 'alex', points: 23 },
      });
      expect(week.body.period).toBe('week');
      expect(week.body.periodKey).toMatch(/^\d{4}-W\d{2}$/);
      expect(week.body.entries[0]).toMatchObject({
        rank: 1,
        username: 'andreas',
        points: 23,
        bff: { username: 'alex' },
      });
      expect(all.body).toMatchObject({ period: 'all', periodKey: 'all' });
    });
  });

  describe('bad input gets a clear 4xx and changes nothing', () => {
    const snapshot = async () => {
      const feed = await api.request('GET', '/rewards?limit=100', { user: 'alex' });
      const me = await api.request('GET', '/users/me', { user: 'alex' });
      return { feed: feed.body, me: me.body };
    };

    it.each<
      [
        string,
        { body?: unknown; rawBody?: string; headers?: Record<string, string> },
        number,
        string,
      ]
    >([
      [
        'malformed JSON',
        { rawBody: '{"to": "andreas", ', headers: { 'content-type': 'application/json' } },
        400,
        'validation-failed',
      ],
      [
        'wrong types',
        { body: { to: 42, points: 'ten', message: false } },
        400,
        'validation-failed',
      ],
      ['missing fields', { body: {} }, 400, 'validation-failed'],
      [
        'an extra from field',
        { body: { from: 'markus', to: 'andreas', points: 5, message: 'hi' } },
        400,
        'validation-failed',
      ],
      ['points 0', { body: { to: 'andreas', points: 0, message: 'hi' } }, 400, 'validation-failed'],
      [
        'points 101',
        { body: { to: 'andreas', points: 101, message: 'hi' } },
        400,
        'validation-failed',
      ],
      [
        'points 2.5',
        { body: { to: 'andreas', points: 2.5, message: 'hi' } },
        400,
        'validation-failed',
      ],
      [
        'points "10"',
        { body: { to: 'andreas', points: '10', message: 'hi' } },
        400,
        'validation-failed',
      ],
      [
        'an empty message',
        { body: { to: 'andreas', points: 5, message: '' } },
        400,
        'validation-failed',
      ],
      [
        'a 281-character message',
        { body: { to: 'andreas', points: 5, message: '🎉'.repeat(281) } },
        400,
        'validation-failed',
      ],
      [
        'a control character in the message',
        { body: { to: 'andreas', points: 5, message: 'tab\there' } },
        400,
        'validation-failed',
      ],
      [
        'an unknown recipient',
        { body: { to: 'nobody-here', points: 5, message: 'hi' } },
        404,
        'not-found',
      ],
      [
        'a reward to yourself',
        { body: { to: 'alex', points: 5, message: 'me!' } },
        422,
        'self-reward',
      ],
      [
        'a body over 16 KB',
        { body: { to: 'andreas', points: 5, message: 'x'.repeat(16_500) } },
        413,
        'payload-too-large',
      ],
      [
        'a form body',
        {
          rawBody: 'to=andreas&points=5',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
        415,
        'unsupported-media-type',
      ],
    ])('POST /rewards with %s is refused', async (_name, request, status, code) => {
      // Arrange
      const before = await snapshot();
      // Act
      const response = await api.request<ErrorBody>('POST', '/rewards', {
        user: 'alex',
        ...request,
      });
      // Assert
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message.length).toBeGreaterThan(10);
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js:\d+/);
      expect(await snapshot()).toEqual(before);
    });

    it('names each bad field in details', async () => {
      // Act
      const response = await api.request<ErrorBody>('POST', '/rewards', {
        user: 'alex',
        body: { to: 'A!', points: 0, message: '' },
      });
      // Assert
      expect(response.body.error.details?.map((detail) => detail.path).sort()).toEqual([
        'message',
        'points',
        'to',
      ]);
    });

    it('answers an unknown route with 404 and a wrong method with 405 and Allow', async () => {
      // Act
      const unknown = await api.request<ErrorBody>('GET', '/nothing/here', { user: 'alex' });
      const unknownWithoutToken = await api.request<ErrorBody>('GET', '/nothing/here', {
        user: null,
      });
      const wrongMethod = await api.request<ErrorBody>('DELETE', '/rewards', { user: 'alex' });
      const wrongMethodOnHealth = await api.request<ErrorBody>('POST', '/health', {
        user: null,
        body: {},
      });
      // Assert
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not-found');
      expect(unknownWithoutToken.status).toBe(404);
      expect(wrongMethodOnHealth.status).toBe(405);
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    });

    it.each<[string, (stack: ApiClient['stack']) => string | undefined]>([
      ['no token', () => undefined],
      ['an expired token', (stack) => stack.tokenFor('alex', { expiresInSeconds: -60 })],
      ['a badly signed token', (stack) => `${stack.tokenFor('alex').slice(0, -6)}AAAAAA`],
      ['a token that is not a JWT', () => 'not-a-jwt'],
    ])('answers %s with 401 and writes nothing', async (_name, tokenOf) => {
      // Arrange
      const before = await snapshot();
      const token = tokenOf(api.stack);
      // Act
      const response = await api.request('POST', '/rewards', {
        user: null,
        ...(token ? { token } : {}),
        body: { to: 'andreas', points: 5, message: 'hi' },
      });
      // Assert
      expect(response.status).toBe(401);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a giver without a profile with 403', async () => {
      // Act
      const response = await api.request<ErrorBody>('POST', '/rewards', {
        user: 'no-profile',
        body: { to: 'alex', points: 5, message: 'hi' },
      });
      // Assert
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('profile-required');
    });

    it('refuses a forged cursor and a cursor of other filters with 400', async () => {
      // Arrange
      await api.request('POST', '/rewards', {
        user: 'markus',
        body: { to: 'andreas', points: 1, message: 'a' },
      });
      await api.request('POST', '/rewards', {
        user: 'markus',
        body: { to: 'andreas', points: 1, message: 'b' },
      });
      const page = await api.request<{ nextCursor: string }>('GET', '/rewards?limit=1&to=andreas', {
        user: 'alex',
      });
      // Act
      const forged = await api.request<ErrorBody>('GET', '/rewards?cursor=Zm9yZ2Vk', {
        user: 'alex',
      });
      const mismatched = await api.request<ErrorBody>(
        'GET',
        `/rewards?to=alex&cursor=${page.body.nextCursor}`,
        { user: 'alex' },
      );
      // Assert
      expect(forged.status).toBe(400);
      expect(mismatched.status).toBe(400);
      expect(mismatched.body.error.details?.[0].path).toBe('cursor');
    });
  });
});
