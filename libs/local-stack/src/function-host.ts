/**
 * Runs one built function as a warm Lambda container would: the bundle is loaded once (the
 * cold start, measured as `Init Duration`), its module-scope clients are reused by every later
 * invocation, and each invocation gets a Lambda context and START/END/REPORT log lines.
 *
 * Each host compiles its own copy of the bundle (not through the shared `require` cache) and
 * gives it its own `process.env` and `console`, so two local stacks in one process — with
 * different tables — never share module state or configuration.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Console } from 'node:console';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { format } from 'node:util';
import { compileFunction, constants as vmConstants } from 'node:vm';
import { ENV } from '@peer-rewards/platform-manifest';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './events';

export interface FunctionHostOptions {
  /** The function's name in the manifest, e.g. `users-fn`. */
  readonly name: string;
  /** The built bundle, `dist/apps/<fn>/index.js`; it must export `handler`. */
  readonly file: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** The function's configured environment (TABLE_NAME, STAGE, …). */
  readonly env: Readonly<Record<string, string>>;
  /** Receives every log line, already prefixed with the function name; omitted = silent. */
  readonly log?: (line: string) => void;
}

export interface LambdaContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error: unknown): void;
}

export interface InvocationError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack?: string[];
}

export type Invocation =
  | {
      readonly ok: true;
      readonly requestId: string;
      readonly result: unknown;
      readonly report: string;
    }
  | {
      readonly ok: false;
      readonly requestId: string;
      readonly error: InvocationError;
      readonly timedOut: boolean;
      readonly report: string;
    };

type Handler = (
  event: unknown,
  context: LambdaContext,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

const MB = 1024 * 1024;

/** Lambda's version string for the runtime this emulates. */
const EXECUTION_ENV = 'AWS_Lambda_nodejs20.x';

const toInvocationError = (error: unknown, fallbackType = 'Error'): InvocationError => {
  // Duck-typed: the bundle runs in its own realm, so `instanceof Error` would be false.
  if (error && typeof error === 'object' && 'message' in error) {
    const named = error as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      errorType: typeof named.name === 'string' ? named.name : fallbackType,
      errorMessage: String(named.message),
      ...(typeof named.stack === 'string' ? { stack: named.stack.split('\n') } : {}),
    };
  }
  return { errorType: fallbackType, errorMessage: String(error) };
};

class TimeoutError extends Error {}

export class FunctionHost {
  readonly name: string;
  private handler: Handler | null = null;
  private initDurationMs: number | null = null;
  private readonly logs = new AsyncLocalStorage<string>();
  private readonly logStreamName: string;
  private invocations = 0;
  private loads = 0;
  private peakRss = 0;
  private rssSampledAt = 0;

  constructor(private readonly options: FunctionHostOptions) {
    this.name = options.name;
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    this.logStreamName = `${today}/[$LATEST]${randomBytes(16).toString('hex')}`;
  }

  get functionName(): string {
    return `local-${this.name}`;
  }

  /** How often the bundle was loaded (1 while it stays warm). */
  get coldStarts(): number {
    return this.loads;
  }

  get invocationCount(): number {
    return this.invocations;
  }

  /** Drops the loaded bundle: the next invocation is a cold start reading the file again. */
  unload(): void {
    this.handler = null;
  }

  /** The environment Lambda gives the function, plus its configuration. */
  environment(): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      TZ: ':UTC',
      LAMBDA_TASK_ROOT: path.dirname(this.options.file),
      AWS_EXECUTION_ENV: EXECUTION_ENV,
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      AWS_LAMBDA_FUNCTION_NAME: this.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(this.options.memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${this.functionName}`,
      AWS_LAMBDA_LOG_STREAM_NAME: this.logStreamName,
      // DynamoDB Local checks only that credentials are present.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...this.options.env,
    };
  }

  private emit(line: string): void {
    this.options.log?.(`[${this.name}] ${line}`);
  }

  private line(level: string | null, text: string): void {
    if (!this.options.log) return;
    const requestId = this.logs.getStore() ?? 'undefined';
    for (const line of text.split('\n')) {
      // Lambda prefixes console lines with time, request id and level; raw stdout stays as it is.
      this.emit(level ? `${new Date().toISOString()}\t${requestId}\t${level}\t${line}` : line);
    }
  }

  private stream(level: string | null): Writable {
    const stream = new Writable({
      decodeStrings: false,
      write: (chunk: Buffer | string, _encoding, done) => {
        this.line(level, chunk.toString().replace(/\n$/, ''));
        done();
      },
    });
    // Loggers that write synchronously check for a TTY or call write() without a callback.
    return Object.assign(stream, { isTTY: false });
  }

  private outputStreams(): { stdout: Writable; stderr: Writable } {
    return { stdout: this.stream(null), stderr: this.stream(null) };
  }

  private functionConsole(): Console {
    const write =
      (level: string) =>
      (...args: unknown[]) =>
        this.line(level, format(...args));
    // console.table, console.dir, console.time … go through a real Console writing to our lines.
    const base = new Console({ stdout: this.stream('INFO'), stderr: this.stream('ERROR') });
    return Object.assign(Object.create(base) as Console, {
      log: write('INFO'),
      info: write('INFO'),
      warn: write('WARN'),
      error: write('ERROR'),
      debug: write('DEBUG'),
      trace: write('TRACE'),
    });
  }

  private load(): Handler {
    const file = this.options.file;
    const code = readFileSync(file, 'utf8');
    const env = this.environment();
    // The function's own stdout/stderr (structured JSON loggers write there directly) become
    // log lines prefixed with its name, like the console.
    const output = this.outputStreams();
    const functionProcess = new Proxy(process, {
      get: (target, property) => {
        if (property === 'env') return env;
        if (property === 'stdout') return output.stdout;
        if (property === 'stderr') return output.stderr;
        return Reflect.get(target, property);
      },
    });
    const started = performance.now();
    const module = { exports: {} as Record<string, unknown> };
    const wrapper = compileFunction(
      code,
      ['exports', 'require', 'module', '__filename', '__dirname', 'process', 'console'],
      // `import('node:http')` inside the bundle (the AWS SDK loads it lazily) needs a loader.
      { filename: file, importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER },
    );
    wrapper(
      module.exports,
      createRequire(file),
      module,
      file,
      path.dirname(file),
      functionProcess,
      this.functionConsole(),
    );
    const handler = (module.exports as { handler?: unknown }).handler;
    if (typeof handler !== 'function') {
      throw Object.assign(new Error(`index.handler is undefined or not exported (${file})`), {
        name: 'Runtime.HandlerNotFound',
      });
    }
    this.initDurationMs = performance.now() - started;
    this.loads += 1;
    return handler as Handler;
  }

  private context(
    requestId: string,
    deadline: number,
    settle: (error: unknown, result: unknown) => void,
  ): LambdaContext {
    return {
      functionName: this.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${this.functionName}`,
      memoryLimitInMB: String(this.options.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${this.functionName}`,
      logStreamName: this.logStreamName,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: (error, result) => settle(error, result),
      succeed: (result) => settle(null, result),
      fail: (error) => settle(error ?? new Error('handled'), undefined),
    };
  }

  /** One invocation, with START/END/REPORT lines; never throws (a failure is in the result). */
  async invoke(event: unknown, requestId: string = randomUUID()): Promise<Invocation> {
    this.invocations += 1;
    this.emit(`START RequestId: ${requestId} Version: $LATEST`);
    let initDuration: number | null = null;
    const started = performance.now();
    const finish = (): string => {
      const duration = performance.now() - started;
      // The process's peak resident memory (all functions share it). Reading it costs a file read
      // of /proc, so it is sampled at most every 250 ms: under load it is close enough.
      const now = Date.now();
      if (now - this.rssSampledAt > 250) {
        this.rssSampledAt = now;
        this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
      }
      const maxMemory = Math.round(this.peakRss / MB);
      const report =
        `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(duration))} ms\t` +
        `Memory Size: ${this.options.memoryMb} MB\tMax Memory Used: ${maxMemory} MB` +
        (initDuration === null ? '' : `\tInit Duration: ${initDuration.toFixed(2)} ms`);
      this.emit(`END RequestId: ${requestId}`);
      this.emit(report);
      return report;
    };

    if (!this.handler) {
      try {
        this.handler = this.load();
        initDuration = this.initDurationMs;
      } catch (error) {
        const failure = toInvocationError(error, 'Runtime.ImportModuleError');
        this.emit(
          `${new Date().toISOString()}\t${requestId}\tERROR\t${failure.errorType}: ${failure.errorMessage}`,
        );
        return { ok: false, requestId, error: failure, timedOut: false, report: finish() };
      }
    }
    const handler = this.handler;
    const timeoutMs = this.options.timeoutSeconds * 1000;
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await this.logs.run(requestId, () =>
        Promise.race([
          new Promise<unknown>((resolve, reject) => {
            const settle = (error: unknown, value: unknown) =>
              error ? reject(error) : resolve(value);
            const returned = handler(event, this.context(requestId, deadline, settle), settle);
            if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
              (returned as PromiseLike<unknown>).then(resolve, reject);
            } else if (handler.length < 3) {
              resolve(returned);
            }
          }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new TimeoutError()), timeoutMs);
          }),
        ]),
      );
      // Lambda hands the caller the JSON serialisation of what the handler returned.
      const serialised =
        result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
      return { ok: true, requestId, result: serialised, report: finish() };
    } catch (error) {
      if (error instanceof TimeoutError) {
        // Lambda replaces a sandbox whose invocation timed out: the next one starts cold.
        this.handler = null;
        const message = `Task timed out after ${this.options.timeoutSeconds.toFixed(2)} seconds`;
        this.emit(`${new Date().toISOString()} ${requestId} ${message}`);
        return {
          ok: false,
          requestId,
          error: { errorType: 'Sandbox.Timedout', errorMessage: message },
          timedOut: true,
          report: finish(),
        };
      }
      const failure = toInvocationError(error);
      this.emit(
        `${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(failure)}`,
      );
      return { ok: false, requestId, error: failure, timedOut: false, report: finish() };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The environment every locally hosted function gets, as the CDK stacks set it in AWS. */
export const localFunctionEnv = (settings: {
  readonly tableName: string;
  readonly dynamodbEndpoint: string;
  readonly corsOrigins: readonly string[];
  readonly version: string;
}): Record<string, string> => ({
  [ENV.tableName]: settings.tableName,
  [ENV.stage]: 'local',
  [ENV.corsOrigins]: settings.corsOrigins.join(','),
  [ENV.usernameClaim]: 'username',
  [ENV.monthlyAllowance]: '100',
  [ENV.rewardsPerRun]: '3',
  [ENV.logLevel]: 'info',
  [ENV.version]: settings.version,
  [ENV.dynamodbEndpoint]: settings.dynamodbEndpoint,
});
