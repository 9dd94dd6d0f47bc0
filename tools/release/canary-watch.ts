/**
 * The canary alarms of the local deployment controller, judged as CloudWatch would judge the
 * alarms the CDK app creates: the same thresholds (`canaryAlarmsFor`), the same period, and the
 * same data — the EMF lines the new version printed (`ServerErrors` with its `Version`
 * dimension) and Lambda's facts about each invocation of it (`Errors`, `Duration`).
 */
import { parseEmfLine } from '@peer-rewards/http-kit';
import { INVOCATIONS_PATH, type InvocationRecord } from '@peer-rewards/local-stack';
import {
  CANARY_ALARM_PERIOD_SECONDS,
  METRICS,
  type CanaryAlarmThresholds,
} from '@peer-rewards/platform-manifest';

/** What one invocation of the watched version contributed. */
export interface Datapoint {
  readonly time: number;
  readonly requests: number;
  readonly serverErrors: number;
  readonly errors: number;
  readonly durationMs: number;
}

export interface WatchTarget {
  /** The function's name in the account, the EMF `FunctionName` (`local-users-fn`). */
  readonly functionName: string;
  /** The new version: the EMF `Version` and Lambda's `ExecutedVersion`. */
  readonly version: string;
  readonly thresholds: CanaryAlarmThresholds;
  /** The p99 budget of this function, from `thresholds.p99DurationMs`. */
  readonly p99BudgetMs: number;
}

/** The datapoints of the watched version among a batch of invocation records. */
export const datapointsOf = (
  records: readonly InvocationRecord[],
  target: WatchTarget,
): Datapoint[] =>
  records
    .filter((record) => record.version === target.version)
    .map((record) => {
      let requests = 0;
      let serverErrors = 0;
      for (const line of record.metricLines) {
        const emf = parseEmfLine(line);
        const dims = emf?.dimensions;
        if (
          emf?.namespace !== METRICS.namespace ||
          dims?.[METRICS.dimensions.functionName] !== target.functionName ||
          dims[METRICS.dimensions.version] !== target.version
        ) {
          continue;
        }
        requests += emf.metrics[METRICS.requests] ?? 0;
        serverErrors += emf.metrics[METRICS.serverErrors] ?? 0;
      }
      return {
        time: record.time,
        requests,
        serverErrors,
        errors: record.error ? 1 : 0,
        durationMs: record.durationMs,
      };
    });

export interface Totals {
  readonly invocations: number;
  readonly requests: number;
  readonly serverErrors: number;
  readonly errors: number;
  /** Null without invocations. */
  readonly p99Ms: number | null;
}

export const totalsOf = (points: readonly Datapoint[]): Totals => {
  const durations = points.map((p) => p.durationMs).sort((a, b) => a - b);
  return {
    invocations: points.length,
    requests: points.reduce((sum, p) => sum + p.requests, 0),
    serverErrors: points.reduce((sum, p) => sum + p.serverErrors, 0),
    errors: points.reduce((sum, p) => sum + p.errors, 0),
    p99Ms:
      durations.length === 0
        ? null
        : durations[Math.min(durations.length - 1, Math.ceil(durations.length * 0.99) - 1)],
  };
};

export interface AlarmVerdict {
  /** The name the CDK app gives the alarm. */
  readonly alarm: string;
  readonly reason: string;
}

/**
 * The first alarm in state ALARM at `now`: each evaluates the last period (missing data does not
 * breach, as configured in the CDK app) — 5xx and errors as sums, the duration as p99.
 */
export const firedAlarm = (
  points: readonly Datapoint[],
  target: WatchTarget,
  now: number,
): AlarmVerdict | null => {
  const periodMs = CANARY_ALARM_PERIOD_SECONDS * 1000 * target.thresholds.evaluationPeriods;
  const window = totalsOf(points.filter((p) => p.time > now - periodMs));
  const prefix = `${target.functionName}-live-new-version`;
  const { serverErrorsPerMinute, errorsPerMinute } = target.thresholds;
  const period = `in the last ${CANARY_ALARM_PERIOD_SECONDS} s`;
  if (window.serverErrors >= serverErrorsPerMinute) {
    return {
      alarm: `${prefix}-5xx`,
      reason: `${window.serverErrors} 5xx answer(s) of version ${target.version} ${period} (threshold ${serverErrorsPerMinute})`,
    };
  }
  if (window.errors >= errorsPerMinute) {
    return {
      alarm: `${prefix}-errors`,
      reason: `${window.errors} invocation error(s) of version ${target.version} ${period} (threshold ${errorsPerMinute})`,
    };
  }
  if (window.p99Ms !== null && window.p99Ms > target.p99BudgetMs) {
    return {
      alarm: `${prefix}-p99-duration`,
      reason: `p99 duration of version ${target.version} ${window.p99Ms.toFixed(0)} ms ${period} (threshold ${target.p99BudgetMs} ms)`,
    };
  }
  return null;
};

/** New invocation records of a function from the control plane, after `after`. */
export const readInvocations = async (
  awsEndpoint: string,
  functionName: string,
  after: number,
): Promise<{ records: InvocationRecord[]; lastSeq: number }> => {
  const url = new URL(INVOCATIONS_PATH, awsEndpoint);
  url.searchParams.set('FunctionName', functionName);
  url.searchParams.set('After', String(after));
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`the control plane answered ${response.status} for ${url.pathname}`);
  const body = (await response.json()) as { Invocations: InvocationRecord[]; LastSeq: number };
  return { records: body.Invocations, lastSeq: body.LastSeq };
};
