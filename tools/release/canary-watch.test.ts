import type { InvocationRecord } from '@peer-rewards/local-stack';
import { canaryAlarmsFor } from '@peer-rewards/platform-manifest';
import { datapointsOf, firedAlarm, type WatchTarget } from './canary-watch';

const target: WatchTarget = {
  functionName: 'local-users-fn',
  version: '3',
  thresholds: canaryAlarmsFor('local'),
  p99BudgetMs: canaryAlarmsFor('local').p99DurationMs['users-fn'],
};

/** The EMF line the HTTP stack prints for one answer. */
const emf = (version: string, serverErrors: number, functionName = 'local-users-fn') =>
  JSON.stringify({
    _aws: {
      Timestamp: 0,
      CloudWatchMetrics: [
        {
          Namespace: 'PeerRewards',
          Dimensions: [['FunctionName'], ['FunctionName', 'Version']],
          Metrics: [
            { Name: 'Requests', Unit: 'Count' },
            { Name: 'ServerErrors', Unit: 'Count' },
          ],
        },
      ],
    },
    FunctionName: functionName,
    Version: version,
    Requests: 1,
    ServerErrors: serverErrors,
  });

let seq = 0;
const record = (fields: Partial<InvocationRecord>): InvocationRecord => ({
  seq: (seq += 1),
  time: 1_000_000,
  functionName: 'local-users-fn',
  version: '3',
  durationMs: 20,
  error: null,
  metricLines: [emf(fields.version ?? '3', 0)],
  ...fields,
});

describe('the canary alarms', () => {
  it('stay quiet while the new version answers well', () => {
    // Arrange
    const points = datapointsOf([record({}), record({}), record({ version: '2' })], target);

    // Act
    const alarm = firedAlarm(points, target, 1_000_500);

    // Assert
    expect(alarm).toBeNull();
    expect(points).toHaveLength(2);
  });

  it('fire on one handled 5xx of the new version, read from its EMF line', () => {
    // Arrange
    const points = datapointsOf([record({}), record({ metricLines: [emf('3', 1)] })], target);

    // Act
    const alarm = firedAlarm(points, target, 1_000_500);

    // Assert
    expect(alarm).toEqual({
      alarm: 'local-users-fn-live-new-version-5xx',
      reason: '1 5xx answer(s) of version 3 in the last 60 s (threshold 1)',
    });
  });

  it('ignore the 5xx of the old version and of other functions', () => {
    // Arrange: version 2 fails (it is not under test), and another function's line is no evidence.
    const points = datapointsOf(
      [
        record({ version: '2', metricLines: [emf('2', 1)] }),
        record({ metricLines: [emf('3', 1, 'local-rewards-fn')] }),
      ],
      target,
    );

    // Act
    const alarm = firedAlarm(points, target, 1_000_500);

    // Assert
    expect(alarm).toBeNull();
  });

  it('fire on an invocation error of the new version, such as a crash', () => {
    // Arrange
    const points = datapointsOf([record({ error: 'TypeError', metricLines: [] })], target);

    // Act
    const alarm = firedAlarm(points, target, 1_000_500);

    // Assert
    expect(alarm?.alarm).toBe('local-users-fn-live-new-version-errors');
  });

  it('fire when the p99 duration of the new version is over its budget', () => {
    // Arrange: the budget of users-fn in a canary is 30 % of its 10 s timeout.
    const points = datapointsOf([record({ durationMs: 3500 })], target);

    // Act
    const alarm = firedAlarm(points, target, 1_000_500);

    // Assert
    expect(target.p99BudgetMs).toBe(3000);
    expect(alarm).toEqual({
      alarm: 'local-users-fn-live-new-version-p99-duration',
      reason: 'p99 duration of version 3 3500 ms in the last 60 s (threshold 3000 ms)',
    });
  });

  it('forget what is older than the alarm period', () => {
    // Arrange
    const points = datapointsOf([record({ error: 'TypeError', time: 1_000_000 })], target);

    // Act
    const alarm = firedAlarm(points, target, 1_000_000 + 61_000);

    // Assert
    expect(alarm).toBeNull();
  });
});
