import { runFaultInjection } from './fault-run';

describe('gifts while DynamoDB Local is paused, killed and started again', () => {
  it('answers only 201 or 503 with Retry-After, recovers without a restart of the stack, and keeps every gift exactly once', async () => {
    // Act
    const result = await runFaultInjection({ steadyMs: 3_000, pauseMs: 5_000, kill: 'SIGKILL' });

    // Assert
    expect(result.problems).toEqual([]);
    expect(result.statuses[503]).toBeGreaterThan(0);
    expect(result.attempts.some((a) => a.phase === 'recovered' && a.status === 201)).toBe(true);
  }, 240_000);
});
