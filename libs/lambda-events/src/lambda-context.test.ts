import { lambdaContext, lambdaContextFactory } from './lambda-context';

describe('lambdaContext', () => {
  it('describes the function and the invocation as Lambda does', () => {
    // Act
    const context = lambdaContext({
      functionName: 'local-users-fn',
      memoryMb: 512,
      requestId: 'req-1',
      logStreamName: '2026/11/27/[$LATEST]abc',
    });

    // Assert
    expect(context).toMatchObject({
      functionName: 'local-users-fn',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:local-users-fn',
      memoryLimitInMB: '512',
      awsRequestId: 'req-1',
      logGroupName: '/aws/lambda/local-users-fn',
      logStreamName: '2026/11/27/[$LATEST]abc',
      callbackWaitsForEmptyEventLoop: true,
    });
  });

  it('counts the time left down to the deadline and never below zero', () => {
    // Arrange
    const deadline = Date.now() + 60_000;

    // Act
    const running = lambdaContext({ deadline });
    const late = lambdaContext({ deadline: Date.now() - 1 });

    // Assert
    expect(running.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(running.getRemainingTimeInMillis()).toBeLessThanOrEqual(60_000);
    expect(late.getRemainingTimeInMillis()).toBe(0);
  });

  it('hands what done, succeed and fail are called with to settle', () => {
    // Arrange
    const settled: Array<[unknown, unknown]> = [];
    const context = lambdaContext({ settle: (error, result) => settled.push([error, result]) });
    const failure = new Error('no');

    // Act
    context.succeed({ ok: true });
    context.fail(failure);
    context.done(undefined, 'done');

    // Assert
    expect(settled).toEqual([
      [null, { ok: true }],
      [failure, undefined],
      [undefined, 'done'],
    ]);
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });
});

describe('lambdaContextFactory', () => {
  it('gives each invocation of a container its own id, deadline, qualifier and callbacks', () => {
    // Arrange
    const contextOf = lambdaContextFactory({
      functionName: 'local-rewards-fn',
      functionVersion: '3',
    });
    const settled: unknown[] = [];
    const now = Date.now();

    // Act
    const first = contextOf({
      requestId: 'a',
      deadline: now + 60_000,
      qualifier: 'live',
      settle: (error, result) => settled.push(['first', error, result]),
    });
    const second = contextOf({
      requestId: 'b',
      deadline: now - 1,
      settle: (error, result) => settled.push(['second', error, result]),
    });
    first.succeed('ok');
    second.fail(new Error('no'));

    // Assert
    expect(first.invokedFunctionArn).toMatch(/:function:local-rewards-fn:live$/);
    expect(second.invokedFunctionArn).toMatch(/:function:local-rewards-fn$/);
    expect([first.awsRequestId, second.awsRequestId]).toEqual(['a', 'b']);
    expect(first.logStreamName).toBe(second.logStreamName);
    expect(first.getRemainingTimeInMillis()).toBeGreaterThan(50_000);
    expect(second.getRemainingTimeInMillis()).toBe(0);
    expect(settled).toEqual([
      ['first', null, 'ok'],
      ['second', new Error('no'), undefined],
    ]);
  });
});
