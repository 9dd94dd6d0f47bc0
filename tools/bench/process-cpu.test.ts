import { cpuMicrosPerRequest, cpuMillisOf } from './process-cpu';

describe('cpuMillisOf', () => {
  const onLinux = process.platform === 'linux';

  it('reads a process’s CPU time, which grows with the work it does', () => {
    // Arrange
    const before = cpuMillisOf(process.pid);
    const started = process.cpuUsage();

    // Act: burn at least 300 ms of CPU (the kernel counts in 10 ms ticks).
    let spin = 0;
    while (process.cpuUsage(started).user < 300_000) spin += Math.sqrt(spin + 1);
    const after = cpuMillisOf(process.pid);

    // Assert
    if (!onLinux) {
      expect(after).toBeNull();
      return;
    }
    expect(spin).toBeGreaterThan(0);
    expect((after ?? 0) - (before ?? Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(200);
  });

  it('is null for a process that does not exist', () => {
    expect(cpuMillisOf(2 ** 22 + 12_345)).toBeNull();
  });
});

describe('cpuMicrosPerRequest', () => {
  it('divides the CPU used by the requests served', () => {
    expect(cpuMicrosPerRequest(1_000, 1_500, 10_000)).toBe(50);
  });

  it('is null without both readings or without requests', () => {
    expect(cpuMicrosPerRequest(null, 1_500, 10)).toBeNull();
    expect(cpuMicrosPerRequest(1_000, null, 10)).toBeNull();
    expect(cpuMicrosPerRequest(1_000, 1_200, 0)).toBeNull();
  });
});
