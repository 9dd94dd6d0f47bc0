/**
 * `npm run invoke -- <fn> --event <file.json>`: one invocation of a built function, as Lambda
 * would run it, with its REPORT line. It uses the DynamoDB of a running `npm start` (found through
 * `<dataDir>/local-stack.json`), or `DYNAMODB_ENDPOINT`, or starts a temporary in-memory DynamoDB
 * Local with the table and the demo users. AWS's own sample events work unchanged.
 *
 * stdout: the result JSON (or Lambda's error JSON). stderr: START/END/REPORT and the function's
 * output. Exit code 0 when the function returned (even a 4xx), 1 when it threw or timed out.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { findFunction, tableNameFor } from '@peer-rewards/platform-manifest';
import { ensureTable } from '@peer-rewards/rewards-dynamodb';
import {
  JavaMissingError,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from './dynamodb-local/dynamodb-local';
import { REPO_ROOT, appVersion } from './app-version';
import { DEFAULT_CORS_ORIGINS } from './cors';
import { loadOrCreateCursorKey } from './cursor-key';
import { localFunctionEnv } from './function-env';
import { FunctionHost } from './function-host';
import { seedDemoUsers } from './seed-demo-users';
import { findRunningStack } from './stack-file';

const USAGE =
  'usage: npm run invoke -- <users-fn|rewards-fn|slack-fn|generator-fn> --event <file.json> [--dist <dist/apps>] [--data-dir <.data>] [--table <name>]';

export interface InvokeIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

interface Args {
  fn: string;
  eventFile: string;
  distDir: string;
  dataDir: string;
  tableName?: string;
}

const parseArgs = (argv: readonly string[]): Args | string => {
  let fn: string | undefined;
  let eventFile: string | undefined;
  let distDir = path.join(REPO_ROOT, 'dist', 'apps');
  let dataDir = path.join(REPO_ROOT, '.data');
  let tableName: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`${arg} needs a value.`);
      i += 1;
      return next;
    };
    try {
      if (arg === '--event' || arg === '-e') eventFile = path.resolve(value());
      else if (arg === '--dist') distDir = path.resolve(value());
      else if (arg === '--data-dir') dataDir = path.resolve(value());
      else if (arg === '--table') tableName = value();
      else if (!arg.startsWith('-') && fn === undefined) fn = arg;
      else return `unexpected argument ${arg}.`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!fn) return 'which function?';
  if (!eventFile) return 'which event? Pass --event <file.json> (npm run event -- … writes one).';
  return { fn, eventFile, distDir, dataDir, tableName };
};

export const main = async (
  argv: readonly string[],
  io: InvokeIo = { out: console.log, err: console.error },
): Promise<number> => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`invoke: ${args}\n${USAGE}`);
    return 2;
  }
  const spec = findFunction(args.fn);
  if (!spec) {
    io.err(`invoke: ${args.fn} is not a function of this project.\n${USAGE}`);
    return 2;
  }
  const bundle = path.join(args.distDir, spec.name, 'index.js');
  if (!existsSync(bundle)) {
    io.err(
      `invoke: ${spec.name} is not built (${bundle} is missing): run npx nx run ${spec.name}:build.`,
    );
    return 2;
  }
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(args.eventFile, 'utf8'));
  } catch (error) {
    io.err(`invoke: cannot read the event ${args.eventFile}: ${(error as Error).message}`);
    return 2;
  }

  let temporary: DynamoDbLocal | null = null;
  let client: DynamoDBClient | null = null;
  try {
    let endpoint = process.env.DYNAMODB_ENDPOINT;
    let tableName = args.tableName ?? tableNameFor('local');
    const running = endpoint ? null : await findRunningStack(args.dataDir);
    if (running) {
      endpoint = running.dynamodbEndpoint;
      tableName = args.tableName ?? running.tableName;
      io.err(`invoke: using the running local stack (${running.url}, table ${tableName}).`);
    } else if (!endpoint) {
      io.err('invoke: no local stack is running: starting a temporary in-memory DynamoDB Local…');
      temporary = await startDynamoDbLocal({ inMemory: true });
      endpoint = temporary.endpoint;
    }
    client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await ensureTable(client, tableName);

    const hostFor = (name: string, file: string, memoryMb: number, timeoutSeconds: number) =>
      new FunctionHost({
        name,
        file,
        memoryMb,
        timeoutSeconds,
        env: localFunctionEnv({
          tableName,
          dynamodbEndpoint: endpoint,
          corsOrigins: DEFAULT_CORS_ORIGINS,
          version: appVersion(),
          // The running stack's key, so a cursor from its answers pages on here too.
          cursorSigningKey: loadOrCreateCursorKey(running ? args.dataDir : undefined),
        }),
        log: io.err,
      });

    if (temporary) {
      const users = findFunction('users-fn');
      const usersBundle = path.join(args.distDir, 'users-fn', 'index.js');
      if (users) {
        const usersHost = hostFor('users-fn', usersBundle, users.memoryMb, users.timeoutSeconds);
        await seedDemoUsers({
          client,
          tableName,
          usersFnBuilt: existsSync(usersBundle),
          invoke: async (seedEvent) => {
            const result = await usersHost.invoke(seedEvent);
            return result.ok
              ? Number((result.result as { statusCode?: unknown } | null)?.statusCode)
              : 500;
          },
          log: () => undefined,
        });
      }
    }

    const host = hostFor(spec.name, bundle, spec.memoryMb, spec.timeoutSeconds);
    const invocation = await host.invoke(event);
    if (invocation.ok) {
      io.out(JSON.stringify(invocation.result, null, 2));
      return 0;
    }
    io.out(
      JSON.stringify(
        {
          errorType: invocation.error.errorType,
          errorMessage: invocation.error.errorMessage,
          trace: invocation.error.stack ?? [],
        },
        null,
        2,
      ),
    );
    return 1;
  } catch (error) {
    if (error instanceof JavaMissingError) io.err(error.message);
    else io.err(`invoke: ${(error as Error).message}`);
    return 1;
  } finally {
    client?.destroy();
    await temporary?.stop();
  }
};

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
