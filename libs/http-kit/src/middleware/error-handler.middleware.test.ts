import middy from '@middy/core';
import {
  AllowanceExceededError,
  DependencyUnavailableError,
  IdempotencyConflictError,
  NotFoundError,
  ProfileRequiredError,
  SelfRewardError,
  ValidationError,
} from '@peer-rewards/rewards-domain';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError } from '../http-error';
import { createLogger } from '../logger';
import { httpRequestEvent, lambdaContext } from '../testing';
import { errorHandler } from './error-handler.middleware';

/** The response and the log lines for a route that throws `error`. */
const answerTo = async (error: unknown) => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({}, 'debug', (line) => void lines.push(JSON.parse(line)));
  const handler = middy(async () => {
    throw error;
  }).use(errorHandler({ logger }));
  const response = (await handler(
    httpRequestEvent({ method: 'GET', path: '/things', user: 'alex' }),
    lambdaContext(),
  )) as APIGatewayProxyStructuredResultV2;
  return { ...response, body: JSON.parse(response.body as string), lines };
};

/** An SDK error as `@aws-sdk` throws it: a name, a fault and the HTTP status. */
const sdkError = (name: string, httpStatusCode: number) =>
  Object.assign(new Error(`${name} from DynamoDB`), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode },
  });

describe('errorHandler', () => {
  it.each([
    [new ValidationError('bad'), 400, 'validation-failed'],
    [new HttpError(401, 'unauthorized', 'no token'), 401, 'unauthorized'],
    [new ProfileRequiredError('alex'), 403, 'profile-required'],
    [new NotFoundError('none'), 404, 'not-found'],
    [new IdempotencyConflictError(), 409, 'idempotency-conflict'],
    [new HttpError(413, 'payload-too-large', 'big'), 413, 'payload-too-large'],
    [new HttpError(415, 'unsupported-media-type', 'xml'), 415, 'unsupported-media-type'],
    [new SelfRewardError(), 422, 'self-reward'],
  ])('answers %p with %i and its code', async (error, status, code) => {
    // Act
    const response = await answerTo(error);
    // Assert
    expect(response.statusCode).toBe(status);
    expect(response.body).toEqual({ error: { code, message: error.message } });
  });

  it('lists the bad fields of a validation error in details', async () => {
    // Act
    const response = await answerTo(
      new ValidationError('bad', [{ path: 'points', message: 'too big' }]),
    );
    // Assert
    expect(response.body.error.details).toEqual([{ path: 'points', message: 'too big' }]);
  });

  it('names the allowed methods of a 405 in Allow', async () => {
    // Act
    const response = await answerTo(
      new HttpError(405, 'method-not-allowed', 'no', { Allow: 'GET' }),
    );
    // Assert
    expect(response.statusCode).toBe(405);
    expect(response.headers).toMatchObject({ Allow: 'GET' });
  });

  it('says how many points are left when the allowance is exceeded', async () => {
    // Act
    const response = await answerTo(new AllowanceExceededError(5, 6, 100));
    // Assert
    expect(response.statusCode).toBe(422);
    expect(response.body.error.details).toEqual([
      { path: 'points', message: '5 points left this month' },
    ]);
  });

  it('answers an outage with 503 and Retry-After, and logs what the database said', async () => {
    // Arrange
    const outage = Object.assign(new DependencyUnavailableError('busy', 2), {
      cause: sdkError('ProvisionedThroughputExceededException', 400),
    });
    // Act
    const response = await answerTo(outage);
    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '2' });
    expect(response.body).toEqual({ error: { code: 'service-unavailable', message: 'busy' } });
    expect(response.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        requestId: expect.any(String),
        awsRequestId: expect.any(String),
        error: expect.objectContaining({
          name: 'DependencyUnavailableError',
          cause: [
            {
              name: 'ProvisionedThroughputExceededException',
              message: 'ProvisionedThroughputExceededException from DynamoDB',
              httpStatusCode: 400,
            },
          ],
        }),
      }),
    ]);
  });

  it('tells a network timeout from throttling in the log of an outage', async () => {
    // Arrange
    const timeout = Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
    });
    const outage = Object.assign(new DependencyUnavailableError(), {
      cause: Object.assign(new Error('socket hang up', { cause: timeout }), { code: 'ECONNRESET' }),
    });
    // Act
    const response = await answerTo(outage);
    // Assert
    expect(response.lines[0].error).toMatchObject({
      cause: [
        { name: 'Error', message: 'socket hang up', code: 'ECONNRESET' },
        { name: 'TimeoutError', message: 'connect ETIMEDOUT 10.0.0.1:443', code: 'ETIMEDOUT' },
      ],
    });
  });

  it('answers an unexpected error with a 500 that shows nothing of it, and logs it whole', async () => {
    // Arrange
    const unexpected = new TypeError('Cannot read properties of undefined (reading "id")', {
      cause: sdkError('ResourceNotFoundException', 400),
    });
    // Act
    const response = await answerTo(unexpected);
    // Assert
    expect(response.statusCode).toBe(500);
    expect(response.body).toEqual({
      error: { code: 'internal-error', message: expect.stringContaining('retry later') },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/TypeError|reading|Resource/);
    expect(response.lines[0]).toMatchObject({
      level: 'error',
      error: {
        name: 'TypeError',
        message: 'Cannot read properties of undefined (reading "id")',
        stack: expect.stringContaining('TypeError'),
        cause: [{ name: 'ResourceNotFoundException', httpStatusCode: 400 }],
      },
    });
  });

  it("answers Middy's timeout before the Lambda deadline with 503 and Retry-After", async () => {
    // Arrange
    const deadline = Object.assign(new Error('[AbortError]: The operation was aborted.'), {
      name: 'TimeoutError',
      cause: { package: '@middy/core' },
    });
    // Act
    const response = await answerTo(deadline);
    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '1' });
    expect(response.lines[0]).toMatchObject({
      message: 'function deadline reached',
      error: { name: 'TimeoutError', cause: [{ package: '@middy/core' }] },
    });
  });
});
