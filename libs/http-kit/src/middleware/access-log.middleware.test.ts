import middy from '@middy/core';
import { createLogger } from '../logger';
import { httpRequestEvent, lambdaContext } from '../testing';
import { accessLog } from './access-log.middleware';

const logged = async (handle: () => Promise<{ statusCode: number }>) => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(
    { fn: 'users-fn' },
    'info',
    (line) => void lines.push(JSON.parse(line)),
  );
  const event = httpRequestEvent({ method: 'GET', path: '/users/alex', user: 'alex' });
  const context = lambdaContext('users-fn');
  const handler = middy(handle)
    .use(accessLog({ logger }))
    .use({
      onError: (request) => {
        request.response = { statusCode: 503 };
      },
    });
  await handler(event, context);
  return { lines, event, context };
};

describe('accessLog', () => {
  it('logs one JSON line per request with its ids, method, path, status and duration', async () => {
    // Act
    const { lines, event, context } = await logged(async () => ({ statusCode: 200 }));
    // Assert
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        message: 'request',
        fn: 'users-fn',
        requestId: event.requestContext.requestId,
        awsRequestId: context.awsRequestId,
        method: 'GET',
        path: '/users/alex',
        status: 200,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('logs the status an error was mapped to', async () => {
    // Act
    const { lines } = await logged(async () => {
      throw new Error('gone');
    });
    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ message: 'request', status: 503 });
  });
});
