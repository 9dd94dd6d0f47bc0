import { createApiClient } from './api-client';
import { ApiError } from './api-error';

const reward = { to: 'jana', points: 10, message: 'Danke 🎉' };
const stored = { id: '01J', from: 'alex', createdAt: '2026-12-02T10:00:00.000Z', ...reward };

describe('createApiClient().giveReward', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gives once through a 503 after the write landed: the retry carries the same key', async () => {
    // Arrange: the first answer is lost behind a 503; the retry is answered with the replay
    const keys: Array<string | null> = [];
    const answers = [
      new Response('{"error":{"code":"service-unavailable","message":"Busy."}}', {
        status: 503,
        headers: { 'retry-after': '1' },
      }),
      new Response(JSON.stringify(stored), { status: 200 }),
    ];
    const api = createApiClient({
      baseUrl: '',
      getToken: () => 'token',
      fetchImpl: async (_input, init) => {
        keys.push(new Headers(init?.headers).get('idempotency-key'));
        return answers.shift() as Response;
      },
    });
    const retries: string[] = [];

    // Act
    const pending = api.giveReward(reward, 'key-7', {
      onRetry: (info) => retries.push(`${info.reason} ${info.delayMs}`),
    });
    await jest.advanceTimersByTimeAsync(1_000);

    // Assert
    await expect(pending).resolves.toEqual(stored);
    expect(keys).toEqual(['key-7', 'key-7']);
    expect(retries).toEqual(['unavailable 1000']);
  });

  it('reports a network error once every attempt failed', async () => {
    // Arrange
    const api = createApiClient({
      baseUrl: '',
      getToken: () => 'token',
      fetchImpl: async () => {
        throw new TypeError('Failed to fetch');
      },
    });

    // Act
    const outcome = api
      .giveReward(reward, 'key-8', { attempts: 2, random: () => 0 })
      .catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(1_000);

    // Assert
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'network-error', status: 0 });
  });
});
