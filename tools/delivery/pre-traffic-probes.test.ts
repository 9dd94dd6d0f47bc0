/**
 * The pre-traffic probes against the BUILT functions (`dist/apps/<fn>/index.js`), loaded as
 * Lambda loads them, on DynamoDB Local: a healthy version answers every probe with a 2xx, so the
 * hook lets it through; the same version with an unreachable table fails the authenticated read,
 * so the hook stops it before any traffic shifts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { lambdaContext } from '@peer-rewards/http-kit/testing';
import {
  FUNCTIONS,
  findFunction,
  judgeProbe,
  probeEvent,
  probeRequestsFor,
  type ProbeResult,
} from '@peer-rewards/platform-manifest';
import { createTestTable, type TestTable } from '@peer-rewards/rewards-dynamodb/testing';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const DIST = path.resolve(__dirname, '../../dist/apps');
const HTTP_FUNCTIONS = FUNCTIONS.filter((fn) => fn.kind === 'http');
/** Functions whose probes include an authenticated read, which reaches the table. */
const READ_PROBED_FUNCTIONS = HTTP_FUNCTIONS.filter((fn) =>
  probeRequestsFor(fn).some((request) => request.authenticated),
);

/** Loads a built bundle afresh with the given environment, as a cold start would. */
const loadBundle = (fn: string, env: Record<string, string>): Handler => {
  const file = path.join(DIST, fn, 'index.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first.`);
  Object.assign(process.env, env);
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = (require(file) as { handler: Handler }).handler;
  });
  return handler as Handler;
};

const probe = async (fn: string, handler: Handler): Promise<ProbeResult[]> => {
  const spec = findFunction(fn);
  if (!spec) throw new Error(fn);
  const results: ProbeResult[] = [];
  for (const request of probeRequestsFor(spec)) {
    const event = probeEvent(request, {
      usernameClaim: 'username',
      origin: 'http://localhost:3000',
      now: new Date(),
      requestId: `probe-${request.method}`,
    });
    const answer = await handler(event, lambdaContext(`test-${fn}`));
    results.push(judgeProbe(request, undefined, JSON.stringify(answer)));
  }
  return results;
};

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('pre-traffic');
});

afterAll(async () => {
  await table?.drop();
});

const environment = (endpoint: string) => ({
  TABLE_NAME: table.tableName,
  DYNAMODB_ENDPOINT: endpoint,
  AWS_REGION: 'us-east-1',
  CORS_ORIGINS: 'http://localhost:3000',
  LOG_LEVEL: 'error',
  STAGE: 'test',
  DASHBOARD_URL: 'http://localhost:3000',
  CURSOR_SIGNING_KEY: 'probe-cursor-signing-key-0123456789abcdef',
});

describe.each(HTTP_FUNCTIONS.map((fn) => fn.name))('the probes of the built %s', (fn) => {
  it('all pass on a healthy version', async () => {
    // Arrange
    const handler = loadBundle(fn, environment(table.endpoint));

    // Act
    const results = await probe(fn, handler);

    // Assert
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((result) => !result.ok)).toEqual([]);
  });
});

describe.each(READ_PROBED_FUNCTIONS.map((fn) => fn.name))('the probes of the built %s', (fn) => {
  it('fail the authenticated read when the version cannot reach its table', async () => {
    // Arrange: nothing listens on port 9.
    const handler = loadBundle(fn, environment('http://127.0.0.1:9'));

    // Act
    const results = await probe(fn, handler);

    // Assert
    expect(results.map((result) => result.ok)).toEqual([true, false]);
    expect(results[1].detail).toMatch(/^5\d\d: /);
  });
});
