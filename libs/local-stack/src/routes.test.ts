import { createRouter } from './routes';

describe('createRouter', () => {
  const router = createRouter();

  it('prefers a literal segment over a path parameter, as API Gateway does', () => {
    // Act
    const me = router.match('/users/me');
    const other = router.match('/users/andreas');

    // Assert
    expect(me).toMatchObject({
      functionName: 'users-fn',
      routeKey: 'ANY /users/me',
      pathParameters: {},
    });
    expect(other).toMatchObject({
      functionName: 'users-fn',
      routeKey: 'ANY /users/{username}',
      pathParameters: { username: 'andreas' },
    });
  });

  it('decodes path parameters', () => {
    expect(router.match('/rewards/01%20AB')?.pathParameters).toEqual({ id: '01 AB' });
  });

  it('sends every path that matches no route to $default (rewards-fn answers 404 there)', () => {
    // Act
    const unknown = ['/nothing', '/users/alex/extra', '/users/', '/', '/rewards//'].map((path) =>
      router.match(path),
    );

    // Assert
    for (const match of unknown) {
      expect(match).toMatchObject({
        functionName: 'rewards-fn',
        routeKey: '$default',
        pathParameters: {},
      });
    }
  });

  it('routes every method of a path to its function, which answers 405 itself', () => {
    expect(router.match('/leaderboard')).toMatchObject({
      functionName: 'rewards-fn',
      routeKey: 'ANY /leaderboard',
    });
    expect(router.match('/health')?.route.public).toBe(true);
    expect(router.match('/rewards')?.route.public).toBe(false);
  });

  it('supports greedy parameters and finds routes by key', () => {
    // Arrange
    const custom = createRouter([
      {
        name: 'rewards-fn',
        kind: 'http',
        tableActions: [],
        memoryMb: 128,
        timeoutSeconds: 3,
        routes: [
          { path: '/files/{path+}', methods: ['GET'], public: true },
          { path: '/files/{id}', methods: ['GET'], public: true },
        ],
      },
    ]);

    // Act & Assert
    expect(custom.match('/files/a')?.routeKey).toBe('ANY /files/{id}');
    expect(custom.match('/files/a/b/c')?.pathParameters).toEqual({ path: 'a/b/c' });
    expect(custom.match('/other')).toBeNull();
    expect(custom.byRouteKey('ANY /files/{id}')?.functionName).toBe('rewards-fn');
    expect(router.byRouteKey('$default')?.functionName).toBe('rewards-fn');
  });
});
