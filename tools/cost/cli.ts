/**
 * `npm run cost`: the monthly AWS bill of peer-rewards for a company, from measured figures.
 *
 *   npm run cost -- [--users 100] [--rewards-per-user-month 10] [--viewers 10] [--poll-seconds 5]
 *                   [--hours-per-month 220] [--history-months 12] [--figures tools/cost/calls.json] [--json]
 *
 * Prints a table by service; with `--json` the last line is `{"monthlyUsd": n, "parts": {…}}`.
 * A bad flag is a one-line error and exit code 2.
 */
import path from 'node:path';
import { loadFigures } from './figures';
import { DEFAULT_USAGE, estimateMonthlyCost, type Estimate, type Usage } from './model';
import { PRICES } from './prices';

const REPO_ROOT = path.resolve(__dirname, '../..');
export const DEFAULT_FIGURES = path.join(REPO_ROOT, 'tools/cost/calls.json');

export interface CostArgs {
  readonly usage: Usage;
  readonly figures: string;
  readonly json: boolean;
}

const FLAGS: Record<string, keyof Usage> = {
  '--users': 'users',
  '--rewards-per-user-month': 'rewardsPerUserMonth',
  '--viewers': 'viewers',
  '--poll-seconds': 'pollSeconds',
  '--hours-per-month': 'hoursPerMonth',
  '--history-months': 'historyMonths',
};
/** Flags that must be above zero (the others may be 0). */
const POSITIVE = new Set<keyof Usage>(['pollSeconds', 'hoursPerMonth']);
const MOST = 1e9;

export const parseCostArgs = (argv: readonly string[]): CostArgs => {
  const usage: Record<keyof Usage, number> = { ...DEFAULT_USAGE };
  let figures = DEFAULT_FIGURES;
  let json = false;
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === '--json') {
      json = true;
      continue;
    }
    const value = argv[i + 1];
    if (!(flag in FLAGS) && flag !== '--figures') throw new Error(`unknown option ${flag}`);
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    i += 1;
    if (flag === '--figures') {
      figures = path.resolve(value);
      continue;
    }
    const key = FLAGS[flag];
    const n = Number(value);
    const low = POSITIVE.has(key) ? 'above 0' : '0 or more';
    if (
      !/^\d+(\.\d+)?$/.test(value) ||
      !Number.isFinite(n) ||
      n > MOST ||
      (POSITIVE.has(key) && n === 0)
    ) {
      throw new Error(`${flag} must be a number ${low} (at most ${MOST}), not "${value}"`);
    }
    usage[key] = n;
  }
  return { usage, figures, json };
};

const usd = (value: number) =>
  value >= 100
    ? `$${value.toFixed(0)}`
    : value >= 0.01
      ? `$${value.toFixed(2)}`
      : `$${value.toFixed(4)}`;
const quantity = (value: number) =>
  value >= 1000 ? Math.round(value).toLocaleString('en-US') : String(Number(value.toPrecision(3)));

export const formatEstimate = (estimate: Estimate, usage: Usage): string => {
  const rows = [
    ['service', 'item', 'quantity', 'unit', 'USD / month'],
    ...estimate.lines.map((line) => [
      line.service,
      line.item,
      quantity(line.quantity),
      line.unit,
      usd(line.usd),
    ]),
  ];
  // Names left, figures right.
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const right = new Set([2, 4]);
  const table = rows.map((row) =>
    row
      .map((cell, column) =>
        right.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd(),
  );
  const byService = Object.entries(estimate.parts)
    .map(([service, value]) => `${service} ${usd(value)}`)
    .join(', ');
  return [
    `${usage.users} people, ${usage.rewardsPerUserMonth} rewards each a month; ${usage.viewers} dashboards open ${usage.hoursPerMonth} h a month, polling every ${usage.pollSeconds} s`,
    `${quantity(estimate.volume.polls)} polls (3 requests each), ${quantity(estimate.volume.rewards)} rewards, ${quantity(estimate.volume.pageLoads)} page loads a month`,
    '',
    ...table,
    '',
    `by service: ${byService}`,
    `total: ${usd(estimate.monthlyUsd)} a month (list prices of ${PRICES.asOf}, ${PRICES.region}, no free tier)`,
  ].join('\n');
};

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

export const main = (argv: readonly string[], out: Output = console): number => {
  let args: CostArgs;
  try {
    args = parseCostArgs(argv);
  } catch (error) {
    out.error(`cost: ${(error as Error).message}`);
    return 2;
  }
  let loaded;
  try {
    loaded = loadFigures(args.figures);
  } catch (error) {
    out.error(`cost: ${(error as Error).message}`);
    return 1;
  }
  const estimate = estimateMonthlyCost(args.usage, loaded.figures, PRICES);
  if (args.json) {
    out.log(JSON.stringify({ monthlyUsd: estimate.monthlyUsd, parts: estimate.parts }));
    return 0;
  }
  out.log(
    `figures: ${path.relative(REPO_ROOT, args.figures)} (commit ${loaded.commit}, measured ${loaded.measuredAt})`,
  );
  out.log(formatEstimate(estimate, args.usage));
  return 0;
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
