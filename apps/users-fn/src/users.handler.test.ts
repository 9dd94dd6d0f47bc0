import { createTestTable, type TestTable } from '@peer-rewards/rewards-dynamodb/testing';
import { invokeHttp, type HttpRequestSpec } from '@peer-rewards/http-kit/testing';

describe('users-fn handler', () => {
  let table: TestTable;
  let call: (spec: HttpRequestSpec) => ReturnType<typeof invokeHttp>;

  beforeAll(async () => {
    table = await createTestTable('users-fn');
    process.env.TABLE_NAME = table.tableName;
    process.env.AWS_REGION = 'us-east-1';
    process.env.CORS_ORIGINS = 'http://localhost:3000';
    process.env.LOG_LEVEL = 'warn';
    const { handler } = await import('./index');
    call = (spec) => invokeHttp(handler as never, spec);
  });

  afterAll(async () => {
    await table.drop();
  });

  it('creates a profile with 201, then updates it with 200', async () => {
    // Act
    const created = await call({
      method: 'PUT',
      path: '/users/me',
      user: 'alex',
      body: { displayName: 'Alex', avatar: '🦊' },
    });
    const updated = await call({
      method: 'PUT',
      path: '/users/me',
      user: 'alex',
      body: { displayName: 'Alex K.' },
    });
    // Assert
    expect(created.statusCode).toBe(201);
    expect(created.body).toMatchObject({ username: 'alex', displayName: 'Alex', avatar: '🦊' });
    expect(updated.statusCode).toBe(200);
    expect(updated.body).toMatchObject({ username: 'alex', displayName: 'Alex K.' });
  });

  it('reads a base64-encoded JSON body as API Gateway sends it', async () => {
    // Act
    const response = await call({
      method: 'PUT',
      path: '/users/me',
      user: 'bea',
      base64: true,
      body: { displayName: 'Bea 🐝' },
    });
    // Assert
    expect(response.statusCode).toBe(201);
    expect(response.body).toMatchObject({ username: 'bea', displayName: 'Bea 🐝' });
  });

  it('lists users sorted by username with a cursor, and batch-gets by name', async () => {
    // Arrange
    await call({ method: 'PUT', path: '/users/me', user: 'carl', body: { displayName: 'Carl' } });
    // Act
    const first = await call({ method: 'GET', path: '/users?limit=2', user: 'alex' });
    const cursor = (first.body as { nextCursor: string }).nextCursor;
    const second = await call({
      method: 'GET',
      path: `/users?limit=2&cursor=${encodeURIComponent(cursor)}`,
      user: 'alex',
    });
    const batch = await call({
      method: 'GET',
      path: '/users?usernames=carl,nobody,alex',
      user: 'alex',
    });
    // Assert
    expect(
      (first.body as { users: Array<{ username: string }> }).users.map((u) => u.username),
    ).toEqual(['alex', 'bea']);
    expect(second.body).toEqual({ users: [expect.objectContaining({ username: 'carl' })] });
    expect(batch.body).toEqual({
      users: [
        expect.objectContaining({ username: 'carl' }),
        expect.objectContaining({ username: 'alex' }),
      ],
      missing: ['nobody'],
    });
  });

  it('shows allowanceLeft only on your own profile', async () => {
    // Act
    const mine = await call({ method: 'GET', path: '/users/me', user: 'alex' });
    const theirs = await call({ method: 'GET', path: '/users/alex', user: 'bea' });
    // Assert
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toMatchObject({
      username: 'alex',
      stats: { received: 0, given: 0, allowanceLeft: 100 },
      bff: null,
    });
    expect((theirs.body as { stats: object }).stats).not.toHaveProperty('allowanceLeft');
  });

  it.each([
    ['an unknown user', { method: 'GET', path: '/users/nobody', user: 'alex' }, 404, 'not-found'],
    [
      'a name no user can have',
      { method: 'GET', path: '/users/NOT_VALID', user: 'alex' },
      404,
      'not-found',
    ],
    [
      'a wrong method',
      { method: 'DELETE', path: '/users/me', user: 'alex' },
      405,
      'method-not-allowed',
    ],
    ['no caller', { method: 'GET', path: '/users/me' }, 401, 'unauthorized'],
    ['no caller on the user list', { method: 'GET', path: '/users' }, 401, 'unauthorized'],
    [
      'no caller on a batch of users',
      { method: 'GET', path: '/users?usernames=alex' },
      401,
      'unauthorized',
    ],
    ['no caller on another profile', { method: 'GET', path: '/users/alex' }, 401, 'unauthorized'],
    [
      'an unknown query parameter',
      { method: 'GET', path: '/users?sort=desc', user: 'alex' },
      400,
      'validation-failed',
    ],
    [
      'a limit over 100',
      { method: 'GET', path: '/users?limit=101', user: 'alex' },
      400,
      'validation-failed',
    ],
    [
      'a forged cursor',
      { method: 'GET', path: '/users?cursor=abc', user: 'alex' },
      400,
      'validation-failed',
    ],
    [
      'an empty display name',
      { method: 'PUT', path: '/users/me', user: 'alex', body: { displayName: '  ' } },
      400,
      'validation-failed',
    ],
    [
      'an avatar that is not an emoji',
      { method: 'PUT', path: '/users/me', user: 'alex', body: { displayName: 'A', avatar: 'x' } },
      400,
      'validation-failed',
    ],
    [
      'malformed JSON',
      { method: 'PUT', path: '/users/me', user: 'alex', body: '{"displayName":' },
      400,
      'validation-failed',
    ],
  ] as Array<[string, HttpRequestSpec, number, string]>)(
    'answers %s with its error',
    async (_name, spec, status, code) => {
      // Act
      const response = await call(spec);
      // Assert
      expect(response.statusCode).toBe(status);
      expect(response.body).toMatchObject({ error: { code, message: expect.any(String) } });
    },
  );

  it('names the allowed methods on a 405', async () => {
    // Act
    const response = await call({ method: 'POST', path: '/users', user: 'alex', body: {} });
    // Assert
    expect(response.statusCode).toBe(405);
    expect(response.headers.Allow ?? response.headers.allow).toBe('GET');
  });

  it('adds CORS headers for a configured origin only', async () => {
    // Act
    const allowed = await call({
      method: 'GET',
      path: '/users/me',
      user: 'alex',
      headers: { origin: 'http://localhost:3000' },
    });
    const other = await call({
      method: 'GET',
      path: '/users/me',
      user: 'alex',
      headers: { origin: 'https://evil.example' },
    });
    // Assert
    expect(allowed.headers['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
    expect(other.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });
});
