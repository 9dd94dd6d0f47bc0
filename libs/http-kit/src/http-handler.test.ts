import { DependencyUnavailableError, usernameParamsSchema } from '@peer-rewards/rewards-domain';
import { METRICS } from '@peer-rewards/platform-manifest';
import { parseEmfLine } from './emf';
import { createHttpHandler } from './http-handler';
import type { RouteHandler } from './http-request';
import { createLogger } from './logger';
import { invokeHttp, lambdaContext, type HttpRequestSpec } from './testing';

const quiet = createLogger({}, 'error', () => undefined);

const handlerWith = (
  routes: Record<string, RouteHandler>,
  corsOrigins: string[] = ['http://localhost:3000'],
  writeMetrics: (line: string) => void = () => undefined,
) =>
  createHttpHandler({
    name: 'test-fn',
    corsOrigins,
    logger: quiet,
    writeMetrics,
    routes: Object.entries(routes).map(([key, handler]) => {
      const [method, path] = key.split(' ');
      return { path, methods: { [method]: handler } };
    }),
  });

const invoke = (
  handler: ReturnType<typeof createHttpHandler>,
  spec: HttpRequestSpec,
  timeoutMs = 10_000,
) => invokeHttp(handler, spec, lambdaContext('test-fn', timeoutMs, '7'));

const echo: RouteHandler = async (request) => ({ status: 200, body: request.body() });

describe('createHttpHandler', () => {
  it('answers 503 with Retry-After when the function runs out of time, not a 500', async () => {
    // Arrange: a route that waits on a database that never answers
    const handler = handlerWith({ 'GET /slow': () => new Promise(() => undefined) });
    // Act
    const response = await invoke(handler, { method: 'GET', path: '/slow', user: 'alex' }, 300);
    // Assert
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
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
    expect(response.headers['retry-after']).toBe('2');
  });

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

  it.each([
    ['upper case', 'Alex'],
    ['the reserved "me"', 'me'],
    ['one character', 'a'],
    ['33 characters', 'a'.repeat(33)],
    ['a space', 'alex krause'],
  ])('answers 401 on every private route for a username claim with %s', async (_name, username) => {
    // Arrange
    const handler = handlerWith({
      'GET /feed': async () => ({ status: 200, body: { read: true } }),
      'POST /whoami': async (request) => ({ status: 200, body: { caller: request.caller() } }),
    });
    // Act
    const read = await invoke(handler, { method: 'GET', path: '/feed', user: username });
    const write = await invoke(handler, {
      method: 'POST',
      path: '/whoami',
      user: username,
      body: {},
    });
    // Assert
    for (const response of [read, write]) {
      expect(response.statusCode).toBe(401);
      expect(response.body).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('answers a public route without looking at the claims', async () => {
    // Arrange
    const handler = createHttpHandler({
      name: 'test-fn',
      corsOrigins: [],
      logger: quiet,
      writeMetrics: () => undefined,
      routes: [
        { path: '/health', public: true, methods: { GET: async () => ({ status: 200 }) } },
        { path: '/private', methods: { GET: async () => ({ status: 200 }) } },
      ],
    });
    // Act
    const anonymous = await invoke(handler, { method: 'GET', path: '/health' });
    const badClaim = await invoke(handler, { method: 'GET', path: '/health', user: 'Alex' });
    const privateAnonymous = await invoke(handler, { method: 'GET', path: '/private' });
    // Assert
    expect(anonymous.statusCode).toBe(200);
    expect(badClaim.statusCode).toBe(200);
    expect(privateAnonymous.statusCode).toBe(401);
  });

  it('answers a path parameter no resource can have with 404 and what is wrong with it', async () => {
    // Arrange
    const handler = handlerWith({
      'GET /users/{username}': async (request) => ({
        status: 200,
        body: request.path(usernameParamsSchema),
      }),
    });
    // Act
    const valid = await invoke(handler, { method: 'GET', path: '/users/alex', user: 'alex' });
    const invalid = await invoke(handler, {
      method: 'GET',
      path: '/users/NOT_VALID',
      user: 'alex',
    });
    // Assert
    expect(valid.body).toEqual({ username: 'alex' });
    expect(invalid.statusCode).toBe(404);
    expect(invalid.body).toMatchObject({
      error: {
        code: 'not-found',
        details: [{ path: 'path.username', message: expect.stringContaining('a-z') }],
      },
    });
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
    expect(response.headers.allow).toBe('GET, OPTIONS');
    expect(response.headers['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
    expect(unknown.statusCode).toBe(404);
  });

  it('parses JSON bodies whatever the case of the media type, base64 or not', async () => {
    // Arrange
    const handler = handlerWith({ 'POST /echo': echo });
    // Act
    const upper = await invoke(handler, {
      method: 'POST',
      path: '/echo',
      user: 'alex',
      body: { a: 1 },
      headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
    });
    const base64 = await invoke(handler, {
      method: 'POST',
      path: '/echo',
      user: 'alex',
      body: { b: '🎉' },
      base64: true,
    });
    // Assert
    expect(upper.body).toEqual({ a: 1 });
    expect(base64.body).toEqual({ b: '🎉' });
  });

  it('prints one metric line per answer, counting only 5xx answers as server errors', async () => {
    // Arrange
    const lines: string[] = [];
    const handler = handlerWith(
      {
        'POST /echo': echo,
        'GET /slow': () => new Promise(() => undefined),
        'GET /broken': async () => {
          throw new Error('bug');
        },
      },
      ['http://localhost:3000'],
      (line) => void lines.push(line),
    );
    const requests: Array<[HttpRequestSpec, number]> = [
      [{ method: 'POST', path: '/echo', body: {} }, 200],
      [{ method: 'GET', path: '/nothing' }, 404],
      [{ method: 'DELETE', path: '/echo' }, 405],
      [
        { method: 'POST', path: '/echo', body: 'x', headers: { 'content-type': 'text/plain' } },
        415,
      ],
      [{ method: 'GET', path: '/broken' }, 500],
      [{ method: 'GET', path: '/slow' }, 503],
    ];
    // Act
    const statuses: number[] = [];
    for (const [spec] of requests) {
      statuses.push((await invoke(handler, { ...spec, user: 'alex' }, 300)).statusCode);
    }
    // Assert
    expect(statuses).toEqual(requests.map(([, status]) => status));
    expect(lines.map((line) => parseEmfLine(line))).toEqual(
      requests.map(([, status]) =>
        expect.objectContaining({
          namespace: METRICS.namespace,
          dimensions: { FunctionName: 'test-fn', Version: '7' },
          metrics: { [METRICS.requests]: 1, [METRICS.serverErrors]: status >= 500 ? 1 : 0 },
        }),
      ),
    );
  });
});
