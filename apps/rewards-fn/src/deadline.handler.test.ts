import { functionUnderTest } from '@peer-rewards/function-runtime/testing';
import { httpRequest as req, lambdaContext } from '@peer-rewards/http-kit/testing';
import { ENV } from '@peer-rewards/platform-manifest';
import { monthKey } from '@peer-rewards/rewards-domain';
import { startDelayingProxy, type DelayingProxy } from '@peer-rewards/rewards-dynamodb/testing';

/** Generous for a loaded machine: the proxy holds each request 1.2 s, several go by. */
const TEST_TIMEOUT_MS = 90_000;

describe('rewards-fn near its deadline', () => {
  let proxy: DelayingProxy;

  beforeAll(async () => {
    proxy = await startDelayingProxy(process.env.DYNAMODB_ENDPOINT as string);
  });
  afterAll(() => proxy.close());

  const fn = functionUnderTest('rewards-fn', () => import('./index'), {
    profiles: ['alex', 'andreas'],
    env: () => ({ [ENV.dynamodbEndpoint]: proxy.endpoint }),
  });

  it(
    'answers 503 before the deadline and writes nothing after it, so a retry with the same key gives the reward once',
    async () => {
      // Arrange: every request to the database takes 1.2 s; the invocation has 1.5 s
      const gift = req('POST /rewards', {
        user: 'alex',
        body: { to: 'andreas', points: 7, message: 'Thanks for staying late 🌙' },
        headers: { 'idempotency-key': 'near-the-deadline' },
      });
      proxy.delayMs = 1_200;
      // Act
      const answer = await fn.call(gift, lambdaContext('rewards-fn', 1_500));
      // Whatever the function still had in flight or queued has had its chance to land.
      await proxy.idle(4_000);
      proxy.delayMs = 0;
      const afterAnswer = await fn.rewards().feed({ limit: 10 });
      const spentAfterAnswer = await fn.rewards().spent('alex', monthKey(new Date()));
      const retry = await fn.call(gift);
      const afterRetry = await fn.rewards().feed({ limit: 10 });
      // Assert
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.body).toMatchObject({ error: { code: 'service-unavailable' } });
      expect(afterAnswer.items).toEqual([]);
      expect(spentAfterAnswer).toBe(0);
      expect(retry.statusCode).toBe(201);
      expect(afterRetry.items).toEqual([retry.body]);
    },
    TEST_TIMEOUT_MS,
  );
});
