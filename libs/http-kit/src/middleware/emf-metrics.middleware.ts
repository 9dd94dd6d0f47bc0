import type middy from '@middy/core';
import { METRIC_DIMENSION_SETS, METRICS } from '@peer-rewards/platform-manifest';
import { formatEmfLine } from '../emf';

export interface EmfMetricsOptions {
  /** Where the line goes; stdout, which CloudWatch Logs reads for EMF. */
  readonly write: (line: string) => void;
  /** Clock of `_aws.Timestamp`, in milliseconds. */
  readonly now: () => number;
}

const defaults: EmfMetricsOptions = {
  write: (line) => process.stdout.write(`${line}\n`),
  now: () => Date.now(),
};

type Request = middy.Request<unknown, unknown>;

/** The status an answer carries; a result without one (a scheduled run) succeeded. */
const statusOf = (request: Request, failed: boolean): number => {
  const status = (request.response as { statusCode?: unknown } | null | undefined)?.statusCode;
  if (typeof status === 'number') return status;
  // No answer after the error handlers ran: the invocation fails, which API Gateway shows as 5xx.
  return failed ? 500 : 200;
};

/**
 * The metric contract on every answer, as one CloudWatch Embedded Metric Format line:
 * `Requests` 1 and `ServerErrors` 1 for a status of 500 or more, per `FunctionName` and per
 * `FunctionName` + `Version` (the executing version). Handled 500/503s never reach Lambda's
 * `Errors` metric, so this is what a canary alarm of a new version watches. Use it first, so its
 * `after`/`onError` run last and see the final status (errors mapped, timeouts included).
 */
export const emfMetrics = (opts: Partial<EmfMetricsOptions> = {}): middy.MiddlewareObj => {
  const options = { ...defaults, ...opts };

  const emit = (request: Request, failed: boolean) => {
    const status = statusOf(request, failed);
    options.write(
      formatEmfLine({
        namespace: METRICS.namespace,
        dimensionSets: METRIC_DIMENSION_SETS,
        dimensions: {
          // A context without them (a hand-made one) would make CloudWatch drop the line.
          [METRICS.dimensions.functionName]: request.context.functionName ?? 'unknown',
          [METRICS.dimensions.version]: request.context.functionVersion ?? '$LATEST',
        },
        metrics: [
          { name: METRICS.requests, value: 1, unit: 'Count' },
          { name: METRICS.serverErrors, value: status >= 500 ? 1 : 0, unit: 'Count' },
        ],
        timestamp: options.now(),
      }),
    );
  };

  return {
    after: (request) => emit(request, false),
    onError: (request) => emit(request, true),
  };
};
