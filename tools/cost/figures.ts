/**
 * The model's figures from a `bench:calls` JSON file (`tools/cost/calls.json`, refreshed with
 * `npm run bench:calls -- --json tools/cost/calls.json`) and function memory from the manifest.
 */
import { readFileSync } from 'node:fs';
import { findFunction, type FunctionName } from '@peer-rewards/platform-manifest';
import type { CostFigures, RequestCost } from './model';

/** One request of a `bench:calls` file (the fields the model reads). */
interface MeasuredRequest {
  readonly name: string;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly durationMs: number;
  readonly responseBytes: number;
  readonly logBytes?: number;
}

interface MeasuredFile {
  readonly measuredAt: string;
  readonly commit: string;
  readonly dashboardBytes?: number;
  readonly requests: readonly MeasuredRequest[];
}

/** Log bytes of an invocation when a file predates their measurement: what every route writes (START/END/REPORT, access log, metric line). */
const LOG_BYTES_UNMEASURED = 860;
/** The dashboard's bytes when a file predates their measurement (the build of 2026-12-01). */
const DASHBOARD_BYTES_UNMEASURED = 61_711;

export interface LoadedFigures {
  readonly figures: CostFigures;
  readonly measuredAt: string;
  readonly commit: string;
}

const memoryOf = (name: FunctionName): number => {
  const spec = findFunction(name);
  if (!spec) throw new Error(`${name} is not in the platform manifest.`);
  return spec.memoryMb;
};

/** The model's figures from the parsed JSON of a `bench:calls` run. */
export const figuresFrom = (file: MeasuredFile): LoadedFigures => {
  const measured = (name: string, fn: FunctionName, fallback?: string): RequestCost => {
    const found =
      file.requests.find((request) => request.name === name) ??
      (fallback ? file.requests.find((request) => request.name === fallback) : undefined);
    if (!found) throw new Error(`the figures have no "${name}" request.`);
    return {
      readUnits: found.readUnits,
      writeUnits: found.writeUnits,
      durationMs: found.durationMs,
      responseBytes: found.responseBytes,
      logBytes: found.logBytes ?? LOG_BYTES_UNMEASURED,
      memoryMb: memoryOf(fn),
    };
  };
  // A file without `… unchanged` requests was measured before polls were revalidated: every
  // poll then cost a full answer.
  return {
    measuredAt: file.measuredAt,
    commit: file.commit,
    figures: {
      leaderboard: measured('leaderboard week 10', 'rewards-fn'),
      leaderboardUnchanged: measured(
        'leaderboard week 10 unchanged',
        'rewards-fn',
        'leaderboard week 10',
      ),
      feed: measured('feed', 'rewards-fn'),
      feedUnchanged: measured('feed unchanged', 'rewards-fn', 'feed'),
      ownProfile: measured('own profile', 'users-fn'),
      ownProfileUnchanged: measured('own profile unchanged', 'users-fn', 'own profile'),
      giveReward: measured('give reward', 'rewards-fn'),
      dashboardBytes: file.dashboardBytes ?? DASHBOARD_BYTES_UNMEASURED,
    },
  };
};

export const loadFigures = (file: string): LoadedFigures => {
  let parsed: MeasuredFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as MeasuredFile;
  } catch (error) {
    throw new Error(`cannot read the figures in ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed?.requests)) throw new Error(`${file} is not a bench:calls file.`);
  return figuresFrom(parsed);
};
