import { roundLine, summarize, summaryLines } from './floor-report';

const sample = (
  requestsPerSecond: number,
  p99Ms: number,
  cpuMicrosPerRequest: number | null = null,
) => ({
  requestsPerSecond,
  p99Ms,
  cpuMicrosPerRequest,
});

describe('summarize', () => {
  it('takes each side’s median and the median of the rounds’ ratios', () => {
    // Act
    const summary = summarize([
      { floor: sample(10_000, 3), stack: sample(6_000, 5) },
      { floor: sample(8_000, 4), stack: sample(6_400, 6) },
      { floor: sample(9_000, 9), stack: sample(6_300, 7) },
    ]);
    // Assert
    expect(summary).toEqual({
      floorRequestsPerSecond: 9_000,
      stackRequestsPerSecond: 6_300,
      ratio: 0.7,
      rounds: [
        { floor: 10_000, stack: 6_000, ratio: 0.6 },
        { floor: 8_000, stack: 6_400, ratio: 0.8 },
        { floor: 9_000, stack: 6_300, ratio: 0.7 },
      ],
    });
  });

  it('adds serverless-offline’s median, the ratio to it and the p99s when it ran', () => {
    // Act
    const summary = summarize([
      { floor: sample(10_000, 3), stack: sample(6_000, 5), offline: sample(2_000, 20) },
      { floor: sample(8_000, 4), stack: sample(6_400, 6), offline: sample(3_200, 14) },
    ]);
    // Assert
    expect(summary).toMatchObject({
      offlineRequestsPerSecond: 2_600,
      ratioToOffline: 2.5,
      p99Ms: { floor: 3.5, stack: 5.5, offline: 17 },
    });
    expect(summaryLines(summary)).toEqual(
      expect.arrayContaining([
        'serverless-offline (in-process)      2600 req/s (median)',
        "ratio local stack / offline          2.50 (median of the rounds' ratios)",
      ]),
    );
  });

  it('adds the CPU per request of both servers and their ratio when every round measured it', () => {
    // Act
    const summary = summarize([
      { floor: sample(10_000, 3, 80), stack: sample(6_000, 5, 100) },
      { floor: sample(8_000, 4, 90), stack: sample(6_400, 6, 150) },
      { floor: sample(9_000, 9, 70), stack: sample(6_300, 7, 100) },
    ]);
    const partly = summarize([
      { floor: sample(10_000, 3, 80), stack: sample(6_000, 5, 100) },
      { floor: sample(8_000, 4), stack: sample(6_400, 6, 150) },
    ]);
    // Assert
    expect(summary).toMatchObject({
      cpuMicrosPerRequest: { floor: 80, stack: 100 },
      cpuRatio: 0.7,
    });
    expect(summaryLines(summary)).toEqual(
      expect.arrayContaining([
        'CPU per request (median)             floor 80 µs, local stack 100 µs',
      ]),
    );
    expect(partly).not.toHaveProperty('cpuRatio');
    expect(roundLine(1, { floor: sample(10_000, 3, 80.4), stack: sample(6_000, 5, 99.6) })).toBe(
      'round 1: floor 10000 req/s (p99 3 ms), local stack 6000 req/s (p99 5 ms), ratio 0.60, CPU per request floor 80 µs, local stack 100 µs',
    );
  });

  it('prints each round with every side that ran in it', () => {
    // Act
    const line = roundLine(2, {
      floor: sample(10_000.4, 3),
      stack: sample(6_000, 5),
      offline: sample(2_000, 20),
    });
    // Assert
    expect(line).toBe(
      'round 2: floor 10000 req/s (p99 3 ms), local stack 6000 req/s (p99 5 ms), ratio 0.60, serverless-offline 2000 req/s (p99 20 ms), local stack / serverless-offline 3.00',
    );
  });
});
