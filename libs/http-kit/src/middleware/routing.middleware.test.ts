import middy from '@middy/core';
import type { RouteHandler, RoutedContext } from '../http-request';
import { httpRequestEvent, lambdaContext, type HttpRequestSpec } from '../testing';
import { routing } from './routing.middleware';

const ok: RouteHandler = async () => ({ status: 200 });
const routes = [
  { path: '/users', methods: { GET: ok } },
  { path: '/users/me', methods: { GET: ok, PUT: ok } },
  { path: '/users/{username}', methods: { GET: ok } },
];

/** What the handler behind the routing middleware gets on `context.route`. */
const routed = async (spec: HttpRequestSpec) => {
  const handler = middy(async (_event: unknown, context: RoutedContext) => context.route).use(
    routing({ routes }),
  );
  return handler(httpRequestEvent(spec), lambdaContext());
};

describe('routing', () => {
  it('matches literal segments before parameters and decodes parameters', async () => {
    // Act
    const me = await routed({ method: 'GET', path: '/users/me' });
    const other = await routed({ method: 'GET', path: '/users/j%C3%BCrgen' });
    // Assert
    expect(me).toMatchObject({ path: '/users/me', params: {} });
    expect(other).toMatchObject({ path: '/users/{username}', params: { username: 'jürgen' } });
  });

  it('refuses an unknown path with 404 before any body is read', async () => {
    // Act
    const route = routed({ method: 'POST', path: '/nothing', body: '{broken' });
    // Assert
    await expect(route).rejects.toMatchObject({ status: 404, code: 'not-found' });
  });

  it('refuses a method the path does not serve with 405 and Allow', async () => {
    // Act
    const route = routed({ method: 'DELETE', path: '/users/me' });
    // Assert
    await expect(route).rejects.toMatchObject({
      status: 405,
      code: 'method-not-allowed',
      headers: { Allow: 'GET, PUT' },
    });
  });

  it('answers a preflight with 204 and the methods the path allows', async () => {
    // Arrange
    const route = await routed({ method: 'OPTIONS', path: '/users/me' });
    // Act
    const result = await route?.handler({} as never);
    // Assert
    expect(result).toEqual({ status: 204, headers: { allow: 'GET, PUT, OPTIONS' } });
  });
});
