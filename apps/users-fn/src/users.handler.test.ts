import { functionUnderTest, TEST_ORIGIN } from '@peer-rewards/function-runtime/testing';
import { httpRequest as req, type HttpRequestSpec } from '@peer-rewards/http-kit/testing';

describe('users-fn handler', () => {
  const fn = functionUnderTest('users-fn', () => import('./index'));
  const profileAs = (user: string, body: unknown, base64 = false) =>
    req('PUT /users/me', { user, body, base64 });
  const putMe = (user: string, body: unknown, base64 = false) =>
    fn.call(profileAs(user, body, base64));

  it('creates a profile with 201, then updates it with 200', async () => {
    // Act
    const created = await putMe('alex', { displayName: 'Alex', avatar: '🦊' });
    const updated = await putMe('alex', { displayName: 'Alex K.' });
    // Assert
    expect(created.statusCode).toBe(201);
    expect(created.body).toMatchObject({ username: 'alex', displayName: 'Alex', avatar: '🦊' });
    expect(updated.statusCode).toBe(200);
    expect(updated.body).toMatchObject({ username: 'alex', displayName: 'Alex K.' });
  });

  it('reads a base64-encoded JSON body as API Gateway sends it', async () => {
    // Act
    const response = await putMe('bea', { displayName: 'Bea 🐝' }, true);
    // Assert
    expect(response.statusCode).toBe(201);
    expect(response.body).toMatchObject({ username: 'bea', displayName: 'Bea 🐝' });
  });

  it('lists users sorted by username with a cursor, and batch-gets by name', async () => {
    // Arrange
    await putMe('carl', { displayName: 'Carl' });
    // Act
    const first = await fn.call(req('GET /users?limit=2', { user: 'alex' }));
    const cursor = encodeURIComponent((first.body as { nextCursor: string }).nextCursor);
    const second = await fn.call(req(`GET /users?limit=2&cursor=${cursor}`, { user: 'alex' }));
    const batch = await fn.call(req('GET /users?usernames=carl,nobody,alex', { user: 'alex' }));
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
    const mine = await fn.call(req('GET /users/me', { user: 'alex' }));
    const theirs = await fn.call(req('GET /users/alex', { user: 'bea' }));
    // Assert
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toMatchObject({
      username: 'alex',
      stats: { received: 0, given: 0, allowanceLeft: 100 },
      bff: null,
    });
    expect((theirs.body as { stats: object }).stats).not.toHaveProperty('allowanceLeft');
  });

  it('answers a poll of a profile with 304 and no body until the profile changes', async () => {
    // Arrange
    const first = await fn.call(req('GET /users/alex', { user: 'bea' }));
    const headers = { 'if-none-match': first.headers.etag };
    // Act
    const unchanged = await fn.call(req('GET /users/alex', { user: 'bea', headers }));
    await fn.call(profileAs('alex', { displayName: 'Alex Polled' }));
    const changed = await fn.call(req('GET /users/alex', { user: 'bea', headers }));
    // Assert
    expect(first.statusCode).toBe(200);
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBeUndefined();
    expect(unchanged.headers.etag).toBe(first.headers.etag);
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toMatchObject({ displayName: 'Alex Polled' });
  });

  const alex = { user: 'alex' };
  it.each<[string, HttpRequestSpec, number, string]>([
    ['an unknown user', req('GET /users/nobody', alex), 404, 'not-found'],
    ['a name no user can have', req('GET /users/NOT_VALID', alex), 404, 'not-found'],
    ['a wrong method', req('DELETE /users/me', alex), 405, 'method-not-allowed'],
    ['no caller', req('GET /users/me'), 401, 'unauthorized'],
    ['no caller on the user list', req('GET /users'), 401, 'unauthorized'],
    ['no caller on a batch of users', req('GET /users?usernames=alex'), 401, 'unauthorized'],
    ['no caller on another profile', req('GET /users/alex'), 401, 'unauthorized'],
    ['an unknown query parameter', req('GET /users?sort=desc', alex), 400, 'validation-failed'],
    ['a limit over 100', req('GET /users?limit=101', alex), 400, 'validation-failed'],
    ['a forged cursor', req('GET /users?cursor=abc', alex), 400, 'validation-failed'],
    ['an empty display name', profileAs('alex', { displayName: ' ' }), 400, 'validation-failed'],
    [
      'an avatar that is not an emoji',
      profileAs('alex', { displayName: 'A', avatar: 'x' }),
      400,
      'validation-failed',
    ],
    ['malformed JSON', profileAs('alex', '{"displayName":'), 400, 'validation-failed'],
  ])('answers %s with its error', async (_name, spec, status, code) => {
    // Act
    const response = await fn.call(spec);
    // Assert
    expect(response.statusCode).toBe(status);
    expect(response.body).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it('names the allowed methods on a 405', async () => {
    // Act
    const response = await fn.call(req('POST /users', { user: 'alex', body: {} }));
    // Assert
    expect(response.statusCode).toBe(405);
    expect(response.headers.Allow ?? response.headers.allow).toBe('GET');
  });

  it('adds CORS headers for a configured origin only', async () => {
    // Act
    const allowed = await fn.call(
      req('GET /users/me', { user: 'alex', headers: { origin: TEST_ORIGIN } }),
    );
    const other = await fn.call(
      req('GET /users/me', { user: 'alex', headers: { origin: 'https://evil.example' } }),
    );
    // Assert
    expect(allowed.headers['Access-Control-Allow-Origin']).toBe(TEST_ORIGIN);
    expect(other.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });
});
