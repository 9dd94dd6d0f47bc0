/**
 * `npm start` seen from outside, as a developer, an IDE or a process manager sees it: when it
 * answers, what a signal leaves behind, what a taken port says.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  assertPortFree,
  dynamoDbLocalPids,
  freePort,
  spawnStack,
  type StackProcess,
} from '@peer-rewards/local-stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Each test starts a stack with its own DynamoDB Local: room for a JVM start on a busy machine. */
const STACK_TEST_TIMEOUT_MS = 180_000;

/** Waits (bounded) until no DynamoDB Local JVM listens on `port`; answers the pids left. */
const jvmsLeftAfter = async (port: number, withinMs = 30_000): Promise<number[]> => {
  const deadline = Date.now() + withinMs;
  let pids = dynamoDbLocalPids(port);
  while (pids.length > 0 && Date.now() < deadline) {
    await sleep(100);
    pids = dynamoDbLocalPids(port);
  }
  return pids;
};

/**
 * Waits (bounded) until every port can be bound again. A killed JVM is out of `ps` (its command
 * line goes with its memory) a moment before the kernel has closed its sockets.
 */
const portsFreeWithin = async (ports: readonly number[], withinMs = 10_000): Promise<boolean> => {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      for (const port of ports) await assertPortFree(port, 'test');
      return true;
    } catch {
      if (Date.now() > deadline) return false;
      await sleep(100);
    }
  }
};

const holdPort = (port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('npm start from outside', () => {
  let dataDir: string;
  let stack: StackProcess | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lifecycle-'));
  });

  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  }, STACK_TEST_TIMEOUT_MS);

  const start = async (via: 'npm' | 'node', args: string[] = []) => {
    const ports = { api: await freePort(), dynamodb: await freePort() };
    stack = spawnStack({ port: ports.api, dynamodbPort: ports.dynamodb, dataDir, via, args });
    return { stack, ports };
  };

  it(
    'takes a reward between two demo users the first moment /health answers, and SIGTERM to npm start stops everything',
    async () => {
      // Arrange
      const { stack, ports } = await start('npm');

      // Act
      await stack.waitUntilHealthy();
      const gift = await fetch(`${stack.url}/rewards`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.tokenFor('alex')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ to: 'andreas', points: 5, message: 'first one in 🚀' }),
      });
      const giftBody = await gift.text();
      expect(dynamoDbLocalPids(ports.dynamodb)).toHaveLength(1);
      stack.child.kill('SIGTERM');

      // Assert
      expect({ status: gift.status, body: giftBody }).toMatchObject({ status: 201 });
      expect(await stack.exited).toMatchObject({ signal: null });
      expect(await jvmsLeftAfter(ports.dynamodb)).toEqual([]);
      expect(await portsFreeWithin([ports.api, ports.dynamodb])).toBe(true);
    },
    STACK_TEST_TIMEOUT_MS,
  );

  it.each(['SIGHUP', 'SIGKILL'] as const)(
    'takes DynamoDB Local down with the stack on %s',
    async (signal) => {
      // Arrange
      const { stack, ports } = await start('node', ['--in-memory']);
      await stack.waitUntilHealthy();
      const pid = stack.stackPid();
      expect(pid).toBeDefined();
      expect(dynamoDbLocalPids(ports.dynamodb)).toHaveLength(1);

      // Act
      process.kill(pid as number, signal);

      // Assert
      expect(await jvmsLeftAfter(ports.dynamodb)).toEqual([]);
      await stack.exited;
      expect(await portsFreeWithin([ports.api, ports.dynamodb])).toBe(true);
    },
    STACK_TEST_TIMEOUT_MS,
  );

  it.each([
    ['the API', 'api', /^start: port \d+ \(the API\) is in use: .*--port/],
    [
      'DynamoDB Local',
      'dynamodb',
      /^start: port \d+ \(DynamoDB Local\) is in use: .*--dynamodb-port/,
    ],
  ] as const)(
    'says in one line that the port of %s is taken',
    async (_name, which, message) => {
      // Arrange
      const ports = { api: await freePort(), dynamodb: await freePort() };
      const holder = await holdPort(ports[which]);
      try {
        // Act
        stack = spawnStack({ port: ports.api, dynamodbPort: ports.dynamodb, dataDir, via: 'node' });
        const { code } = await stack.exited;

        // Assert
        expect(code).not.toBe(0);
        const errorLines = stack
          .output()
          .split('\n')
          .filter((line) => line.startsWith('start:'));
        expect(errorLines).toHaveLength(1);
        expect(errorLines[0]).toMatch(message);
        expect(stack.output()).not.toMatch(/\n\s+at /);
        expect(dynamoDbLocalPids(ports.dynamodb)).toEqual([]);
      } finally {
        await new Promise((resolve) => holder.close(resolve));
      }
    },
    STACK_TEST_TIMEOUT_MS,
  );
});
