import middy from '@middy/core';
import { METRIC_DIMENSION_SETS, METRICS } from '@peer-rewards/platform-manifest';
import { parseEmfLine } from '../emf';
import { httpRequestEvent, lambdaContext, sampleScheduledEvent } from '../testing';
import { emfMetrics } from './emf-metrics.middleware';

const capture = () => {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
};

const event = () => httpRequestEvent({ method: 'GET', path: '/things', user: 'alex' });
const context = () => lambdaContext('rewards-fn', 10_000, '7');

describe('emfMetrics', () => {
  it('prints one EMF line per answer with the contract namespace, metrics and dimension sets', async () => {
    // Arrange
    const out = capture();
    const handler = middy(async () => ({ statusCode: 200 })).use(
      emfMetrics({ write: out.write, now: () => 1_767_225_600_000 }),
    );
    // Act
    await handler(event(), context());
    // Assert
    expect(out.lines).toHaveLength(1);
    expect(JSON.parse(out.lines[0])).toEqual({
      _aws: {
        Timestamp: 1_767_225_600_000,
        CloudWatchMetrics: [
          {
            Namespace: METRICS.namespace,
            Dimensions: METRIC_DIMENSION_SETS,
            Metrics: [
              { Name: METRICS.requests, Unit: 'Count' },
              { Name: METRICS.serverErrors, Unit: 'Count' },
            ],
          },
        ],
      },
      [METRICS.dimensions.functionName]: 'rewards-fn',
      [METRICS.dimensions.version]: '7',
      [METRICS.requests]: 1,
      [METRICS.serverErrors]: 0,
    });
  });

  it.each([
    [200, 0],
    [404, 0],
    [499, 0],
    [500, 1],
    [503, 1],
  ])('counts an answer of %i as %i server errors', async (statusCode, serverErrors) => {
    // Arrange
    const out = capture();
    const handler = middy(async () => ({ statusCode })).use(emfMetrics({ write: out.write }));
    // Act
    await handler(event(), context());
    // Assert
    expect(parseEmfLine(out.lines[0])?.metrics).toEqual({
      [METRICS.requests]: 1,
      [METRICS.serverErrors]: serverErrors,
    });
  });

  it('sees the status an error handler used after it maps an error to', async () => {
    // Arrange
    const out = capture();
    const handler = middy(async () => {
      throw new Error('database gone');
    })
      .use(emfMetrics({ write: out.write }))
      .use({
        onError: (request) => {
          request.response = { statusCode: 503 };
        },
      });
    // Act
    const response = await handler(event(), context());
    // Assert
    expect(response).toEqual({ statusCode: 503 });
    expect(out.lines).toHaveLength(1);
    expect(parseEmfLine(out.lines[0])?.metrics[METRICS.serverErrors]).toBe(1);
  });

  it('counts an error nothing handled as a server error and lets it reach Lambda', async () => {
    // Arrange
    const out = capture();
    const handler = middy(async () => {
      throw new Error('crash');
    }).use(emfMetrics({ write: out.write }));
    // Act
    const invocation = handler(sampleScheduledEvent(), lambdaContext('generator-fn', 10_000, '3'));
    // Assert
    await expect(invocation).rejects.toThrow('crash');
    expect(parseEmfLine(out.lines[0])).toMatchObject({
      dimensions: { FunctionName: 'generator-fn', Version: '3' },
      metrics: { [METRICS.requests]: 1, [METRICS.serverErrors]: 1 },
    });
  });

  it('counts a result without a status (a scheduled run) as a success', async () => {
    // Arrange
    const out = capture();
    const handler = middy(async () => ({ created: 3 })).use(emfMetrics({ write: out.write }));
    // Act
    await handler(sampleScheduledEvent(), lambdaContext('generator-fn'));
    // Assert
    expect(parseEmfLine(out.lines[0])?.metrics[METRICS.serverErrors]).toBe(0);
  });
});
