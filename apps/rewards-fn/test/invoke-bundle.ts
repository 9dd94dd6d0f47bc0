/**
 * Runs a built rewards-fn bundle as Lambda does: Node's own `require` in a process of its own
 * (jest's sandbox would give Node's network errors another realm's `Error`), one invocation with
 * a Lambda context. Needs `npm run build` (which `npm test` runs first).
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseEmfLine } from '@peer-rewards/http-kit';
import { httpRequestEvent, type HttpRequestSpec } from '@peer-rewards/http-kit/testing';
import { TEST_CURSOR_SIGNING_KEY } from '@peer-rewards/function-runtime/testing';
import { ENV } from '@peer-rewards/platform-manifest';

export const DIST_DIR = path.resolve(__dirname, '../../../dist/apps');
export const BUNDLE = path.join(DIST_DIR, 'rewards-fn', 'index.js');

const RESULT = 'RESULT ';

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

/** What the function reads at load, with a DynamoDB endpoint where nothing listens. */
export const bundleEnv = async (): Promise<Record<string, string>> => ({
  [ENV.tableName]: 'emf-peer-rewards',
  [ENV.dynamodbEndpoint]: `http://127.0.0.1:${await closedPort()}`,
  [ENV.logLevel]: 'error',
  [ENV.cursorSigningKey]: TEST_CURSOR_SIGNING_KEY,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

/** Calls the bundle's handler once as `rewards-fn` version 7; its answer and its EMF lines. */
export const invokeBundle = (
  spec: HttpRequestSpec,
  env: Record<string, string>,
  bundle: string = BUNDLE,
) => {
  const context = {
    functionName: 'rewards-fn',
    functionVersion: '7',
    awsRequestId: 'bundle-test',
    memoryLimitInMB: '256',
  };
  const run = spawnSync(process.execPath, ['-e', RUNNER, bundle], {
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
