import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local/dynamodb-local';
import { DEMO_USERS } from './demo-users';
import type { HttpApiEvent } from '@peer-rewards/lambda-events';
import {
  MAX_REQUEST_BYTES,
  startLocalStack,
  type LocalStack,
  type LocalStackOptions,
} from './local-stack';

const FIXTURES = path.join(__dirname, '..', 'test', 'fixtures', 'apps');
const endpoint = () => {
  const value = process.env.DYNAMODB_ENDPOINT;
  if (!value)
    throw new Error('DYNAMODB_ENDPOINT is not set: the jest global setup starts DynamoDB Local.');
  return value;
};
let tableCount = 0;
const uniqueTable = () => `local-stack-test-${process.pid}-${Date.now()}-${(tableCount += 1)}`;

const documents = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: endpoint(),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );

describe('startLocalStack', () => {
  let stack: LocalStack;
  let distDir: string;
  const lines: string[] = [];

  const start = (options: LocalStackOptions = {}) =>
    startLocalStack({
      port: 0,
      dynamodbEndpoint: endpoint(),
      tableName: uniqueTable(),
      distDir,
      inMemory: true,
      log: (line) => lines.push(line),
      ...options,
    });

  beforeAll(async () => {
    distDir = FIXTURES;
    stack = await start({ functionEnv: { MONTHLY_ALLOWANCE: '42' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const call = (pathAndQuery: string, init: RequestInit & { user?: string } = {}) => {
    const { user, headers, ...rest } = init;
    return fetch(`${stack.url}${pathAndQuery}`, {
      ...rest,
      headers: {
        ...(user ? { authorization: `Bearer ${stack.tokenFor(user)}` } : {}),
        ...(headers as Record<string, string>),
      },
    });
  };
  const echo = async (pathAndQuery: string, init: RequestInit & { user?: string } = {}) => {
    const response = await call(pathAndQuery, init);
    expect(response.status).toBe(200);
    return (await response.json()) as { event: HttpApiEvent; context: Record<string, unknown> };
  };

  describe('seeding', () => {
    it('creates the demo users through users-fn on an empty table', async () => {
      // Act
      const response = await call('/users/lena', { user: 'alex' });

      // Assert
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        username: 'lena',
        displayName: 'Lena',
        avatar: '🦄',
      });
      const items = await documents().send(new ScanCommand({ TableName: stack.tableName }));
      expect(items.Items?.map((item) => item.username).sort()).toEqual(
        DEMO_USERS.map((user) => user.username).sort(),
      );
    });

    it('leaves a table that has data alone', async () => {
      // Arrange: a second stack on the same, already seeded table
      const again = await start({ tableName: stack.tableName });

      // Act
      await again.stop();

      // Assert
      const items = await documents().send(new ScanCommand({ TableName: stack.tableName }));
      expect(items.Count).toBe(DEMO_USERS.length);
    });
  });

  describe('JWT authorizer emulation', () => {
    it.each([
      ['no token', {}],
      ['a malformed header', { authorization: 'Basic abc' }],
      ['an expired token', 'expired'],
      ['a token signed by another key', 'forged'],
      ['a token for another audience', 'audience'],
    ] as const)(
      'answers 401 like API Gateway for %s, without invoking the function',
      async (_case, kind) => {
        // Arrange
        const tokens: Record<string, () => string> = {
          expired: () => stack.tokenFor('alex', { expiresInSeconds: -10 }),
          forged: () => {
            const [header, payload] = stack.tokenFor('alex').split('.');
            return `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
          },
          audience: () => stack.tokenFor('alex', { claims: { aud: 'another-api' } }),
        };
        const headers =
          typeof kind === 'string' ? { authorization: `Bearer ${tokens[kind]()}` } : kind;
        const before = lines.filter((line) => line.startsWith('[rewards-fn] START')).length;

        // Act
        const response = await call('/rewards', { headers });

        // Assert
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
        expect(await response.json()).toEqual({
          message: 'Unauthorized',
          error: { code: 'unauthorized', message: expect.stringMatching(/^Unauthorized: .+\.$/) },
        });
        expect(lines.filter((line) => line.startsWith('[rewards-fn] START')).length).toBe(before);
      },
    );

    it('passes the verified claims to the function as strings, and lets public routes through', async () => {
      // Act
      const { event } = await echo('/rewards', { user: 'mia' });
      const health = await call('/health');

      // Assert
      expect(event.requestContext.authorizer).toEqual({
        jwt: {
          claims: {
            iss: 'peer-rewards-local',
            aud: 'peer-rewards-local',
            sub: 'mia',
            username: 'mia',
            iat: expect.stringMatching(/^\d+$/),
            exp: expect.stringMatching(/^\d+$/),
          },
          scopes: null,
        },
      });
      expect(health.status).toBe(200);
    });
  });

  describe('payload 2.0 events', () => {
    it('carries the request as API Gateway would', async () => {
      // Act
      const { event, context } = await echo('/rewards?to=andreas&to=jana&limit=5', {
        user: 'alex',
        headers: { 'X-Trace': 'a', cookie: 'theme=dark; lang=de', 'user-agent': 'jest-test' },
      });

      // Assert
      expect(event).toMatchObject({
        version: '2.0',
        routeKey: 'ANY /rewards',
        rawPath: '/rewards',
        rawQueryString: 'to=andreas&to=jana&limit=5',
        queryStringParameters: { to: 'andreas,jana', limit: '5' },
        cookies: ['theme=dark', 'lang=de'],
        isBase64Encoded: false,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          stage: '$default',
          routeKey: 'ANY /rewards',
          http: {
            method: 'GET',
            path: '/rewards',
            protocol: 'HTTP/1.1',
            sourceIp: '127.0.0.1',
            userAgent: 'jest-test',
          },
        },
      });
      expect(event.headers).toMatchObject({
        'x-trace': 'a',
        'x-forwarded-proto': 'http',
        'x-forwarded-for': '127.0.0.1',
      });
      expect(event.headers.cookie).toBeUndefined();
      expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9+/]{14}==$/);
      expect(event.requestContext.time).toMatch(
        /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/,
      );
      expect(context).toMatchObject({
        functionName: 'local-rewards-fn',
        // Version 1, published at start, invoked through the alias API Gateway targets.
        functionVersion: '1',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:local-rewards-fn:live',
        memoryLimitInMB: '256',
        logGroupName: '/aws/lambda/local-rewards-fn',
        callbackWaitsForEmptyEventLoop: true,
      });
      expect(context.remainingTimeInMillis).toBeGreaterThan(9000);
    });

    it('base64-encodes a binary body and passes a JSON body as text', async () => {
      // Act
      const binary = await echo('/rewards', {
        method: 'POST',
        user: 'alex',
        headers: { 'content-type': 'image/png' },
        body: new Uint8Array([137, 80, 78, 71]),
      });
      const text = await echo('/rewards', {
        method: 'POST',
        user: 'alex',
        headers: { 'content-type': 'application/json' },
        body: '{"to":"tom"}',
      });

      // Assert
      expect(binary.event).toMatchObject({
        body: Buffer.from([137, 80, 78, 71]).toString('base64'),
        isBase64Encoded: true,
      });
      expect(text.event).toMatchObject({ body: '{"to":"tom"}', isBase64Encoded: false });
    });

    it('fills path parameters and gives the function its configuration', async () => {
      // Act
      const health = (await (await call('/health')).json()) as Record<string, unknown>;

      // Assert
      expect(health).toMatchObject({
        tableName: stack.tableName,
        stage: 'local',
        env: { claim: 'username', memory: '256', allowance: '42' },
      });
    });
  });

  describe('routing', () => {
    it('lets the function answer 405 for a method it does not serve', async () => {
      // Act
      const response = await call('/users/alex', { method: 'DELETE', user: 'alex' });

      // Assert
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    });

    it('sends unmatched paths to $default, where rewards-fn answers 404', async () => {
      // Act
      const response = await call('/no/such/route', { method: 'POST' });

      // Assert
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'not-found', message: 'No such route.' },
      });
    });
  });

  describe('response mapping', () => {
    it('sends status, headers, cookies and base64 bodies as API Gateway does', async () => {
      // Act
      const binary = await call('/rewards/binary', { user: 'alex' });
      const cookies = await call('/rewards/cookies', {
        user: 'alex',
        headers: { origin: 'http://localhost:3000' },
      });

      // Assert
      expect(binary.status).toBe(200);
      expect(binary.headers.get('content-type')).toBe('application/octet-stream');
      expect(binary.headers.get('apigw-requestid')).toMatch(/==$/);
      expect(Buffer.from(await binary.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
      expect(cookies.status).toBe(204);
      expect(cookies.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
      expect(cookies.headers.get('x-multi')).toBe('a');
      // API Gateway's CORS configuration replaces the function's CORS headers.
      expect(cookies.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    });

    it('turns a result without statusCode into a 200 JSON response', async () => {
      // Act
      const plain = await call('/rewards/plain', { user: 'alex' });
      const text = await call('/rewards/text', { user: 'alex' });

      // Assert
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toBe('application/json');
      expect(await plain.json()).toEqual({ hello: 'world' });
      expect(await text.json()).toBe('just text');
    });

    it('answers 500 like API Gateway when the function throws or returns a malformed response, and logs why', async () => {
      // Act
      const thrown = await call('/rewards/throw', { user: 'alex' });
      const malformed = await call('/rewards/malformed', { user: 'alex' });

      // Assert
      expect(thrown.status).toBe(500);
      expect(await thrown.json()).toEqual({ message: 'Internal Server Error' });
      expect(malformed.status).toBe(500);
      expect(lines).toContainEqual(
        expect.stringContaining('[rewards-fn] TypeError: fixture failure'),
      );
      expect(lines).toContainEqual(
        expect.stringContaining('Malformed Lambda proxy response: body must be a string'),
      );
    });

    it('answers 413 for a body over 10 MB without invoking the function', async () => {
      // Act
      const response = await call('/rewards', {
        method: 'POST',
        user: 'alex',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(MAX_REQUEST_BYTES + 1),
      });

      // Assert
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
    });
  });

  describe('logs', () => {
    it('writes START, END and REPORT lines per invocation, Init Duration only on the cold start, and an access log', async () => {
      // Act
      await call('/rewards/log', { user: 'alex' });

      // Assert
      const reports = lines.filter((line) => line.startsWith('[rewards-fn] REPORT'));
      expect(reports.filter((line) => line.includes('Init Duration'))).toHaveLength(1);
      expect(reports.length).toBeGreaterThan(5);
      expect(lines).toContainEqual(
        expect.stringMatching(/^\[rewards-fn\] .+\tINFO\thello from local-rewards-fn$/),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^\[http\] GET \/rewards\/log 200 \d+\.\d ms$/),
      );
    });
  });

  describe('CORS', () => {
    it('answers a preflight itself for an allowed origin, and without CORS headers for another', async () => {
      // Act
      const allowed = await call('/rewards', {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
      });
      const other = await call('/rewards', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example' },
      });

      // Assert
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(other.status).toBe(204);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('local endpoints and the dashboard', () => {
    it('serves the dashboard with content types and cache headers', async () => {
      // Act
      const index = await call('/');
      const asset = await call('/assets/main-3f9a1c2b.js');
      const traversal = await call('/..%2f..%2fetc%2fpasswd');

      // Assert
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(index.headers.get('cache-control')).toBe('no-cache');
      expect(await index.text()).toContain('<title>dashboard</title>');
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(traversal.status).toBe(404);
    });

    it('publishes the dashboard configuration with the demo users', async () => {
      // Act
      const config = await (await call('/config.json')).json();

      // Assert
      expect(config).toEqual({
        apiBaseUrl: '',
        auth: {
          mode: 'local',
          tokenEndpoint: '/local/token',
          users: DEMO_USERS.map((user) => ({ ...user })),
        },
      });
    });

    it('issues a token the authorizer accepts, and rejects a bad username', async () => {
      // Act
      const issued = await call('/local/token', {
        method: 'POST',
        body: JSON.stringify({ username: 'jana' }),
      });
      const bad = await call('/local/token', {
        method: 'POST',
        body: JSON.stringify({ username: 'No Spaces!' }),
      });

      // Assert
      expect(issued.status).toBe(200);
      const { token, expiresAt } = (await issued.json()) as { token: string; expiresAt: string };
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(3500_000);
      const { event } = await echo('/rewards', { headers: { authorization: `Bearer ${token}` } });
      expect(event.requestContext.authorizer?.jwt.claims.username).toBe('jana');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'validation-failed' } });
    });

    it('publishes the issuer key as a JWKS', async () => {
      // Act
      const jwks = (await (await call('/local-issuer/.well-known/jwks.json')).json()) as {
        keys: Array<Record<string, unknown>>;
      };

      // Assert
      expect(jwks.keys).toEqual([
        expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig' }),
      ]);
    });
  });

  describe('isolation and lifecycle', () => {
    it('keeps two stacks in one process apart: own table, own warm function state', async () => {
      // Arrange
      const other = await start({ seed: false });
      try {
        await call('/health');

        // Act
        const mine = (await (await call('/health')).json()) as {
          tableName: string;
          instanceId: string;
          invocations: number;
        };
        const theirs = (await (await fetch(`${other.url}/health`)).json()) as typeof mine;

        // Assert
        expect(theirs.tableName).toBe(other.tableName);
        expect(mine.tableName).toBe(stack.tableName);
        expect(theirs.instanceId).not.toBe(mine.instanceId);
        expect(theirs.invocations).toBe(1);
        expect(mine.invocations).toBeGreaterThan(1);
      } finally {
        await other.stop();
      }
    });

    it('publishes a rebuilt function as a new version and moves live onto it, cold', async () => {
      // Arrange: a dist folder of its own, so the rebuild touches no other test.
      const rebuiltDist = mkdtempSync(path.join(tmpdir(), 'local-stack-dist-'));
      cpSync(FIXTURES, rebuiltDist, { recursive: true });
      const rebuilding = await start({ distDir: rebuiltDist, seed: false });
      try {
        const health = async () =>
          (await (await fetch(`${rebuilding.url}/health`)).json()) as {
            instanceId: string;
            invocations: number;
          };
        const before = await health();
        const bundle = path.join(rebuiltDist, 'rewards-fn', 'index.js');
        writeFileSync(bundle, `${readFileSync(bundle, 'utf8')}\n// rebuilt\n`);

        // Act
        const unchanged = rebuilding.reload(['users-fn']);
        const deployed = rebuilding.reload(['rewards-fn']);
        const after = await health();

        // Assert
        expect(unchanged).toEqual([{ function: 'users-fn', version: '1', changed: false }]);
        expect(deployed).toEqual([{ function: 'rewards-fn', version: '2', changed: true }]);
        expect(after.instanceId).not.toBe(before.instanceId);
        expect(after.invocations).toBe(1);
        expect(lines).toContainEqual(
          expect.stringMatching(/^\[rewards-fn\] START RequestId: \S+ Version: 2$/),
        );
      } finally {
        await rebuilding.stop();
        rmSync(rebuiltDist, { recursive: true, force: true });
      }
    });

    it('runs the generator on its schedule with EventBridge scheduled events', async () => {
      // Arrange
      const generating = await start({ seed: false, generate: { everyMs: 150 } });
      try {
        // Act
        await new Promise((resolve) => setTimeout(resolve, 1200));
      } finally {
        await generating.stop();
      }

      // Assert
      const runs = await documents().send(new ScanCommand({ TableName: generating.tableName }));
      expect(runs.Count).toBeGreaterThanOrEqual(2);
      const countAfterStop = runs.Count;
      await new Promise((resolve) => setTimeout(resolve, 400));
      const later = await documents().send(new ScanCommand({ TableName: generating.tableName }));
      expect(later.Count).toBe(countAfterStop);
      expect(runs.Items?.[0]).toMatchObject({
        sk: 'RUN',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      });
    });

    it('stops its server: the port refuses connections afterwards', async () => {
      // Arrange
      const shortLived = await start({ seed: false });
      await fetch(`${shortLived.url}/health`);

      // Act
      await shortLived.stop();

      // Assert
      await expect(fetch(`${shortLived.url}/health`)).rejects.toThrow();
    });
  });
});

describe('startLocalStack with its own DynamoDB Local', () => {
  it('stops DynamoDB Local too: no java process is left behind', async () => {
    // Arrange
    const dataDir = mkdtempSync(path.join(tmpdir(), 'local-stack-data-'));
    const stack = await startLocalStack({
      port: 0,
      dataDir,
      distDir: path.join(__dirname, '..', 'test', 'fixtures', 'apps'),
      log: () => undefined,
    });
    const port = new URL(stack.dynamodbEndpoint).port;
    const javaOnPort = () =>
      execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port} `));
    try {
      expect(javaOnPort()).toHaveLength(1);

      // Act
      await stack.stop();

      // Assert
      expect(javaOnPort()).toEqual([]);
      expect(execFileSync('ls', [dataDir], { encoding: 'utf8' }).split('\n')).toEqual(
        expect.arrayContaining(['local-issuer.json', 'shared-local-instance.db']),
      );
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
