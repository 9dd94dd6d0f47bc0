/**
 * The metric contract between the functions and the delivery alarms. The HTTP stack prints these
 * as CloudWatch Embedded Metric Format on stdout; the CDK app (and the local deployment
 * controller) watch exactly these names, so a handled 5xx of a new version moves its alarm.
 */
export const METRICS = {
  /** CloudWatch namespace of every application metric. */
  namespace: 'PeerRewards',
  /** Count of HTTP requests a function answered. */
  requests: 'Requests',
  /** Count of answers with a status of 500 or more (handled errors never reach Lambda's `Errors`). */
  serverErrors: 'ServerErrors',
  /** Dimension names, in the order each dimension set lists them. */
  dimensions: {
    functionName: 'FunctionName',
    /** `context.functionVersion` of the executing version, e.g. `"7"` (or `$LATEST`). */
    version: 'Version',
  },
} as const;

/**
 * The dimension sets every metric is emitted under: per function (the whole alias) and per function
 * and executing version (what a canary alarm of the new version watches).
 */
export const METRIC_DIMENSION_SETS: readonly (readonly string[])[] = [
  [METRICS.dimensions.functionName],
  [METRICS.dimensions.functionName, METRICS.dimensions.version],
];
