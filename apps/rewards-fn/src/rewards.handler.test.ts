import { functionUnderTest } from '@peer-rewards/function-runtime/testing';
import { httpRequest as req, type HttpRequestSpec } from '@peer-rewards/http-kit/testing';
import type { RewardRules } from '@peer-rewards/rewards-domain';
import type * as OpenApiDocumentModule from './openapi-document';
import type * as WriteOpenApiDocumentModule from './write-openapi-document';

type Reward = { id: string; from: string; to: string; points: number; message: string };

// The source has no `openapi.json` beside it (the build writes it beside the bundle): the
// handler reads the document the build would write. The built artifact's own is tested on it.
jest.mock('./openapi-document', () => {
  const actual = jest.requireActual<typeof OpenApiDocumentModule>('./openapi-document');
  const { builtOpenApiDocument } = jest.requireActual<typeof WriteOpenApiDocumentModule>(
    './write-openapi-document',
  );
  return {
    ...actual,
    loadOpenApiDocument: (version: string, rules: RewardRules) =>
      actual.configureOpenApiDocument(JSON.parse(builtOpenApiDocument()), version, rules),
  };
});

describe('rewards-fn handler', () => {
  const fn = functionUnderTest('rewards-fn', () => import('./index'), {
    env: { APP_VERSION: '1.2.3' },
    profiles: ['alex', 'andreas', 'markus', 'jana', 'lena'],
  });
  const call = fn.call;
  const give = (user: string, body: unknown, headers?: Record<string, string>) =>
    call(req('POST /rewards', { user, body, headers }));

  it('gives a reward from the caller and shows it in the feed, by id and on the leaderboard', async () => {
    // Act
    const created = await give('alex', {
      to: 'andreas',
      points: 10,
      message: '  Danke fürs Erscheinen! 🎉  ',
    });
    const reward = created.body as Reward;
    const byId = await call({ method: 'GET', path: `/rewards/${reward.id}`, user: 'markus' });
    const feed = await call({ method: 'GET', path: '/rewards?limit=5', user: 'markus' });
    const board = await call({ method: 'GET', path: '/leaderboard?period=month', user: 'markus' });
    // Assert
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/rewards/${reward.id}`);
    expect(reward).toMatchObject({
      from: 'alex',
      to: 'andreas',
      points: 10,
      message: 'Danke fürs Erscheinen! 🎉',
    });
    expect(byId.body).toEqual(reward);
    expect((feed.body as { rewards: Reward[] }).rewards[0]).toEqual(reward);
    expect(board.body).toMatchObject({
      period: 'month',
      entries: [
        { rank: 1, username: 'andreas', points: 10, bff: { username: 'alex', points: 10 } },
      ],
    });
  });

  it('replays an Idempotency-Key with the same body (200) and refuses another body (409)', async () => {
    // Arrange
    const headers = { 'idempotency-key': 'retry-1' };
    const first = await give('markus', { to: 'alex', points: 3, message: 'once' }, headers);
    // Act
    const again = await give('markus', { to: 'alex', points: 3, message: 'once' }, headers);
    const other = await give('markus', { to: 'alex', points: 4, message: 'once' }, headers);
    // Assert
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(other.statusCode).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'idempotency-conflict' } });
  });

  it.each([
    ['points 0', { to: 'andreas', points: 0, message: 'x' }, 400, 'validation-failed'],
    ['points 101', { to: 'andreas', points: 101, message: 'x' }, 400, 'validation-failed'],
    ['points 2.5', { to: 'andreas', points: 2.5, message: 'x' }, 400, 'validation-failed'],
    ['points as text', { to: 'andreas', points: '10', message: 'x' }, 400, 'validation-failed'],
    [
      'a from field',
      { from: 'andreas', to: 'markus', points: 1, message: 'x' },
      400,
      'validation-failed',
    ],
    ['a missing message', { to: 'andreas', points: 1 }, 400, 'validation-failed'],
    ['an empty message', { to: 'andreas', points: 1, message: '   ' }, 400, 'validation-failed'],
    [
      'a 281-character message',
      { to: 'andreas', points: 1, message: 'a'.repeat(281) },
      400,
      'validation-failed',
    ],
    [
      'a control character',
      { to: 'andreas', points: 1, message: 'bell\u0007' },
      400,
      'validation-failed',
    ],
    ['an unknown recipient', { to: 'nobody', points: 1, message: 'x' }, 404, 'not-found'],
    ['a reward to yourself', { to: 'alex', points: 1, message: 'x' }, 422, 'self-reward'],
    ['an array body', [1, 2], 400, 'validation-failed'],
  ])('refuses %s and writes nothing', async (_name, body, status, code) => {
    // Arrange
    const before = await call({ method: 'GET', path: '/rewards?limit=100', user: 'alex' });
    // Act
    const response = await give('alex', body);
    // Assert
    expect(response.statusCode).toBe(status);
    expect(response.body).toMatchObject({ error: { code, message: expect.any(String) } });
    const after = await call({ method: 'GET', path: '/rewards?limit=100', user: 'alex' });
    expect(after.body).toEqual(before.body);
  });

  it('refuses a giver without a profile with 403', async () => {
    // Act
    const response = await give('stranger', { to: 'alex', points: 1, message: 'hi' });
    // Assert
    expect(response.statusCode).toBe(403);
    expect(response.body).toMatchObject({ error: { code: 'profile-required' } });
  });

  it('refuses the reward past the allowance with 422 and what is left', async () => {
    // Arrange
    await give('andreas', { to: 'markus', points: 95, message: 'almost all' });
    // Act
    const response = await give('andreas', { to: 'markus', points: 6, message: 'too much' });
    // Assert
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatchObject({
      error: {
        code: 'allowance-exceeded',
        message: expect.stringContaining('5 of your 100 points left'),
      },
    });
  });

  const alex = { user: 'alex' };
  const otherFilters =
    'eyJ2IjoxLCJxIjoiZmVlZDo6IiwiYWZ0ZXIiOiIwMUpEUTRWNlpRNE4ySzhYMDAwMDAwMDAwMCJ9';
  const tooLong = { to: 'andreas', points: 1, message: 'x'.repeat(17_000) };
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  it.each<[string, HttpRequestSpec, number, string]>([
    [
      'a body over 16 KB',
      req('POST /rewards', { ...alex, body: tooLong }),
      413,
      'payload-too-large',
    ],
    [
      'a form body',
      req('POST /rewards', { ...alex, body: 'to=a', headers: form }),
      415,
      'unsupported-media-type',
    ],
    ['malformed JSON', req('POST /rewards', { ...alex, body: '{"to":' }), 400, 'validation-failed'],
    ['no body', req('POST /rewards', alex), 400, 'validation-failed'],
    ['an unknown route', req('GET /nothing-here', alex), 404, 'not-found'],
    ['a wrong method', req('DELETE /rewards', alex), 405, 'method-not-allowed'],
    ['an unknown reward', req('GET /rewards/01JDQ4V6ZQ4N2K8X0000000000', alex), 404, 'not-found'],
    ['a reward id that is no ULID', req('GET /rewards/abc', alex), 404, 'not-found'],
    [
      'a period that does not exist',
      req('GET /leaderboard?period=year', alex),
      400,
      'validation-failed',
    ],
    [
      'a leaderboard limit over 50',
      req('GET /leaderboard?limit=51', alex),
      400,
      'validation-failed',
    ],
    [
      'a cursor from other filters',
      req(`GET /rewards?to=alex&cursor=${otherFilters}`, alex),
      400,
      'validation-failed',
    ],
    ['no caller', req('GET /rewards'), 401, 'unauthorized'],
  ])('answers %s with its error', async (_name, spec, status, code) => {
    // Act
    const response = await call(spec);
    // Assert
    expect(response.statusCode).toBe(status);
    expect(response.body).toMatchObject({ error: { code } });
  });

  it('counts each answer in the metric contract, 4xx not as server errors', async () => {
    // Act
    await call(req('GET /rewards/abc', { user: 'alex' }));
    // Assert
    expect(fn.metrics().at(-1)).toMatchObject({
      dimensions: { FunctionName: 'rewards-fn', Version: '$LATEST' },
      metrics: { Requests: 1, ServerErrors: 0 },
    });
  });

  it('serves health and an OpenAPI 3.1 document without a caller', async () => {
    // Act
    const health = await call({ method: 'GET', path: '/health' });
    const openapi = await call({ method: 'GET', path: '/openapi.json' });
    // Assert
    expect(health.body).toMatchObject({ status: 'ok', version: '1.2.3' });
    const document = openapi.body as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/users',
        '/users/me',
        '/users/{username}',
        '/rewards',
        '/rewards/{id}',
        '/leaderboard',
      ]),
    );
    expect(document.components.schemas).toHaveProperty('Reward');
    expect(document.components.schemas).toHaveProperty('GiveReward');
    expect(JSON.stringify(document)).not.toContain('"$id"');
  });

  it('serves an OpenAPI document whose every $ref resolves to a component schema', async () => {
    // Act
    const response = await call({ method: 'GET', path: '/openapi.json' });
    // Assert
    const document = response.body as { components: { schemas: Record<string, unknown> } };
    const refs: string[] = [];
    const leftovers: string[] = [];
    const walk = (value: unknown, at: string) => {
      if (!value || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref') refs.push(String(child));
        if (['$defs', '$schema', '$id', 'definitions'].includes(key))
          leftovers.push(`${at}/${key}`);
        walk(child, `${at}/${key}`);
      }
    };
    walk(document, '#');
    expect(leftovers).toEqual([]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
      expect(document.components.schemas).toHaveProperty(ref.split('/').at(-1) as string);
    }
  });

  it('pages the feed with a cursor and filters it', async () => {
    // Act
    const first = await call({ method: 'GET', path: '/rewards?limit=1', user: 'alex' });
    const cursor = (first.body as { nextCursor: string }).nextCursor;
    const second = await call({
      method: 'GET',
      path: `/rewards?limit=1&cursor=${cursor}`,
      user: 'alex',
    });
    const toMarkus = await call({
      method: 'GET',
      path: '/rewards?to=markus&from=andreas',
      user: 'alex',
    });
    // Assert
    expect(cursor).toEqual(expect.any(String));
    expect(
      (second.body as { rewards: Reward[] }).rewards[0].id <
        (first.body as { rewards: Reward[] }).rewards[0].id,
    ).toBe(true);
    expect(
      (toMarkus.body as { rewards: Reward[] }).rewards.map((reward) => [
        reward.from,
        reward.to,
        reward.points,
      ]),
    ).toEqual([['andreas', 'markus', 95]]);
  });

  // Last: its rewards between jana and lena come after every other case's expectations.
  it.each(['/leaderboard?period=week', '/rewards?limit=5'])(
    'answers a poll of %s with 304 and no body until a reward changes it',
    async (path) => {
      // Arrange
      await give('jana', { to: 'lena', points: 1, message: 'poll me' });
      const first = await call({ method: 'GET', path, user: 'jana' });
      const tag = first.headers.etag;
      const ifNoneMatch = { 'if-none-match': tag };
      // Act
      const unchanged = await call({ method: 'GET', path, user: 'jana', headers: ifNoneMatch });
      await give('lena', { to: 'jana', points: 2, message: 'changed' });
      const changed = await call({ method: 'GET', path, user: 'jana', headers: ifNoneMatch });
      // Assert
      expect(first.statusCode).toBe(200);
      expect(tag).toMatch(/^W\/".+"$/);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      expect(unchanged).toMatchObject({
        statusCode: 304,
        headers: { etag: tag, 'cache-control': 'private, no-cache' },
        body: undefined,
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(tag);
    },
  );
});
