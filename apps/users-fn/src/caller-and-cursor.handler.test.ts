import { functionUnderTest } from '@peer-rewards/function-runtime/testing';
import { httpRequest as req } from '@peer-rewards/http-kit/testing';

type Users = { users: Array<{ username: string }>; nextCursor?: string };

describe('users-fn refusals of callers and cursors', () => {
  const fn = functionUnderTest('users-fn', () => import('./index'), {
    profiles: ['alex', 'andreas', 'markus', 'zoe'],
  });

  it.each(['Alex', 'me', 'x'])(
    'answers a token whose username is %p with 401 and creates no profile',
    async (username) => {
      // Act
      const list = await fn.call(req('GET /users', { user: username }));
      const me = await fn.call(req('GET /users/me', { user: username }));
      const put = await fn.call(
        req('PUT /users/me', { user: username, body: { displayName: 'Someone' } }),
      );
      // Assert
      for (const response of [list, me, put]) {
        expect(response.statusCode).toBe(401);
        expect(response.body).toMatchObject({ error: { code: 'unauthorized' } });
      }
      expect(await fn.users().get(username)).toBeNull();
    },
  );

  it('refuses a hand-built users cursor that a signed one would page past', async () => {
    // Arrange: the cursor the API used to accept, naming the user to start after
    const forged = Buffer.from(JSON.stringify({ v: 1, q: 'users', after: 'andreas' })).toString(
      'base64url',
    );
    const first = (await fn.call(req('GET /users?limit=2', { user: 'alex' }))).body as Users;
    // Act
    const refused = await fn.call(req(`GET /users?limit=2&cursor=${forged}`, { user: 'alex' }));
    const next = await fn.call(
      req(`GET /users?limit=2&cursor=${first.nextCursor}`, { user: 'alex' }),
    );
    // Assert
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatchObject({
      error: { code: 'validation-failed', details: [{ path: 'cursor' }] },
    });
    expect((next.body as Users).users.map((user) => user.username)).toEqual(['markus', 'zoe']);
  });
});
