/**
 * `npm start`: builds the functions and the dashboard, then runs the whole system locally.
 *
 *   npm start -- [--port 3000] [--host 127.0.0.1] [--in-memory] [--data-dir .data] [--no-seed]
 *                [--generate] [--generate-every 10s] [--watch] [--quiet] [--no-build]
 *                [--dynamodb-port <n>]
 *
 * Env: PORT (default port), DYNAMODB_ENDPOINT (use that DynamoDB instead of starting one).
 * Ctrl-C, SIGTERM and SIGHUP stop the server, the generator and DynamoDB Local; the API listens
 * only once the table and the demo users are in place.
 */
import path from 'node:path';
import {
  JAVA_MISSING_MESSAGE,
  JavaMissingError,
  PortInUseError,
} from './dynamodb-local/dynamodb-local';
import { REPO_ROOT } from './app-version';
import { buildProjects, existingProjects, LOCAL_PROJECTS } from './build-functions';
import { startLocalStack, type LocalStack, type LocalStackOptions } from './local-stack';
import { removeStackFile, writeStackFile } from './stack-file';
import { watchStopRequests } from './stop-signals';
import { startWatching } from './watch-mode';

export interface StartArgs {
  readonly stack: LocalStackOptions;
  readonly dataDir: string;
  readonly distDir: string;
  readonly watch: boolean;
  readonly build: boolean;
  readonly quiet: boolean;
}

const USAGE = `usage: npm start -- [options]
  --port <n>              port of the API (env PORT, default 3000; 0 = any free port)
  --host <address>        address to listen on (default 127.0.0.1)
  --dynamodb-port <n>     port of DynamoDB Local (default any free port)
  --in-memory             DynamoDB Local in memory: nothing is kept after Ctrl-C
  --data-dir <folder>     where data, the issuer key and local-stack.json live (default .data)
  --dist <folder>         built functions (default dist/apps)
  --no-seed               do not create the demo users on an empty table
  --generate              run generator-fn every minute (as its schedule would)
  --generate-every <t>    … every <t> instead: 10s, 500ms, 2m
  --watch                 rebuild on changes under apps/ and libs/ and reload the function
  --quiet                 no per-request log lines (benchmarks)
  --no-build              serve what is in dist/apps as it is
  --function-env NAME=v   extra environment for the functions (repeatable), e.g. MONTHLY_ALLOWANCE=1000
env: PORT, DYNAMODB_ENDPOINT (use that DynamoDB instead of starting DynamoDB Local)`;

/** `10s` → 10000, `500ms` → 500, `2m` → 120000. */
export const parseDuration = (text: string): number => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration: use e.g. 10s, 500ms or 2m.`);
  const value = Number(match[1]);
  const ms = match[2] === 'ms' ? value : match[2] === 's' ? value * 1000 : value * 60_000;
  if (ms < 100) throw new Error(`${text} is too short: the generator runs at most every 100 ms.`);
  return ms;
};

export const parseStartArgs = (
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): StartArgs => {
  let port = env.PORT === undefined ? 3000 : Number(env.PORT);
  let host: string | undefined;
  let dynamodbPort: number | undefined;
  let inMemory = false;
  let dataDir = path.join(REPO_ROOT, '.data');
  let distDir = path.join(REPO_ROOT, 'dist', 'apps');
  let seed = true;
  let generate: LocalStackOptions['generate'] = false;
  let watchMode = false;
  let build = true;
  let quiet = false;
  const functionEnv: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value.`);
      i += 1;
      return next;
    };
    if (arg === '--port') port = Number(value());
    else if (arg === '--host') host = value();
    else if (arg === '--dynamodb-port') dynamodbPort = Number(value());
    else if (arg === '--in-memory') inMemory = true;
    else if (arg === '--data-dir') dataDir = path.resolve(value());
    else if (arg === '--dist') distDir = path.resolve(value());
    else if (arg === '--no-seed') seed = false;
    else if (arg === '--generate') generate = generate || true;
    else if (arg === '--generate-every') generate = { everyMs: parseDuration(value()) };
    else if (arg === '--watch') watchMode = true;
    else if (arg === '--quiet') quiet = true;
    else if (arg === '--no-build') build = false;
    else if (arg === '--function-env') {
      const pair = value();
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--function-env wants NAME=value, got ${pair}.`);
      functionEnv[pair.slice(0, at)] = pair.slice(at + 1);
    } else throw new Error(`unknown option ${arg}.`);
  }
  for (const p of [port, dynamodbPort ?? 0])
    if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`${p} is not a port.`);
  return {
    stack: {
      port,
      host,
      dynamodbPort,
      inMemory,
      dataDir,
      distDir,
      seed,
      generate,
      quiet,
      functionEnv,
      dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
      // The key file is kept even for --in-memory, so `npm run token` works against this stack.
      issuerKeyFile: path.join(dataDir, 'local-issuer.json'),
      versionsDir: path.join(dataDir, 'functions'),
      ...(quiet ? { log: () => undefined } : {}),
    },
    dataDir,
    distDir,
    watch: watchMode,
    build,
    quiet,
  };
};

export const banner = (stack: LocalStack, args: StartArgs): string => {
  const defaultDataDir = args.dataDir === path.join(REPO_ROOT, '.data');
  const tokenCommand = `npm run -s token -- alex${defaultDataDir ? '' : ` --data-dir ${args.dataDir}`}`;
  const data = args.stack.inMemory ? 'in memory (--in-memory): nothing is kept' : args.dataDir;
  return [
    '',
    `  peer-rewards local stack — ${stack.url}`,
    '',
    `  API + dashboard  ${stack.url}/`,
    `  DynamoDB         ${stack.dynamodbEndpoint} (table ${stack.tableName}; DynamoDB Local listens on every interface)`,
    `  Lambda API       ${stack.awsEndpoint} (versions, aliases: npm run release -- status --stage local)`,
    `  data             ${data}`,
    `  generator        ${args.stack.generate ? `on, every ${typeof args.stack.generate === 'object' ? `${args.stack.generate.everyMs} ms` : 'minute'}` : 'off (--generate to turn it on)'}`,
    '',
    `  token:   ${tokenCommand}`,
    `  try:     curl -s ${stack.url}/health`,
    `           curl -s -H "Authorization: Bearer $(${tokenCommand})" ${stack.url}/users/alex`,
    '',
    '  Ctrl-C (or SIGTERM, SIGHUP) stops everything.',
    '',
  ].join('\n');
};

export const main = async (argv: readonly string[]): Promise<number> => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let args: StartArgs;
  try {
    args = parseStartArgs(argv);
  } catch (error) {
    console.error(`start: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  // From the first moment: a stop during the build or DynamoDB Local's start must not leave the
  // JVM behind (it is tied to this process, see dynamodb-local/tied-process.ts).
  let onStop = (reason: string): void => {
    log(`[stop] ${reason} while starting: exiting.`);
    process.exit(1);
  };
  watchStopRequests((reason) => onStop(reason));

  if (args.build) {
    const projects = existingProjects(LOCAL_PROJECTS);
    const missing = LOCAL_PROJECTS.filter((name) => !projects.includes(name));
    log(
      `[build] building ${projects.join(', ') || 'nothing'}${missing.length ? ` (not in this checkout yet: ${missing.join(', ')})` : ''}…`,
    );
    const code = await buildProjects(projects, args.quiet ? () => undefined : log);
    if (code !== 0) {
      console.error(
        'start: the build failed (see above); fix it or use --no-build to serve the last build.',
      );
      return 1;
    }
  }

  let stack: LocalStack;
  try {
    log(
      args.stack.dynamodbEndpoint
        ? `[dynamodb] using ${args.stack.dynamodbEndpoint}`
        : '[dynamodb] starting DynamoDB Local…',
    );
    stack = await startLocalStack(args.stack);
  } catch (error) {
    if (error instanceof JavaMissingError) {
      console.error(JAVA_MISSING_MESSAGE);
      return 1;
    }
    if (error instanceof PortInUseError) {
      const hint =
        error.service === 'DynamoDB Local'
          ? 'use --dynamodb-port <n>, or leave it out for a free port'
          : 'use --port <n> (or PORT=<n>)';
      console.error(`start: ${error.message}: stop what runs there, or ${hint}.`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `start: port ${args.stack.port} is in use: stop what runs there, or use --port <n> (or PORT=<n>).`,
      );
      return 1;
    }
    console.error(`start: ${(error as Error).message}`);
    return 1;
  }

  writeStackFile(args.dataDir, {
    pid: process.pid,
    url: stack.url,
    dynamodbEndpoint: stack.dynamodbEndpoint,
    tableName: stack.tableName,
    awsEndpoint: stack.awsEndpoint,
  });
  log(banner(stack, args));
  const watchers = args.watch ? startWatching(stack, args, log) : [];

  return new Promise<number>((resolve) => {
    let stopping = false;
    onStop = (signal: string) => {
      if (stopping) {
        console.error('start: stopping already; exiting now.');
        process.exit(1);
      }
      stopping = true;
      log(`\n[stop] ${signal}: stopping the server, the generator and DynamoDB Local…`);
      for (const watcher of watchers) watcher.close();
      removeStackFile(args.dataDir);
      void stack.stop().then(
        () => {
          log('[stop] stopped.');
          resolve(0);
        },
        (error: unknown) => {
          console.error(`start: stopping failed: ${String(error)}`);
          resolve(1);
        },
      );
    };
  });
};

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exit(code);
  });
}
