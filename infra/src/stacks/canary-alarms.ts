/**
 * The alarms a CodeDeploy deployment of one function watches. Each watches the NEW version only:
 * every deploy of changed code synthesizes a new `AWS::Lambda::Version`, and the alarms take its
 * number (`Fn::GetAtt Version.Version`) as a dimension, so the same stack update that publishes
 * the version points the alarms at it before the alias update starts the deployment. The old
 * version's answers during the canary cannot fire them, and neither can the new version's be
 * hidden among the old one's.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IAlarm,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IVersion } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import {
  CANARY_ALARM_PERIOD_SECONDS,
  METRICS,
  type FunctionSpec,
} from '@peer-rewards/platform-manifest';
import type { StageConfig } from '../config/stages';

export interface CanaryAlarmProps {
  readonly config: StageConfig;
  readonly spec: FunctionSpec;
  /** The deployed function's physical name (`<stage>-<fn>`). */
  readonly functionName: string;
  /** The alias CodeDeploy shifts (`live`). */
  readonly aliasName: string;
  /** The version this stack update publishes: the one the deployment moves the alias to. */
  readonly version: IVersion;
}

const PERIOD = Duration.seconds(CANARY_ALARM_PERIOD_SECONDS);

/**
 * Handled 5xx answers of the new version, from the EMF line the HTTP stack prints on every
 * answer: namespace `METRICS.namespace`, dimensions FunctionName = the physical name and
 * Version = `context.functionVersion` (the executing version's number).
 */
export const serverErrorsMetric = (functionName: string, version: string): Metric =>
  new Metric({
    namespace: METRICS.namespace,
    metricName: METRICS.serverErrors,
    dimensionsMap: {
      [METRICS.dimensions.functionName]: functionName,
      [METRICS.dimensions.version]: version,
    },
    statistic: 'Sum',
    period: PERIOD,
  });

/**
 * Lambda's own metric of the new version as invoked through the alias: `ExecutedVersion` is the
 * version that ran, `Resource` the alias it was invoked by.
 */
const lambdaMetric = (props: CanaryAlarmProps, metricName: string, statistic: string): Metric =>
  new Metric({
    namespace: 'AWS/Lambda',
    metricName,
    dimensionsMap: {
      FunctionName: props.functionName,
      Resource: `${props.functionName}:${props.aliasName}`,
      ExecutedVersion: props.version.version,
    },
    statistic,
    period: PERIOD,
  });

/** 5xx answers (HTTP functions), crashes and p99 duration of the new version. */
export const canaryAlarms = (scope: Construct, props: CanaryAlarmProps): IAlarm[] => {
  const { config, spec, functionName, aliasName } = props;
  const prefix = `${functionName}-${aliasName}`;
  const common = {
    evaluationPeriods: config.alarms.evaluationPeriods,
    // No traffic in a minute is no evidence against the version.
    treatMissingData: TreatMissingData.NOT_BREACHING,
  };
  const alarms: IAlarm[] = [];
  if (spec.kind === 'http') {
    alarms.push(
      new Alarm(scope, 'NewVersionServerErrorsAlarm', {
        ...common,
        alarmName: `${prefix}-new-version-5xx`,
        alarmDescription: `Handled 5xx answers of the version ${functionName}:${aliasName} is moving to; rolls the deployment back`,
        metric: serverErrorsMetric(functionName, props.version.version),
        threshold: config.alarms.serverErrorsPerMinute,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      }),
    );
  }
  alarms.push(
    new Alarm(scope, 'NewVersionErrorsAlarm', {
      ...common,
      alarmName: `${prefix}-new-version-errors`,
      alarmDescription: `Lambda Errors (crashes, timeouts) of the new version behind ${functionName}:${aliasName}; rolls the deployment back`,
      metric: lambdaMetric(props, 'Errors', 'Sum'),
      threshold: config.alarms.errorsPerMinute,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    }),
    new Alarm(scope, 'NewVersionP99DurationAlarm', {
      ...common,
      alarmName: `${prefix}-new-version-p99-duration`,
      alarmDescription: `p99 duration of the new version behind ${functionName}:${aliasName}; rolls the deployment back`,
      metric: lambdaMetric(props, 'Duration', 'p99'),
      threshold: config.alarms.p99DurationMs[spec.name],
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    }),
  );
  return alarms;
};
