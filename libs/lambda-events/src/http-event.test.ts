import { apiGatewayTime, httpEvent, isTextContentType } from './http-event';

describe('httpEvent', () => {
  it('builds a payload 2.0 event with lower-cased, comma-joined headers and cookies apart', () => {
    // Act
    const event = httpEvent({
      method: 'get',
      path: '/users/alex',
      rawQueryString: 'a=1&b=x%20y&a=2&flag',
      headers: [
        ['Host', 'localhost:3000'],
        ['X-Multi', 'one'],
        ['x-multi', 'two'],
        ['Cookie', 'a=1; b=2'],
        ['User-Agent', 'jest'],
      ],
      routeKey: 'ANY /users/{username}',
      pathParameters: { username: 'alex' },
      claims: { username: 'alex', exp: 1700000000, aud: ['x', 'y'] },
      requestId: 'req-1',
      time: new Date('2026-03-12T19:03:58.390Z'),
    });

    // Assert
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'ANY /users/{username}',
      rawPath: '/users/alex',
      rawQueryString: 'a=1&b=x%20y&a=2&flag',
      cookies: ['a=1', 'b=2'],
      headers: { host: 'localhost:3000', 'x-multi': 'one,two', 'user-agent': 'jest' },
      queryStringParameters: { a: '1,2', b: 'x y', flag: '' },
      pathParameters: { username: 'alex' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        authorizer: {
          jwt: { claims: { username: 'alex', exp: '1700000000', aud: '[x y]' }, scopes: null },
        },
        domainName: 'localhost',
        domainPrefix: 'localhost',
        http: {
          method: 'GET',
          path: '/users/alex',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'jest',
        },
        requestId: 'req-1',
        routeKey: 'ANY /users/{username}',
        stage: '$default',
        time: '12/Mar/2026:19:03:58 +0000',
        timeEpoch: Date.parse('2026-03-12T19:03:58.390Z'),
      },
    });
  });

  it('passes JSON and text bodies as text and everything else as base64', () => {
    // Act
    const jsonEvent = httpEvent({
      method: 'POST',
      path: '/rewards',
      routeKey: 'ANY /rewards',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"points":5}',
    });
    const binaryEvent = httpEvent({
      method: 'POST',
      path: '/rewards',
      routeKey: 'ANY /rewards',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255, 10]),
    });
    const noBody = httpEvent({ method: 'GET', path: '/health', routeKey: 'ANY /health' });

    // Assert
    expect(jsonEvent).toMatchObject({ body: '{"points":5}', isBase64Encoded: false });
    expect(binaryEvent).toMatchObject({
      body: Buffer.from([0, 255, 10]).toString('base64'),
      isBase64Encoded: true,
    });
    expect(noBody.body).toBeUndefined();
    expect(noBody.queryStringParameters).toBeUndefined();
    expect(noBody.requestContext.authorizer).toBeUndefined();
    expect(isTextContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isTextContentType('application/problem+json')).toBe(true);
    expect(isTextContentType(undefined)).toBe(false);
  });

  it('formats requestContext.time as API Gateway does', () => {
    expect(apiGatewayTime(new Date('2026-01-05T03:04:05Z'))).toBe('05/Jan/2026:03:04:05 +0000');
  });

  it('gives each second its own time, also for events built in a row', () => {
    // Arrange
    const at = (iso: string) =>
      httpEvent({ method: 'GET', path: '/', routeKey: '$default', time: new Date(iso) })
        .requestContext.time;

    // Act
    const times = [
      at('2026-01-05T03:04:05.100Z'),
      at('2026-01-05T03:04:05.900Z'),
      at('2026-01-05T03:04:06.000Z'),
      at('2026-01-05T03:04:05.500Z'),
    ];

    // Assert
    expect(times).toEqual([
      '05/Jan/2026:03:04:05 +0000',
      '05/Jan/2026:03:04:05 +0000',
      '05/Jan/2026:03:04:06 +0000',
      '05/Jan/2026:03:04:05 +0000',
    ]);
  });
});
