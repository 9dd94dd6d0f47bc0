import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { runSmoke } from './smoke';

const lambda = mockClient(LambdaClient);
const hookAnswer = (results: unknown[]) => ({
  Payload: Buffer.from(
    JSON.stringify({ ok: true, results }),
  ) as unknown as InvokeCommandOutput['Payload'],
});

beforeEach(() => lambda.reset());

/** A stand-in API: /health answers with `version`, protected routes want `Bearer good`. */
const startApi = async (version: string): Promise<{ server: Server; url: string }> => {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/prod/health') {
      res.end(JSON.stringify({ status: 'ok', version }));
    } else if (url.pathname === '/prod/users' || url.pathname === '/prod/rewards') {
      const ok = req.headers.authorization === 'Bearer good';
      res.statusCode = ok ? 200 : 401;
      res.end(JSON.stringify(ok ? { users: [] } : { message: 'Unauthorized' }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'not-found', message: 'No such route.' } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/prod` };
};

let api: { server: Server; url: string };

beforeAll(async () => {
  api = await startApi('abc123def456');
});

afterAll(async () => {
  await new Promise((resolve) => api.server.close(resolve));
});

describe('runSmoke', () => {
  it('passes when health has the deployed version, the route is guarded and live answers the probes', async () => {
    // Arrange: the hook reports what live answered to its probes.
    lambda.on(InvokeCommand).resolves(
      hookAnswer([
        { name: 'GET /health', ok: true, detail: '200' },
        { name: 'GET /rewards?limit=1 (authenticated)', ok: true, detail: '200' },
      ]),
    );

    // Act
    const checks = await runSmoke({
      apiUrl: api.url,
      fn: 'rewards-fn',
      stage: 'prod',
      lambda: new LambdaClient({ region: 'eu-central-1' }),
      expectVersion: 'abc123def456',
    });

    // Assert
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: 'prod-rewards-fn-pre-traffic',
      Payload: JSON.stringify({ qualifier: 'live' }),
    });
    expect(checks).toEqual([
      { name: 'GET /health', ok: true, detail: '200, version abc123def456' },
      {
        name: 'GET /rewards?limit=1',
        ok: true,
        detail: '401 without a token: behind the JWT authorizer',
      },
      { name: 'live: GET /health', ok: true, detail: '200' },
      { name: 'live: GET /rewards?limit=1 (authenticated)', ok: true, detail: '200' },
    ]);
  });

  it('fails when live does not answer the authenticated read', async () => {
    // Arrange
    lambda.on(InvokeCommand).resolves(
      hookAnswer([
        { name: 'OPTIONS /users', ok: true, detail: '204' },
        { name: 'GET /users?limit=1 (authenticated)', ok: false, detail: '503: {}' },
      ]),
    );

    // Act
    const checks = await runSmoke({
      apiUrl: api.url,
      fn: 'users-fn',
      stage: 'dev',
      lambda: new LambdaClient({ region: 'eu-central-1' }),
    });

    // Assert
    expect(checks.filter((c) => !c.ok)).toEqual([
      { name: 'live: GET /users?limit=1 (authenticated)', ok: false, detail: '503: {}' },
    ]);
  });

  it('fails when another version than the deployed one answers /health', async () => {
    // Act
    const checks = await runSmoke({
      apiUrl: api.url,
      fn: 'rewards-fn',
      expectVersion: 'ffffffffffff',
    });

    // Assert
    expect(checks[0]).toEqual({
      name: 'GET /health',
      ok: false,
      detail: 'version abc123def456 is live, expected ffffffffffff',
    });
  });

  it('checks the route is behind the authorizer when no token is given', async () => {
    // Act
    const checks = await runSmoke({
      apiUrl: api.url,
      fn: 'users-fn',
      expectVersion: 'not-checked-here',
    });

    // Assert: /health belongs to rewards-fn, so its version is not users-fn's to check.
    expect(checks.map((c) => c.ok)).toEqual([true, true]);
    expect(checks[1]).toEqual({
      name: 'GET /users?limit=1',
      ok: true,
      detail: '401 without a token: behind the JWT authorizer',
    });
  });

  it('reports an unreachable API as a failed check', async () => {
    // Act
    const checks = await runSmoke({
      apiUrl: 'http://127.0.0.1:9/',
      fn: 'generator-fn',
      timeoutMs: 2000,
    });

    // Assert: the generator has no route, so health is its only check.
    expect(checks).toEqual([
      { name: 'GET /health', ok: false, detail: expect.stringMatching(/^request failed/) },
    ]);
  });
});
