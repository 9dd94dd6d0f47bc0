import type { Invocation } from '../function-host';
import { InvocationLog } from './invocation-log';

const invocation = (requestId: string, fields: Partial<Invocation> = {}): Invocation =>
  ({
    ok: true,
    result: null,
    requestId,
    report: '',
    version: '1',
    durationMs: 1.234,
    metricLines: [],
    ...fields,
  }) as Invocation;

describe('InvocationLog', () => {
  it('gives a function its records after a sequence number, oldest first', () => {
    // Arrange
    const log = new InvocationLog(10);
    log.add('users', invocation('a'));
    log.add('rewards', invocation('b', { version: '2', metricLines: ['{"_aws":1}'] }));
    log.add('users', {
      ...invocation('c'),
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: 'late' },
      timedOut: true,
    });

    // Act
    const users = log.since('users', 0);
    const rewards = log.since('rewards', 0);
    const later = log.since('users', 1);

    // Assert
    expect(users.map((r) => [r.seq, r.error])).toEqual([
      [1, null],
      [3, 'Sandbox.Timedout'],
    ]);
    expect(rewards).toEqual([
      expect.objectContaining({
        seq: 2,
        version: '2',
        durationMs: 1.23,
        metricLines: ['{"_aws":1}'],
        functionName: 'rewards',
      }),
    ]);
    expect(later.map((r) => r.seq)).toEqual([3]);
    expect(log.lastSeq).toBe(3);
  });

  it('keeps only the last records it has room for, and stops at the limit', () => {
    // Arrange
    const log = new InvocationLog(4);
    for (let i = 1; i <= 10; i += 1) log.add('users', invocation(`r${i}`));

    // Act
    const kept = log.since('users', 0);
    const limited = log.since('users', 0, 2);

    // Assert
    expect(kept.map((r) => r.seq)).toEqual([7, 8, 9, 10]);
    expect(limited.map((r) => r.seq)).toEqual([7, 8]);
    expect(log.since('users', 10)).toEqual([]);
    expect(log.lastSeq).toBe(10);
  });
});
