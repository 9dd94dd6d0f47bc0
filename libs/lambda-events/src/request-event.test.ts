import { requestEvent } from './request-event';

describe('requestEvent', () => {
  it('sends a value as JSON text with its content type, from the caller, behind ANY <path>', () => {
    // Act
    const event = requestEvent({
      method: 'POST',
      path: '/rewards?dryRun=1',
      query: ['x=2', 'x=3'],
      body: { to: 'andreas', points: 5 },
      user: 'alex',
      time: new Date('2026-11-27T12:00:00Z'),
    });

    // Assert
    expect(event).toMatchObject({
      routeKey: 'ANY /rewards',
      rawPath: '/rewards',
      rawQueryString: 'dryRun=1&x=2&x=3',
      queryStringParameters: { dryRun: '1', x: '2,3' },
      headers: { 'content-type': 'application/json' },
      body: '{"to":"andreas","points":5}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/rewards' },
        authorizer: {
          jwt: {
            claims: { sub: 'alex', username: 'alex', iat: '1795780800', exp: '1795784400' },
            scopes: null,
          },
        },
      },
    });
  });

  it('keeps a content type of its own and base64-encodes the body when asked to', () => {
    // Act
    const event = requestEvent({
      method: 'PUT',
      path: '/users/me',
      body: 'displayName=Alex',
      base64: true,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });

    // Assert
    expect(event.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64').toString('utf8')).toBe('displayName=Alex');
  });

  it('carries no claims without a caller or on a route without the authorizer', () => {
    // Act
    const anonymous = requestEvent({ method: 'GET', path: '/users' });
    const publicRoute = requestEvent({
      method: 'GET',
      path: '/health',
      user: 'alex',
      authorized: false,
    });

    // Assert
    expect(anonymous.requestContext.authorizer).toBeUndefined();
    expect(publicRoute.requestContext.authorizer).toBeUndefined();
  });

  it("adds the token's issuer and audience when they are given", () => {
    // Act
    const event = requestEvent({
      method: 'GET',
      path: '/users/me',
      user: 'mia',
      issuer: 'https://issuer.example.com',
      audience: 'peer-rewards',
      routeKey: 'GET /users/{username}',
      pathParameters: { username: 'me' },
    });

    // Assert
    expect(event.routeKey).toBe('GET /users/{username}');
    expect(event.pathParameters).toEqual({ username: 'me' });
    expect(event.requestContext.authorizer?.jwt.claims).toMatchObject({
      iss: 'https://issuer.example.com',
      aud: 'peer-rewards',
      username: 'mia',
    });
  });
});
