/**
 * The thresholds of the alarms a deployment of a new version watches. The CDK app builds its
 * CloudWatch alarms from these numbers and the local deployment controller (`release deploy
 * --stage local`) evaluates the same ones, so a release the canary would roll back in AWS is
 * rolled back locally too.
 */
import { FUNCTIONS, type FunctionName, type FunctionSpec } from './index';

/** The period every canary alarm evaluates, in seconds. */
export const CANARY_ALARM_PERIOD_SECONDS = 60;

export interface CanaryAlarmThresholds {
  /**
   * Handled 5xx answers of the new version per period (the `ServerErrors` metric the HTTP stack
   * prints as EMF) that fail a deployment.
   */
  readonly serverErrorsPerMinute: number;
  /** Lambda `Errors` (crashes: init failures, timeouts, out of memory) of the new version per period. */
  readonly errorsPerMinute: number;
  /** p99 duration of the new version (ms) that fails a deployment, per function. */
  readonly p99DurationMs: Readonly<Record<FunctionName, number>>;
  /** Consecutive periods over a threshold before the alarm fires. */
  readonly evaluationPeriods: number;
}

/** p99 budget: a share of each function's timeout, so a slow release is caught before it times out. */
const p99FromTimeouts = (share: number): Record<FunctionName, number> =>
  Object.fromEntries(
    FUNCTIONS.map((fn: FunctionSpec) => [fn.name, Math.round(fn.timeoutSeconds * 1000 * share)]),
  ) as Record<FunctionName, number>;

const thresholds = (p99ShareOfTimeout: number): CanaryAlarmThresholds => ({
  // One handled 5xx or one crash of the new version is already evidence against it.
  serverErrorsPerMinute: 1,
  errorsPerMinute: 1,
  p99DurationMs: p99FromTimeouts(p99ShareOfTimeout),
  evaluationPeriods: 1,
});

/** The share of each function's timeout the p99 of a new version may reach, per stage. */
const P99_SHARE_OF_TIMEOUT = { dev: 0.5, prod: 0.3, local: 0.3 } as const;

export type CanaryStage = keyof typeof P99_SHARE_OF_TIMEOUT;

/**
 * The thresholds of a stage: dev deploys all at once with a looser p99 budget (half the
 * timeout); prod's canary allows 30 % of the timeout; `local` rehearses prod's canary, so it
 * watches prod's numbers. (A function, not a constant: the manifest's functions are read when
 * it is called, never while the modules of this lib are still loading.)
 */
export const canaryAlarmsFor = (stage: CanaryStage): CanaryAlarmThresholds =>
  thresholds(P99_SHARE_OF_TIMEOUT[stage]);
