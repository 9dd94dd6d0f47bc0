/**
 * Runs one built function as a warm Lambda container would: the bundle is loaded once (the
 * cold start, measured as `Init Duration`), its module-scope clients are reused by every later
 * invocation, and each invocation gets a Lambda context, a deadline and START/END/REPORT lines.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { lambdaContext, logStreamNameFor } from '@peer-rewards/lambda-events';
import { loadBundle, type Handler } from './bundle-loader';
import { lambdaEnvironment } from './function-env';
import { FunctionOutput } from './function-output';
import { PeakMemory, reportLine } from './invocation-report';

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

type Settle = (error: unknown, value: unknown) => void;

/** Calls the handler as the Node runtime does: a returned promise, or the callback, settles it. */
const call = (handler: Handler, invoke: (settle: Settle) => unknown) =>
  new Promise<unknown>((resolve, reject) => {
    const settle: Settle = (error, value) => (error ? reject(error) : resolve(value));
    const returned = invoke(settle);
    if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
      (returned as PromiseLike<unknown>).then(resolve, reject);
    } else if (handler.length < 3) {
      resolve(returned);
    }
  });

export class FunctionHost {
  readonly name: string;
  private handler: Handler | null = null;
  private initDurationMs: number | null = null;
  private readonly output: FunctionOutput;
  private readonly logStreamName = logStreamNameFor();
  private readonly memory = new PeakMemory();
  private invocations = 0;
  private loads = 0;

  constructor(private readonly options: FunctionHostOptions) {
    this.name = options.name;
    this.output = new FunctionOutput(options.name, options.log);
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
    return lambdaEnvironment({
      functionName: this.functionName,
      file: this.options.file,
      memoryMb: this.options.memoryMb,
      logStreamName: this.logStreamName,
      env: this.options.env,
    });
  }

  private load(): Handler {
    const loaded = loadBundle(this.options.file, this.environment(), this.output);
    this.initDurationMs = loaded.initDurationMs;
    this.loads += 1;
    return loaded.handler;
  }

  private failure(requestId: string, error: InvocationError, finish: () => string): Invocation {
    return { ok: false, requestId, error, timedOut: false, report: finish() };
  }

  /** One invocation, with START/END/REPORT lines; never throws (a failure is in the result). */
  async invoke(event: unknown, requestId: string = randomUUID()): Promise<Invocation> {
    this.invocations += 1;
    const out = this.output;
    out.emit(`START RequestId: ${requestId} Version: $LATEST`);
    let initDuration: number | null = null;
    const started = performance.now();
    const finish = (): string => {
      const report = reportLine({
        requestId,
        durationMs: performance.now() - started,
        memoryMb: this.options.memoryMb,
        maxMemoryMb: this.memory.megabytes(),
        initDurationMs: initDuration,
      });
      out.emit(`END RequestId: ${requestId}`);
      out.emit(report);
      return report;
    };

    if (!this.handler) {
      try {
        this.handler = this.load();
        initDuration = this.initDurationMs;
      } catch (error) {
        const failure = toInvocationError(error, 'Runtime.ImportModuleError');
        out.emit(
          `${new Date().toISOString()}\t${requestId}\tERROR\t${failure.errorType}: ${failure.errorMessage}`,
        );
        return this.failure(requestId, failure, finish);
      }
    }
    const handler = this.handler;
    const timeoutMs = this.options.timeoutSeconds * 1000;
    const deadline = Date.now() + timeoutMs;
    const context = (settle: Settle) =>
      lambdaContext({
        functionName: this.functionName,
        memoryMb: this.options.memoryMb,
        requestId,
        deadline,
        logStreamName: this.logStreamName,
        settle,
      });
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await out.during(requestId, () =>
        Promise.race([
          call(handler, (settle) => handler(event, context(settle), settle)),
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
        out.emit(`${new Date().toISOString()} ${requestId} ${message}`);
        return {
          ok: false,
          requestId,
          error: { errorType: 'Sandbox.Timedout', errorMessage: message },
          timedOut: true,
          report: finish(),
        };
      }
      const failure = toInvocationError(error);
      out.emit(
        `${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(failure)}`,
      );
      return this.failure(requestId, failure, finish);
    } finally {
      clearTimeout(timer);
    }
  }
}
