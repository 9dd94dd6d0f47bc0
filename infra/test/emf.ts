/**
 * Reading CloudWatch Embedded Metric Format documents the way CloudWatch does, to tell whether a
 * printed line moves a given alarm: same namespace and metric, and a dimension set of the line
 * whose names and values are exactly the alarm's dimensions.
 */
export interface EmfDocument {
  readonly _aws: {
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

export interface AlarmMetric {
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Dimensions: readonly { readonly Name: string; readonly Value: string }[];
}

/** The EMF documents among printed lines (others, such as plain logs, are skipped). */
export const emfDocumentsIn = (output: string): EmfDocument[] =>
  output
    .split('\n')
    .filter((line) => line.trim().startsWith('{') && line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfDocument);

/** The value `document` adds to the alarm's metric, or undefined when it does not reach it. */
export const valueForAlarm = (document: EmfDocument, alarm: AlarmMetric): number | undefined => {
  const wanted = [...alarm.Dimensions].map((d) => d.Name).sort();
  for (const directive of document._aws.CloudWatchMetrics) {
    if (directive.Namespace !== alarm.Namespace) continue;
    if (!directive.Metrics.some((metric) => metric.Name === alarm.MetricName)) continue;
    const set = directive.Dimensions.find(
      (names) => JSON.stringify([...names].sort()) === JSON.stringify(wanted),
    );
    if (!set) continue;
    if (alarm.Dimensions.every((d) => String(document[d.Name]) === d.Value)) {
      const value = document[alarm.MetricName];
      return typeof value === 'number' ? value : undefined;
    }
  }
  return undefined;
};
