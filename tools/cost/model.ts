/**
 * The monthly bill of peer-rewards from the project's own measured figures: DynamoDB units,
 * function durations, answer and log bytes per request (`npm run bench:calls`), memory from the
 * platform manifest, and list prices (`prices.ts`). Pure: no I/O, so it is tested as numbers.
 */
import type { Prices } from './prices';

/** Who uses the service, and how. */
export interface Usage {
  /** People in the company (givers and receivers). */
  readonly users: number;
  /** Rewards each person gives in a month. */
  readonly rewardsPerUserMonth: number;
  /** Dashboards open at the same time while the office is open (team screens, tabs). */
  readonly viewers: number;
  /** Seconds between two polls of an open dashboard. */
  readonly pollSeconds: number;
  /** Hours a month the dashboards are open (10 h × 22 working days by default). */
  readonly hoursPerMonth: number;
  /** Months of rewards kept in the table. */
  readonly historyMonths: number;
}

export const DEFAULT_USAGE: Usage = {
  users: 100,
  rewardsPerUserMonth: 10,
  viewers: 10,
  pollSeconds: 5,
  hoursPerMonth: 220,
  historyMonths: 12,
};

/** What one request costs, as `bench:calls` measured it. */
export interface RequestCost {
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly durationMs: number;
  readonly responseBytes: number;
  readonly logBytes: number;
  /** Memory of the function that serves it (platform manifest). */
  readonly memoryMb: number;
}

/** The requests the model counts. `*Unchanged`: the poll's answer when nothing changed. */
export interface CostFigures {
  readonly leaderboard: RequestCost;
  readonly leaderboardUnchanged: RequestCost;
  readonly feed: RequestCost;
  readonly feedUnchanged: RequestCost;
  readonly ownProfile: RequestCost;
  readonly ownProfileUnchanged: RequestCost;
  readonly giveReward: RequestCost;
  /** Bytes a page load fetches from CloudFront. */
  readonly dashboardBytes: number;
}

export type Service =
  'lambda' | 'apiGateway' | 'dynamodb' | 'cloudwatchLogs' | 'cloudfront' | 'dataTransfer';

export interface CostLine {
  readonly service: Service;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
}

export interface Estimate {
  readonly monthlyUsd: number;
  readonly parts: Readonly<Record<Service, number>>;
  readonly lines: readonly CostLine[];
  /** Requests a month by kind, for the table's header. */
  readonly volume: { readonly polls: number; readonly rewards: number; readonly pageLoads: number };
}

/** Bytes a reward takes in the table with its three feed indexes (400 B item + 100 B overhead, × 4). */
export const STORED_BYTES_PER_REWARD = 2_000;
/** Files of a page load (HTML, script, style sheet), once per viewer and working day. */
const FILES_PER_PAGE_LOAD = 3;
const HOURS_PER_DAY = 10;
const GB = 1024 ** 3;

/** Lambda bills each invocation's duration rounded up to the millisecond. */
const gbSeconds = (cost: RequestCost) =>
  (Math.ceil(cost.durationMs) / 1000) * (cost.memoryMb / 1024);

export const estimateMonthlyCost = (
  usage: Usage,
  figures: CostFigures,
  prices: Prices,
): Estimate => {
  const openSeconds = usage.hoursPerMonth * 3600;
  const polls = (usage.viewers * openSeconds) / usage.pollSeconds;
  const rewards = usage.users * usage.rewardsPerUserMonth;
  const pageLoads = (usage.viewers * usage.hoursPerMonth) / HOURS_PER_DAY;
  // A poll sees a change when a reward came in since the last one (rewards are given while
  // the office is open); otherwise it is answered 304 without a body.
  const changed = Math.min(1, (rewards / openSeconds) * usage.pollSeconds);
  const requests: Array<[RequestCost, number]> = [
    [figures.leaderboard, polls * changed],
    [figures.leaderboardUnchanged, polls * (1 - changed)],
    [figures.feed, polls * changed],
    [figures.feedUnchanged, polls * (1 - changed)],
    [figures.ownProfile, polls * changed],
    [figures.ownProfileUnchanged, polls * (1 - changed)],
    [figures.giveReward, rewards],
  ];
  const sum = (of: (cost: RequestCost) => number) =>
    requests.reduce((total, [cost, count]) => total + of(cost) * count, 0);
  const invocations = sum(() => 1);
  const storedGb = (rewards * usage.historyMonths * STORED_BYTES_PER_REWARD) / GB;
  const cloudfrontGb = (pageLoads * figures.dashboardBytes) / GB;
  const line = (
    service: Service,
    item: string,
    quantity: number,
    unit: string,
    price: number,
  ): CostLine => ({ service, item, quantity, unit, usd: quantity * price });
  const lines: CostLine[] = [
    line('lambda', 'compute (arm64)', sum(gbSeconds), 'GB-s', prices.lambdaGbSecond),
    line('lambda', 'requests', invocations, 'requests', prices.lambdaRequest),
    line('apiGateway', 'HTTP API requests', invocations, 'requests', prices.httpApiRequest),
    line(
      'dynamodb',
      'reads (on-demand)',
      sum((c) => c.readUnits),
      'RRU',
      prices.dynamodbReadUnit,
    ),
    line(
      'dynamodb',
      'writes (on-demand)',
      sum((c) => c.writeUnits),
      'WRU',
      prices.dynamodbWriteUnit,
    ),
    line('dynamodb', 'storage', storedGb, 'GB-month', prices.dynamodbStorageGbMonth),
    line('cloudwatchLogs', 'ingestion', sum((c) => c.logBytes) / GB, 'GB', prices.logsIngestionGb),
    line('cloudfront', 'dashboard bytes', cloudfrontGb, 'GB', prices.cloudfrontGb),
    line(
      'cloudfront',
      'dashboard requests',
      pageLoads * FILES_PER_PAGE_LOAD,
      'requests',
      prices.cloudfrontHttpsPer10k / 10_000,
    ),
    line(
      'dataTransfer',
      'API answers out',
      sum((c) => c.responseBytes) / GB,
      'GB',
      prices.dataTransferOutGb,
    ),
  ];
  const parts = {
    lambda: 0,
    apiGateway: 0,
    dynamodb: 0,
    cloudwatchLogs: 0,
    cloudfront: 0,
    dataTransfer: 0,
  } satisfies Record<Service, number>;
  for (const entry of lines) parts[entry.service] += entry.usd;
  const cents = (usd: number) => Math.round(usd * 100) / 100;
  const fine = (usd: number) => Math.round(usd * 10_000) / 10_000;
  const rounded = Object.fromEntries(
    Object.entries(parts).map(([service, usd]) => [service, fine(usd)]),
  ) as Record<Service, number>;
  return {
    monthlyUsd: cents(lines.reduce((total, entry) => total + entry.usd, 0)),
    parts: rounded,
    lines,
    volume: { polls, rewards, pageLoads },
  };
};
