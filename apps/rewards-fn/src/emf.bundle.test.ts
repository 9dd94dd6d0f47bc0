/**
 * The built artifact keeps the metric contract: what CloudWatch would read from its stdout when
 * it answers a 5xx is the namespace, metric and dimensions the delivery alarms watch.
 * Needs `npm run build` (which `npm test` runs first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseEmfLine } from '@peer-rewards/http-kit';
import { httpRequestEvent, type HttpRequestSpec } from '@peer-rewards/http-kit/testing';
import { TEST_CURSOR_SIGNING_KEY } from '@peer-rewards/function-runtime/testing';
import { ENV, METRICS, METRIC_DIMENSION_SETS } from '@peer-rewards/platform-manifest';

const BUNDLE = path.resolve(__dirname, '../../../dist/apps/rewards-fn/index.js');
const RESULT = 'RESULT ';

/**
 * Loads the bundle with Node's own `require` in a process of its own, as Lambda does (jest's
 * sandbox would give Node's network errors another realm's `Error`), and calls the handler once
 * with a Lambda context of `functionName` and `functionVersion`.
 */
const RUNNER = `
const { handler } = require(process.argv[1]);
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', async () => {
  const { event, context } = JSON.parse(input);
  const deadline = Date.now() + 10000;
  const result = await handler(event, { ...context, getRemainingTimeInMillis: () => deadline - Date.now() });
  process.stdout.write('\\n${RESULT}' + JSON.stringify(result) + '\\n');
});`;

/** A port nothing listens on: a DynamoDB there refuses every connection, an outage. */
const closedPort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });

const invokeBundle = (spec: HttpRequestSpec, env: Record<string, string>) => {
  const context = {
    functionName: 'rewards-fn',
    functionVersion: '7',
    awsRequestId: 'emf-bundle-test',
    memoryLimitInMB: '256',
  };
  const run = spawnSync(process.execPath, ['-e', RUNNER, BUNDLE], {
    input: JSON.stringify({ event: httpRequestEvent(spec), context }),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`The bundle failed: ${run.stderr}`);
  const lines = run.stdout.split('\n').filter(Boolean);
  const result = lines.find((line) => line.startsWith(RESULT));
  return {
    response: JSON.parse((result ?? RESULT).slice(RESULT.length) || 'null'),
    metrics: lines.map((line) => parseEmfLine(line)).filter((record) => record !== undefined),
  };
};

describe('the built rewards-fn bundle', () => {
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first.`);
    env = {
      [ENV.tableName]: 'emf-peer-rewards',
      [ENV.dynamodbEndpoint]: `http://127.0.0.1:${await closedPort()}`,
      [ENV.logLevel]: 'error',
      [ENV.cursorSigningKey]: TEST_CURSOR_SIGNING_KEY,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
  });

  it('prints one EMF line with ServerErrors 1 for its version when DynamoDB is down', () => {
    // Act
    const { response, metrics } = invokeBundle(
      { method: 'GET', path: '/rewards', user: 'alex' },
      env,
    );
    // Assert
    expect(response).toMatchObject({ statusCode: 503, headers: { 'retry-after': '1' } });
    expect(metrics).toEqual([
      {
        timestamp: expect.any(Number),
        namespace: METRICS.namespace,
        dimensionSets: METRIC_DIMENSION_SETS,
        dimensions: {
          [METRICS.dimensions.functionName]: 'rewards-fn',
          [METRICS.dimensions.version]: '7',
        },
        metrics: { [METRICS.requests]: 1, [METRICS.serverErrors]: 1 },
        units: { [METRICS.requests]: 'Count', [METRICS.serverErrors]: 'Count' },
      },
    ]);
  });

  it('serves every component of the OpenAPI document, though bundling drops unused schemas', () => {
    // Act
    const { response } = invokeBundle({ method: 'GET', path: '/openapi.json' }, env);
    const document = JSON.parse(response.body) as { components: { schemas: object } };
    // Assert
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'Bff',
      'Error',
      'GiveReward',
      'Health',
      'Leaderboard',
      'LeaderboardEntry',
      'ProfileInput',
      'Reward',
      'RewardList',
      'User',
      'UserBatch',
      'UserList',
      'UserProfile',
    ]);
  });

  it('prints ServerErrors 0 for an answer that needs no database', () => {
    // Act
    const { response, metrics } = invokeBundle({ method: 'GET', path: '/health' }, env);
    // Assert
    expect(response).toMatchObject({ statusCode: 200 });
    expect(metrics).toMatchObject([
      { metrics: { [METRICS.requests]: 1, [METRICS.serverErrors]: 0 } },
    ]);
  });
});
