/**
 * Test helpers for a function's handler, as Lambda would run it: a table of its own on the
 * DynamoDB Local of the test run, the environment it reads when it loads, profiles seeded
 * before the first test, and calls through the real Middy-wrapped handler with a Lambda context.
 */
import {
  invokeHttp,
  lambdaContext,
  type HttpEvent,
  type HttpRequestSpec,
  type JsonResponse,
} from '@peer-rewards/http-kit/testing';
import { parseEmfLine, type EmfRecord } from '@peer-rewards/http-kit';
import { ENV, type FunctionName } from '@peer-rewards/platform-manifest';
import {
  DynamoDbRewardRepository,
  DynamoDbUserRepository,
  type RepositoryOptions,
} from '@peer-rewards/rewards-dynamodb';
import { createTestTable, type TestTable } from '@peer-rewards/rewards-dynamodb/testing';
import type { Context } from 'aws-lambda';

export interface FunctionTestOptions {
  /**
   * Settings on top of the table, region, CORS origin and log level every function gets; a
   * function of them is read when the entry loads (after earlier `beforeAll`s, e.g. a proxy).
   */
  readonly env?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** Usernames that have a profile (display name = username) before the first test. */
  readonly profiles?: readonly string[];
}

// The entry's handler, as Lambda calls it; a scheduled test passes its own event through it.
type AnyHandler = (event: HttpEvent, context: Context) => Promise<unknown>;

export interface FunctionUnderTest {
  /** One HTTP request through the handler, the JSON body parsed; `context` sets its deadline. */
  call(spec: HttpRequestSpec, context?: Context): Promise<JsonResponse>;
  /** Any event through the handler (a scheduled event), with a fresh Lambda context. */
  invoke<R = unknown>(event: unknown): Promise<R>;
  /** The EMF metric records the handler printed so far (kept off the test output). */
  metrics(): EmfRecord[];
  users(): DynamoDbUserRepository;
  rewards(): DynamoDbRewardRepository;
  /** The function's table and a client on it, for the repositories of its own. */
  table(): RepositoryOptions;
}

/** The origin the functions under test allow by CORS. */
export const TEST_ORIGIN = 'http://localhost:3000';

/** The fixed key the functions under test sign their cursors with. */
export const TEST_CURSOR_SIGNING_KEY = 'test-cursor-signing-key-0123456789abcdef';

/**
 * Registers `beforeAll`/`afterAll` that set the function up and tear it down; call it inside
 * `describe`. `load` imports the function's entry (`() => import('./index')`) only after the
 * environment is set, as Lambda loads a bundle with its settings in place.
 */
export const functionUnderTest = (
  name: FunctionName,
  load: () => Promise<{ handler: unknown }>,
  options: FunctionTestOptions = {},
): FunctionUnderTest => {
  let table: TestTable | undefined;
  let handler: AnyHandler | undefined;
  let restoreStdout: (() => void) | undefined;
  const metricLines: string[] = [];

  beforeAll(async () => {
    restoreStdout = keepMetricLines(metricLines);
    table = await createTestTable(name);
    Object.assign(process.env, {
      [ENV.tableName]: table.tableName,
      AWS_REGION: 'us-east-1',
      [ENV.corsOrigins]: TEST_ORIGIN,
      [ENV.cursorSigningKey]: TEST_CURSOR_SIGNING_KEY,
      [ENV.logLevel]: 'warn',
      ...(typeof options.env === 'function' ? options.env() : options.env),
    });
    const users = new DynamoDbUserRepository(table);
    for (const username of options.profiles ?? []) {
      await users.upsert({ username, displayName: username }, new Date().toISOString());
    }
    handler = (await load()).handler as AnyHandler;
  });

  afterAll(async () => {
    restoreStdout?.();
    await table?.drop();
  });

  const ready = () => {
    if (!table || !handler) throw new Error(`${name} is used before its beforeAll ran.`);
    return { table, handler };
  };

  return {
    call: (spec, context) => invokeHttp(ready().handler, spec, context ?? lambdaContext(name)),
    invoke: async <R>(event: unknown) =>
      (await ready().handler(event as HttpEvent, lambdaContext(name))) as R,
    metrics: () => metricLines.map((line) => parseEmfLine(line)).filter((r) => r !== undefined),
    users: () => new DynamoDbUserRepository(ready().table),
    rewards: () => new DynamoDbRewardRepository(ready().table),
    table: () => ready().table,
  };
};

/** Takes EMF lines out of stdout (into `into`) and lets every other line through. */
const keepMetricLines = (into: string[]): (() => void) => {
  const write = process.stdout.write.bind(process.stdout);
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(((
    chunk: string | Uint8Array,
    ...rest: never[]
  ) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    if (!text.startsWith('{"_aws"')) return write(chunk, ...rest);
    into.push(...text.split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write);
  return () => spy.mockRestore();
};
export { secretIdOf, startSecretsExtension, type FakeSecretsExtension } from './secrets-extension';
