/** The figures of `npm run bench:floor` (`floor.ts`): per round, and the medians of the run. */

/** One side's autocannon figures in one round. */
export interface Sample {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  /** CPU its server process spent per request (user + system); null where not measured. */
  readonly cpuMicrosPerRequest: number | null;
}

/** One round: the floor, then the local stack, then serverless-offline when it runs. */
export interface RoundSamples {
  readonly floor: Sample;
  readonly stack: Sample;
  readonly offline?: Sample;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const hundredths = (value: number) => Math.round(value * 100) / 100;

/** The rounds' CPU per request of the floor and the stack, when every round measured both. */
const cpuOf = (samples: readonly RoundSamples[]) => {
  const pairs = samples.flatMap(({ floor, stack }) =>
    floor.cpuMicrosPerRequest !== null && stack.cpuMicrosPerRequest !== null
      ? [{ floor: floor.cpuMicrosPerRequest, stack: stack.cpuMicrosPerRequest }]
      : [],
  );
  if (pairs.length === 0 || pairs.length !== samples.length) return {};
  return {
    cpuMicrosPerRequest: {
      floor: Math.round(median(pairs.map((p) => p.floor))),
      stack: Math.round(median(pairs.map((p) => p.stack))),
    },
    cpuRatio: hundredths(median(pairs.map((p) => p.floor / p.stack))),
  };
};
const perSecond = (sample: Sample) => Math.round(sample.requestsPerSecond);

/**
 * The run's figures: each side's median requests per second and the median of the rounds'
 * ratios (local stack / floor; local stack / serverless-offline when that side ran in every
 * round, with the p99 latencies).
 */
export const summarize = (samples: readonly RoundSamples[]) => {
  const rounds = samples.map(({ floor, stack, offline }) => ({
    floor: perSecond(floor),
    stack: perSecond(stack),
    ratio: stack.requestsPerSecond / floor.requestsPerSecond,
    ...(offline && {
      offline: perSecond(offline),
      ratioToOffline: stack.requestsPerSecond / offline.requestsPerSecond,
      p99Ms: { floor: floor.p99Ms, stack: stack.p99Ms, offline: offline.p99Ms },
    }),
  }));
  const summary = {
    floorRequestsPerSecond: median(rounds.map((r) => r.floor)),
    stackRequestsPerSecond: median(rounds.map((r) => r.stack)),
    ratio: hundredths(median(rounds.map((r) => r.ratio))),
    ...cpuOf(samples),
  };
  const withOffline = samples.flatMap(({ floor, stack, offline }) =>
    offline ? [{ floor, stack, offline }] : [],
  );
  if (withOffline.length === 0 || withOffline.length !== samples.length)
    return { ...summary, rounds };
  return {
    ...summary,
    offlineRequestsPerSecond: median(withOffline.map((r) => perSecond(r.offline))),
    ratioToOffline: hundredths(
      median(withOffline.map((r) => r.stack.requestsPerSecond / r.offline.requestsPerSecond)),
    ),
    p99Ms: {
      floor: median(withOffline.map((r) => r.floor.p99Ms)),
      stack: median(withOffline.map((r) => r.stack.p99Ms)),
      offline: median(withOffline.map((r) => r.offline.p99Ms)),
    },
    rounds,
  };
};

export type FloorSummary = ReturnType<typeof summarize>;

/** The line printed after each round. */
export const roundLine = (round: number, { floor, stack, offline }: RoundSamples): string =>
  [
    `round ${round}: floor ${perSecond(floor)} req/s (p99 ${floor.p99Ms} ms)`,
    `local stack ${perSecond(stack)} req/s (p99 ${stack.p99Ms} ms)`,
    `ratio ${(stack.requestsPerSecond / floor.requestsPerSecond).toFixed(2)}`,
    ...(floor.cpuMicrosPerRequest !== null && stack.cpuMicrosPerRequest !== null
      ? [
          `CPU per request floor ${Math.round(floor.cpuMicrosPerRequest)} µs, local stack ${Math.round(stack.cpuMicrosPerRequest)} µs`,
        ]
      : []),
    ...(offline
      ? [
          `serverless-offline ${perSecond(offline)} req/s (p99 ${offline.p99Ms} ms)`,
          `local stack / serverless-offline ${(stack.requestsPerSecond / offline.requestsPerSecond).toFixed(2)}`,
        ]
      : []),
  ].join(', ');

/** The lines printed at the end of the run. */
export const summaryLines = (summary: FloorSummary): string[] => [
  `floor (bare node:http, same bundle)  ${summary.floorRequestsPerSecond} req/s (median)`,
  `local stack                          ${summary.stackRequestsPerSecond} req/s (median)`,
  ...('offlineRequestsPerSecond' in summary
    ? [
        `serverless-offline (in-process)      ${summary.offlineRequestsPerSecond} req/s (median)`,
        `p99 ms (median)                      floor ${summary.p99Ms.floor}, local stack ${summary.p99Ms.stack}, serverless-offline ${summary.p99Ms.offline}`,
      ]
    : []),
  `ratio local stack / floor            ${summary.ratio.toFixed(2)} (median of the rounds' ratios; goal ≥ 0.80)`,
  ...('cpuRatio' in summary && summary.cpuMicrosPerRequest
    ? [
        `CPU per request (median)             floor ${summary.cpuMicrosPerRequest.floor} µs, local stack ${summary.cpuMicrosPerRequest.stack} µs`,
        `ratio of CPU per request floor/stack ${summary.cpuRatio?.toFixed(2)} (median of the rounds' ratios; the same goal, less moved by neighbours)`,
      ]
    : []),
  ...('ratioToOffline' in summary
    ? [
        `ratio local stack / offline          ${summary.ratioToOffline.toFixed(2)} (median of the rounds' ratios)`,
      ]
    : []),
];
