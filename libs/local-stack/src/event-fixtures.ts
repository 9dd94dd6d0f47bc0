/**
 * The event fixture files under `tools/local/test/events/`, written by `npm run event -- fixtures`
 * from the same generators the local stack uses (fixed times and ids, so they do not churn), plus
 * AWS's own sample events unchanged. Tests load them with `loadEventFixture`, a fresh copy each time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requestEvent, scheduleEvent } from './events';

export const EVENT_FIXTURES_DIR = path.join(__dirname, 'test', 'events');

const FIXED_TIME = new Date('2026-11-27T12:00:00.000Z');

/**
 * AWS's sample API Gateway HTTP API payload 2.0 event (the `apigateway-http-api-proxy` template),
 * with its base64 body: `{"test":"body"}`.
 */
export const AWS_HTTP_API_SAMPLE = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/path/to/resource',
  rawQueryString: 'parameter1=value1&parameter1=value2&parameter2=value',
  cookies: ['cookie1', 'cookie2'],
  headers: { Header1: 'value1', Header2: 'value1,value2' },
  queryStringParameters: { parameter1: 'value1,value2', parameter2: 'value' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'api-id',
    authentication: {
      clientCert: {
        clientCertPem: 'CERT_CONTENT',
        subjectDN: 'www.example.com',
        issuerDN: 'Example issuer',
        serialNumber: 'a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1',
        validity: { notBefore: 'May 28 12:30:02 2019 GMT', notAfter: 'Aug  5 09:36:04 2021 GMT' },
      },
    },
    authorizer: {
      jwt: { claims: { claim1: 'value1', claim2: 'value2' }, scopes: ['scope1', 'scope2'] },
    },
    domainName: 'id.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'id',
    http: {
      method: 'POST',
      path: '/path/to/resource',
      protocol: 'HTTP/1.1',
      sourceIp: '192.168.0.1/32',
      userAgent: 'agent',
    },
    requestId: 'id',
    routeKey: '$default',
    stage: '$default',
    time: '12/Mar/2020:19:03:58 +0000',
    timeEpoch: 1583348638390,
  },
  body: 'eyJ0ZXN0IjoiYm9keSJ9',
  pathParameters: { parameter1: 'value1' },
  isBase64Encoded: true,
  stageVariables: { stageVariable1: 'value1', stageVariable2: 'value2' },
};

/** AWS's sample EventBridge scheduled event. */
export const AWS_SCHEDULED_EVENT_SAMPLE = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2015-10-08T16:53:06Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule'],
  detail: {},
};

const at = (requestId: string) => ({ time: FIXED_TIME, requestId });

/** Every fixture by its path under `tools/local/test/events/`. */
export const eventFixtures = (): Record<string, unknown> => ({
  'http/get-health.json': requestEvent({
    method: 'GET',
    path: '/health',
    ...at('fixture-get-health'),
  }),
  'http/get-openapi.json': requestEvent({
    method: 'GET',
    path: '/openapi.json',
    ...at('fixture-get-openapi'),
  }),
  'http/get-users.json': requestEvent({
    method: 'GET',
    path: '/users?limit=5',
    user: 'alex',
    ...at('fixture-get-users'),
  }),
  'http/get-users-batch.json': requestEvent({
    method: 'GET',
    path: '/users?usernames=alex,andreas,nobody',
    user: 'alex',
    ...at('fixture-get-users-batch'),
  }),
  'http/get-user.json': requestEvent({
    method: 'GET',
    path: '/users/andreas',
    user: 'alex',
    ...at('fixture-get-user'),
  }),
  'http/get-users-me.json': requestEvent({
    method: 'GET',
    path: '/users/me',
    user: 'alex',
    ...at('fixture-get-users-me'),
  }),
  'http/put-users-me.json': requestEvent({
    method: 'PUT',
    path: '/users/me',
    user: 'alex',
    body: JSON.stringify({ displayName: 'Alex Krause', avatar: '🦊' }),
    ...at('fixture-put-users-me'),
  }),
  'http/post-reward.json': requestEvent({
    method: 'POST',
    path: '/rewards',
    user: 'alex',
    body: JSON.stringify({ to: 'andreas', points: 10, message: 'Thanks for the review 🙌' }),
    headers: { 'idempotency-key': 'fixture-post-reward-1' },
    ...at('fixture-post-reward'),
  }),
  'http/get-rewards.json': requestEvent({
    method: 'GET',
    path: '/rewards?limit=5&to=andreas',
    user: 'alex',
    ...at('fixture-get-rewards'),
  }),
  'http/get-reward.json': requestEvent({
    method: 'GET',
    path: '/rewards/01KB0000000000000000000000',
    user: 'alex',
    ...at('fixture-get-reward'),
  }),
  'http/get-leaderboard.json': requestEvent({
    method: 'GET',
    path: '/leaderboard?period=week&limit=10',
    user: 'alex',
    ...at('fixture-get-leaderboard'),
  }),
  'http/get-unknown-route.json': requestEvent({
    method: 'GET',
    path: '/nothing/here',
    ...at('fixture-unknown'),
  }),
  'schedule/generator-run.json': scheduleEvent({
    time: FIXED_TIME,
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  }),
  'aws/apigateway-http-api-v2-sample.json': AWS_HTTP_API_SAMPLE,
  'aws/eventbridge-scheduled-event-sample.json': AWS_SCHEDULED_EVENT_SAMPLE,
});

export const formatFixture = (event: unknown): string => `${JSON.stringify(event, null, 2)}\n`;

/** Writes every fixture under `dir`, formatted as the repository's Prettier wants; returns the files. */
export const writeEventFixtures = async (dir = EVENT_FIXTURES_DIR): Promise<string[]> => {
  const prettier = await import('prettier');
  const files: string[] = [];
  for (const [relative, event] of Object.entries(eventFixtures())) {
    const file = path.join(dir, relative);
    const config = await prettier.resolveConfig(file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await prettier.format(formatFixture(event), { ...config, filepath: file }));
    files.push(file);
  }
  return files;
};

/** A fixture event, parsed afresh on every call so a test can change its copy freely. */
export const loadEventFixture = <T = Record<string, unknown>>(relative: string): T =>
  JSON.parse(readFileSync(path.join(EVENT_FIXTURES_DIR, relative), 'utf8')) as T;
