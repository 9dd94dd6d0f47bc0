import { DeadlineExceededError, invocationSignal, withDeadline } from './deadline';
import { lambdaContext } from './testing';

const aborted = (signal: AbortSignal | undefined) =>
  new Promise<unknown>((resolve) =>
    signal?.addEventListener('abort', () => resolve(signal.reason)),
  );

describe('withDeadline', () => {
  it('aborts the invocation signal shortly before the Lambda deadline', async () => {
    // Arrange
    const context = lambdaContext('test-fn', 400);
    // Act
    const { reason, left } = await withDeadline(context, async () => {
      const reason = await aborted(invocationSignal());
      return { reason, left: context.getRemainingTimeInMillis() };
    });
    // Assert
    expect(reason).toBeInstanceOf(DeadlineExceededError);
    expect(left).toBeGreaterThan(0);
  });

  it('gives each concurrent invocation its own signal, and none outside an invocation', async () => {
    // Arrange
    const short = lambdaContext('test-fn', 200);
    const long = lambdaContext('test-fn', 60_000);
    // Act
    const [shortSignal, longSignal] = await Promise.all([
      withDeadline(short, async () => {
        await aborted(invocationSignal());
        return invocationSignal();
      }),
      withDeadline(long, async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return invocationSignal();
      }),
    ]);
    // Assert
    expect(shortSignal?.aborted).toBe(true);
    expect(longSignal?.aborted).toBe(false);
    expect(invocationSignal()).toBeUndefined();
  });
});
