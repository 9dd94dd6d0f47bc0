import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runSmoke } from './smoke';

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
  it('passes when health has the deployed version and the route answers with a token', async () => {
    // Act
    const checks = await runSmoke({
      apiUrl: api.url,
      fn: 'rewards-fn',
      expectVersion: 'abc123def456',
      token: 'good',
    });

    // Assert
    expect(checks).toEqual([
      { name: 'GET /health', ok: true, detail: '200, version abc123def456' },
      { name: 'GET /rewards?limit=1', ok: true, detail: '200 with a token' },
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
      detail: '401 without a token (no SMOKE_TOKEN given)',
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
