import { formatEmfLine, parseEmfLine } from './emf';

const record = {
  namespace: 'PeerRewards',
  dimensionSets: [['FunctionName'], ['FunctionName', 'Version']],
  dimensions: { FunctionName: 'users-fn', Version: '12' },
  metrics: [
    { name: 'Requests', value: 1 },
    { name: 'ServerErrors', value: 0, unit: 'Count' },
  ],
  timestamp: 1_767_225_600_000,
};

describe('parseEmfLine', () => {
  it('reads back the namespace, dimensions and metric values of a line', () => {
    // Act
    const parsed = parseEmfLine(formatEmfLine(record));
    // Assert
    expect(parsed).toEqual({
      timestamp: 1_767_225_600_000,
      namespace: 'PeerRewards',
      dimensionSets: [['FunctionName'], ['FunctionName', 'Version']],
      dimensions: { FunctionName: 'users-fn', Version: '12' },
      metrics: { Requests: 1, ServerErrors: 0 },
      units: { Requests: 'Count', ServerErrors: 'Count' },
    });
  });

  it.each([
    ['a log line', '{"level":"info","message":"request","status":200}'],
    ['plain text', 'START RequestId: 1 Version: $LATEST'],
    ['a JSON array', '[1,2]'],
  ])('passes over %s', (_name, line) => {
    // Act
    const parsed = parseEmfLine(line);
    // Assert
    expect(parsed).toBeUndefined();
  });

  it.each([
    ['no timestamp', { Timestamp: undefined }, /Timestamp/],
    ['no directive', { CloudWatchMetrics: [] }, /one directive/],
    [
      'a dimension without a value',
      { CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['Stage']], Metrics: [] }] },
      /dimension Stage/,
    ],
    [
      'a metric without a value',
      {
        CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [], Metrics: [{ Name: 'Latency' }] }],
      },
      /metric Latency/,
    ],
  ])('refuses an EMF record with %s', (_name, change, message) => {
    // Arrange
    const line = JSON.parse(formatEmfLine(record));
    Object.assign(line._aws, change);
    // Act
    const parse = () => parseEmfLine(JSON.stringify(line));
    // Assert
    expect(parse).toThrow(message);
  });
});
