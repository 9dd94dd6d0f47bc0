import { functionUnderTest } from '@peer-rewards/function-runtime/testing';
import { httpRequest as req } from '@peer-rewards/http-kit/testing';

type Feed = { rewards: Array<{ id: string }>; nextCursor?: string };

/** base64url JSON, the way a cursor looked before it was signed. */
const handMade = (state: object) => Buffer.from(JSON.stringify(state)).toString('base64url');

describe('rewards-fn refusals of callers and cursors', () => {
  const fn = functionUnderTest('rewards-fn', () => import('./index'), {
    profiles: ['alex', 'andreas', 'markus'],
  });

  beforeAll(async () => {
    for (const message of ['one', 'two', 'three']) {
      await fn.call(
        req('POST /rewards', { user: 'alex', body: { to: 'andreas', points: 1, message } }),
      );
    }
  });

  it.each(['Alex', 'me', 'a', 'alex krause'])(
    'answers a token whose username is %p with 401 on reads and writes alike',
    async (username) => {
      // Act
      const responses = [
        await fn.call(req('GET /rewards', { user: username })),
        await fn.call(req('GET /leaderboard', { user: username })),
        await fn.call(
          req('POST /rewards', {
            user: username,
            body: { to: 'andreas', points: 1, message: 'x' },
          }),
        ),
      ];
      // Assert
      for (const response of responses) {
        expect(response.statusCode).toBe(401);
        expect(response.body).toMatchObject({ error: { code: 'unauthorized' } });
      }
    },
  );

  it('refuses a forged, edited or truncated feed cursor with 400 naming the cursor', async () => {
    // Arrange
    const first = (await fn.call(req('GET /rewards?limit=1', { user: 'markus' }))).body as Feed;
    const genuine = first.nextCursor as string;
    const [payload, signature] = genuine.split('.');
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const cursors = {
      forged: handMade({ ...state, after: first.rewards[0].id }),
      edited: `${handMade({ ...state, q: 'feed:andreas:' })}.${signature}`,
      truncated: genuine.slice(0, -3),
    };
    // Act
    const genuinePage = await fn.call(
      req(`GET /rewards?limit=1&cursor=${genuine}`, { user: 'markus' }),
    );
    const refused = await Promise.all(
      Object.values(cursors).map((cursor) =>
        fn.call(
          req(`GET /rewards?limit=1&cursor=${encodeURIComponent(cursor)}`, { user: 'markus' }),
        ),
      ),
    );
    // Assert
    expect(genuinePage.statusCode).toBe(200);
    for (const response of refused) {
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({
        error: { code: 'validation-failed', details: [{ path: 'cursor' }] },
      });
    }
  });
});
