/*
 * API Gateway's side of a request as a client of the local stack sees it: which route a path
 * selects and what the event then carries, preflights that never reach a function, the CORS
 * headers of the configuration instead of the function's own, the payload limit for a streamed
 * body, repeated and cookie headers in the event, and a 500 (never a crash) when the emulation
 * itself throws.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpApiEvent } from '@peer-rewards/lambda-events';
import { createApiGateway } from './api-gateway';
import { close, listen } from './http-server';
import { createLocalIssuer } from './local-issuer';
import { MAX_REQUEST_BYTES, startLocalStack, type LocalStack } from './local-stack';
import { createRouter } from './routes';

/** Echoes the event, or answers with CORS headers of its own on `/rewards/cors`. */
const ECHO = `
exports.handler = async (event) => {
  if (event.rawPath === '/rewards/cors') {
    return {
      statusCode: 200,
      headers: {
        'Access-Control-Allow-Origin': '*',
        'access-control-allow-credentials': 'true',
        'Access-Control-Allow-Methods': 'DELETE',
        vary: 'accept-encoding',
        'x-own': 'kept',
      },
      body: '{}',
    };
  }
  if (event.rawPath === '/rewards/size') {
    return { statusCode: 200, body: JSON.stringify({ bytes: Buffer.from(event.body ?? '', 'utf8').length }) };
  }
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event }) };
};
`;

describe('the local API Gateway', () => {
  let stack: LocalStack;
  let distDir: string;
  const lines: string[] = [];
  const starts = () => lines.filter((line) => / START RequestId/.test(line)).length;

  beforeAll(async () => {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: jest global setup starts it.');
    distDir = mkdtempSync(path.join(tmpdir(), 'gateway-semantics-'));
    for (const name of ['users-fn', 'rewards-fn']) {
      mkdirSync(path.join(distDir, name));
      writeFileSync(path.join(distDir, name, 'index.js'), ECHO);
    }
    stack = await startLocalStack({
      port: 0,
      dynamodbEndpoint: endpoint,
      tableName: `gateway-semantics-${process.pid}-${Date.now()}`,
      distDir,
      inMemory: true,
      seed: false,
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(distDir, { recursive: true, force: true });
  });

  const call = (pathAndQuery: string, init: RequestInit = {}) =>
    fetch(`${stack.url}${pathAndQuery}`, {
      ...init,
      headers: {
        authorization: `Bearer ${stack.tokenFor('alex')}`,
        ...(init.headers as Record<string, string>),
      },
    });
  const eventOf = async (pathAndQuery: string): Promise<HttpApiEvent> => {
    const response = await call(pathAndQuery);
    expect(response.status).toBe(200);
    return ((await response.json()) as { event: HttpApiEvent }).event;
  };

  describe('route selection', () => {
    it('gives /users/me its own route without path parameters, and /users/{username} the decoded name', async () => {
      // Act
      const me = await eventOf('/users/me');
      const encoded = await eventOf('/users/j%C3%BCrgen');

      // Assert
      expect(me.routeKey).toBe('ANY /users/me');
      expect(me.pathParameters).toBeUndefined();
      expect(encoded).toMatchObject({
        routeKey: 'ANY /users/{username}',
        rawPath: '/users/j%C3%BCrgen',
        pathParameters: { username: 'jürgen' },
      });
    });

    it('invokes $default for an unknown path and keeps a trailing slash in rawPath', async () => {
      // Act
      const unknown = await eventOf('/no/such/thing?x=1');
      const trailing = await eventOf('/users/me/');

      // Assert
      expect(unknown).toMatchObject({
        routeKey: '$default',
        rawPath: '/no/such/thing',
        rawQueryString: 'x=1',
      });
      expect(unknown.pathParameters).toBeUndefined();
      expect(trailing.rawPath).toBe('/users/me/');
    });
  });

  describe('CORS', () => {
    it('answers a preflight itself on any path, without a token and without invoking a function', async () => {
      // Arrange
      const before = starts();

      // Act
      const responses = await Promise.all(
        ['/rewards', '/users/me', '/no/such/thing'].map((route) =>
          fetch(`${stack.url}${route}`, {
            method: 'OPTIONS',
            headers: {
              origin: 'http://localhost:3000',
              'access-control-request-method': 'PUT',
              'access-control-request-headers': 'authorization,content-type',
            },
          }),
        ),
      );

      // Assert
      for (const response of responses) {
        expect(response.status).toBe(204);
        expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
        expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
      }
      expect(starts()).toBe(before);
    });

    it("replaces a function's own CORS headers by the configured ones, and sends none to another origin", async () => {
      // Act
      const allowed = await call('/rewards/cors', { headers: { origin: 'http://localhost:3000' } });
      const other = await call('/rewards/cors', { headers: { origin: 'https://evil.example' } });
      const none = await call('/rewards/cors');

      // Assert
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(allowed.headers.get('access-control-expose-headers')).toBe('allow,retry-after,etag');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      expect(allowed.headers.get('access-control-allow-methods')).toBeNull();
      expect(allowed.headers.get('vary')).toBe('accept-encoding, origin');
      expect(allowed.headers.get('x-own')).toBe('kept');
      for (const response of [other, none]) {
        expect(response.status).toBe(200);
        expect(
          [...response.headers.keys()].filter((name) => name.startsWith('access-control-')),
        ).toEqual([]);
        expect(response.headers.get('vary')).toBe('accept-encoding');
      }
    });
  });

  describe('request bodies', () => {
    const post = (body: ReadableStream<Uint8Array> | string) =>
      call('/rewards/size', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body,
        duplex: 'half',
      } as RequestInit);

    it('answers 413 for a streamed body over 10 MB without invoking the function', async () => {
      // Arrange: chunked, so the limit is found while reading, not from a content-length.
      const chunk = new Uint8Array(1024 * 1024).fill(120);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > MAX_REQUEST_BYTES) controller.close();
          else {
            sent += chunk.length;
            controller.enqueue(chunk);
          }
        },
      });
      const before = starts();

      // Act
      const response = await post(stream);

      // Assert
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
      expect(starts()).toBe(before);
    });

    it('passes a body of exactly 10 MB on to the function', async () => {
      // Act
      const response = await post('x'.repeat(MAX_REQUEST_BYTES));

      // Assert
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ bytes: MAX_REQUEST_BYTES });
    });
  });

  describe('headers in the event', () => {
    it('joins repeated header lines with commas and lists every cookie of every cookie line', async () => {
      // Act: written on a socket, as clients (and fetch) would not send the same header twice.
      const { port } = new URL(stack.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.end(
            [
              'GET /rewards HTTP/1.1',
              `Host: 127.0.0.1:${port}`,
              `Authorization: Bearer ${stack.tokenFor('alex')}`,
              'X-Multi: one',
              'x-multi: two',
              'Cookie: a=1; b=2',
              'cookie: c=3',
              'Connection: close',
              '',
              '',
            ].join('\r\n'),
          ),
        );
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      const { event } = JSON.parse(body) as { event: HttpApiEvent };

      // Assert
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(event.headers['x-multi']).toBe('one,two');
      expect(event.headers.cookie).toBeUndefined();
      expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    });
  });
});

describe('the local API Gateway when its own code throws', () => {
  it('answers 500 for a synchronous throw and keeps serving', async () => {
    // Arrange
    let calls = 0;
    const respond = createApiGateway({
      router: createRouter(),
      issuer: createLocalIssuer(),
      corsOrigins: ['http://localhost:3000'],
      dashboardDir: path.join(tmpdir(), 'no-dashboard-here'),
      invokeRoute: () => {
        calls += 1;
        throw new Error('thrown before any promise');
      },
    });
    const logged: string[] = [];
    const { server, url } = await listen({
      respond,
      corsOrigins: [],
      log: (line) => logged.push(line),
      quiet: true,
      port: 0,
    });

    try {
      // Act
      const first = await fetch(`${url}/health`);
      const second = await fetch(`${url}/health`);
      const config = await fetch(`${url}/config.json`);

      // Assert
      expect([first.status, second.status]).toEqual([500, 500]);
      expect(await first.json()).toEqual({ message: 'Internal Server Error' });
      expect(config.status).toBe(200);
      expect(calls).toBe(2);
      expect(logged).toContainEqual(expect.stringContaining('thrown before any promise'));
    } finally {
      await close(server);
    }
  });
});
