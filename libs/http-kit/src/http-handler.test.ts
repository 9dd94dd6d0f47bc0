import { DependencyUnavailableError } from '@peer-rewards/rewards-domain';
import { createHttpHandler, type RouteHandler } from './http-handler';
import { createLogger } from './logger';
import { httpRequestEvent, lambdaContext, type HttpRequestSpec } from './testing';

const quiet = createLogger({}, 'error', () => undefined);

const handlerWith = (
  routes: Record<string, RouteHandler>,
  corsOrigins: string[] = ['http://localhost:3000'],
) =>
  createHttpHandler({
    name: 'test-fn',
    corsOrigins,
    logger: quiet,
    routes: Object.entries(routes).map(([key, handler]) => {
      const [method, path] = key.split(' ');
      return { path, methods: { [method]: handler } };
    }),
  });

const invoke = async (
  handler: ReturnType<typeof createHttpHandler>,
  spec: HttpRequestSpec,
  timeoutMs = 10_000,
) => {
  const result = await handler(httpRequestEvent(spec), lambdaContext('test-fn', timeoutMs));
  return { ...result, body: result.body ? JSON.parse(result.body) : undefined };
};

describe('createHttpHandler', () => {
  it('answers 503 with Retry-After when the function runs out of time, not a 500', async () => {
    // Arrange: a route that waits on a database that never answers
    const handler = handlerWith({ 'GET /slow': () => new Promise(() => undefined) });
    // Act
    const response = await invoke(handler, { method: 'GET', path: '/slow', user: 'alex' }, 300);
    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toMatch(/^\d+$/);
    expect(response.body).toMatchObject({ error: { code: 'service-unavailable' } });
  });

  it('answers 503 with Retry-After when the database is unavailable', async () => {
    // Arrange
    const handler = handlerWith({
      'GET /busy': async () => {
        throw new DependencyUnavailableError('busy', 2);
      },
    });
    // Act
    const response = await invoke(handler, { method: 'GET', path: '/busy', user: 'alex' });
    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('2');
  });

  it.each(['Application/JSON', 'application/json ; charset=UTF-8', 'application/problem+json'])(
    'accepts a JSON body sent as %s (media types ignore case)',
    async (contentType) => {
      // Arrange
      const handler = handlerWith({
        'POST /echo': async (request) => ({ status: 200, body: request.body() }),
      });
      // Act
      const response = await invoke(handler, {
        method: 'POST',
        path: '/echo',
        user: 'alex',
        body: '{"a":1}',
        headers: { 'content-type': contentType },
      });
      // Assert
      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual({ a: 1 });
    },
  );

  it.each(['text/plain', 'application/jsonp', 'application/x-www-form-urlencoded'])(
    'refuses a body sent as %s with 415',
    async (contentType) => {
      // Arrange
      const handler = handlerWith({
        'POST /echo': async (request) => ({ status: 200, body: request.body() }),
      });
      // Act
      const response = await invoke(handler, {
        method: 'POST',
        path: '/echo',
        user: 'alex',
        body: '{"a":1}',
        headers: { 'content-type': contentType },
      });
      // Assert
      expect(response.statusCode).toBe(415);
      expect(response.body).toMatchObject({ error: { code: 'unsupported-media-type' } });
    },
  );

  it('refuses to start with a CORS origin of "*"', () => {
    // Act
    const create = () => handlerWith({}, ['http://localhost:3000', '*']);
    // Assert
    expect(create).toThrow(/CORS/);
  });

  it('takes the caller from the verified claims only, never from a header or the body', async () => {
    // Arrange
    const handler = handlerWith({
      'POST /whoami': async (request) => ({ status: 200, body: { caller: request.caller() } }),
    });
    // Act
    const anonymous = await invoke(handler, {
      method: 'POST',
      path: '/whoami',
      body: { username: 'mallory' },
      headers: { 'x-username': 'mallory' },
    });
    const verified = await invoke(handler, {
      method: 'POST',
      path: '/whoami',
      user: 'alex',
      body: {},
    });
    // Assert
    expect(anonymous.statusCode).toBe(401);
    expect(verified.body).toEqual({ caller: 'alex' });
  });

  it('answers a CORS preflight with 204, the allowed methods and the CORS headers', async () => {
    // Arrange
    const handler = handlerWith({ 'GET /things': async () => ({ status: 200, body: [] }) });
    // Act
    const response = await invoke(handler, {
      method: 'OPTIONS',
      path: '/things',
      headers: { origin: 'http://localhost:3000' },
    });
    const unknown = await invoke(handler, { method: 'OPTIONS', path: '/nothing' });
    // Assert
    expect(response.statusCode).toBe(204);
    expect(response.headers?.allow).toBe('GET, OPTIONS');
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
    expect(unknown.statusCode).toBe(404);
  });

  it('parses JSON bodies whatever the case of the media type, base64 or not', async () => {
    // Arrange
    const handler = handlerWith({
      'POST /echo': async (request) => ({ status: 200, body: request.body() }),
    });
    // Act
    const upper = await invoke(handler, {
      method: 'POST',
      path: '/echo',
      body: { a: 1 },
      headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
    });
    const base64 = await invoke(handler, {
      method: 'POST',
      path: '/echo',
      body: { b: '🎉' },
      base64: true,
    });
    // Assert
    expect(upper.body).toEqual({ a: 1 });
    expect(base64.body).toEqual({ b: '🎉' });
  });
});
