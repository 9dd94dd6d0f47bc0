/**
 * CloudWatch Embedded Metric Format: one JSON object per stdout line that CloudWatch Logs turns
 * into metrics, with no API call and no agent.
 */

export interface EmfMetric {
  readonly name: string;
  readonly value: number;
  readonly unit?: string;
}

export interface EmfRecordInput {
  readonly namespace: string;
  /** Each set is a list of dimension names the metrics are aggregated by. */
  readonly dimensionSets: readonly (readonly string[])[];
  readonly dimensions: Readonly<Record<string, string>>;
  readonly metrics: readonly EmfMetric[];
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
}

/** One EMF line (without the newline). */
export const formatEmfLine = (record: EmfRecordInput): string =>
  JSON.stringify({
    _aws: {
      Timestamp: record.timestamp,
      CloudWatchMetrics: [
        {
          Namespace: record.namespace,
          Dimensions: record.dimensionSets,
          Metrics: record.metrics.map(({ name, unit }) => ({ Name: name, Unit: unit ?? 'Count' })),
        },
      ],
    },
    ...record.dimensions,
    ...Object.fromEntries(record.metrics.map(({ name, value }) => [name, value])),
  });

export interface EmfRecord {
  readonly timestamp: number;
  readonly namespace: string;
  readonly dimensionSets: readonly (readonly string[])[];
  /** Value of every dimension a set names. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** Value of every metric the directive declares. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly units: Readonly<Record<string, string>>;
}

interface Directive {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: unknown;
}

const invalid = (why: string): never => {
  throw new Error(`Not a valid EMF line: ${why}.`);
};

/**
 * Reads one stdout line: `undefined` for a line that is no EMF record (a log line), the
 * record's namespace, dimensions and metric values for one, and an error for an EMF record
 * CloudWatch would reject (so a broken metric line fails a test instead of vanishing).
 */
export const parseEmfLine = (line: string): EmfRecord | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('_aws' in parsed)) return undefined;
  const root = parsed as Record<string, unknown> & {
    _aws: { Timestamp?: unknown; CloudWatchMetrics?: unknown };
  };
  const { Timestamp, CloudWatchMetrics } = root._aws ?? {};
  if (typeof Timestamp !== 'number') invalid('_aws.Timestamp is not a number');
  if (!Array.isArray(CloudWatchMetrics) || CloudWatchMetrics.length !== 1)
    invalid('_aws.CloudWatchMetrics must hold one directive');
  const directive = (CloudWatchMetrics as Directive[])[0];
  if (typeof directive.Namespace !== 'string') invalid('the directive has no Namespace');
  const sets = directive.Dimensions;
  if (!Array.isArray(sets) || !sets.every((set) => Array.isArray(set)))
    invalid('Dimensions must be a list of lists of names');
  if (!Array.isArray(directive.Metrics)) invalid('the directive has no Metrics');
  const dimensionSets = sets as string[][];
  const dimensions: Record<string, string> = {};
  for (const name of new Set(dimensionSets.flat())) {
    const value = root[name];
    if (typeof value !== 'string') invalid(`dimension ${name} has no string value`);
    dimensions[name] = value as string;
  }
  const metrics: Record<string, number> = {};
  const units: Record<string, string> = {};
  for (const definition of directive.Metrics as Array<{ Name?: unknown; Unit?: unknown }>) {
    const name = definition.Name;
    if (typeof name !== 'string') invalid('a metric has no Name');
    const value = root[name as string];
    if (typeof value !== 'number') invalid(`metric ${String(name)} has no numeric value`);
    metrics[name as string] = value as number;
    units[name as string] = typeof definition.Unit === 'string' ? definition.Unit : 'None';
  }
  return {
    timestamp: Timestamp as number,
    namespace: directive.Namespace as string,
    dimensionSets,
    dimensions,
    metrics,
    units,
  };
};
