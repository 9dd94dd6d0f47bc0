/**
 * Runs one version of a built function as a warm Lambda container would: the bundle is loaded
 * once (the cold start, measured as `Init Duration`), its module-scope clients are reused by every
 * later invocation, and each invocation gets a Lambda context, a deadline and START/END/REPORT
 * lines. Each published version has its own host, as Lambda gives each its own environments.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { lambdaContextFactory, logStreamNameFor } from '@peer-rewards/lambda-events';
import { loadBundle, type Handler } from './bundle-loader';
import {
  asJson,
  callHandler,
  TimeoutError,
  toInvocationError,
  type InvocationError,
} from './invocation-call';
import { lambdaEnvironment } from './function-env';
import { Deadlines } from './deadlines';
import { FunctionOutput } from './function-output';
import { InvocationFacts, PeakMemory } from './invocation-report';

export interface FunctionHostOptions {
  /** The function's name in the manifest, e.g. `users-fn`. */
  readonly name: string;
  /** The function's name in its account; default `local-<name>`. */
  readonly functionName?: string;
  /** The version this host runs: `$LATEST` (default) or a published number such as `"3"`. */
  readonly version?: string;
  /** The built bundle, `dist/apps/<fn>/index.js`; it must export `handler`. */
  readonly file: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** The function's configured environment (TABLE_NAME, STAGE, …). */
  readonly env: Readonly<Record<string, string>>;
  /** Receives every log line, already prefixed with the function name; omitted = silent. */
  readonly log?: (line: string) => void;
  /** Told of each invocation as it ends, before its promise settles (what CloudWatch receives). */
  readonly onEnd?: (invocation: Invocation) => void;
}

interface EndedFacts {
  readonly requestId: string;
  /** Lambda's REPORT line (formatted when read). */
  readonly report: string;
  /** The version that ran, Lambda's `ExecutedVersion`. */
  readonly version: string;
  /** Lambda's `Duration`: the handler's run, without the cold start's init. */
  readonly durationMs: number;
  readonly memoryMb: number;
  readonly maxMemoryMb: number;
  /** Lambda's `Init Duration`: only on the invocation that loaded the bundle. */
  readonly initDurationMs: number | null;
  /** The CloudWatch EMF lines this version printed since its previous invocation ended. */
  readonly metricLines: readonly string[];
}

export type Invocation =
  | (EndedFacts & { readonly ok: true; readonly result: unknown })
  | (EndedFacts & {
      readonly ok: false;
      readonly error: InvocationError;
      readonly timedOut: boolean;
    });

export interface InvokeOptions {
  /** Default a random UUID, as Lambda's. */
  readonly requestId?: string;
  /** The qualifier the caller used (`live`, `3`): it ends `invokedFunctionArn`, as in Lambda. */
  readonly qualifier?: string;
}

export class FunctionHost {
  readonly name: string;
  readonly version: string;
  private handler: Handler | null = null;
  private initDurationMs: number | null = null;
  private readonly output: FunctionOutput;
  readonly logStreamName: string;
  private readonly memory = new PeakMemory();
  private readonly deadlines = new Deadlines();
  private invocations = 0;
  private loads = 0;
  private contexts: ReturnType<typeof lambdaContextFactory> | null = null;

  constructor(private readonly options: FunctionHostOptions) {
    this.name = options.name;
    this.version = options.version ?? '$LATEST';
    this.logStreamName = logStreamNameFor(this.version);
    this.output = new FunctionOutput(options.name, options.log);
  }

  get functionName(): string {
    return this.options.functionName ?? `local-${this.name}`;
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
      version: this.version,
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

  /** The contexts of this container's invocations (its names are fixed once it exists). */
  private contextFor(): ReturnType<typeof lambdaContextFactory> {
    this.contexts ??= lambdaContextFactory({
      functionName: this.functionName,
      functionVersion: this.version,
      memoryMb: this.options.memoryMb,
      logStreamName: this.logStreamName,
    });
    return this.contexts;
  }

  /**
   * The facts of an invocation that just ended, with END and REPORT lines when lines are
   * printed. `error` set: it failed (`timedOut` when its deadline came first).
   */
  private ended(
    requestId: string,
    started: number,
    initDuration: number | null,
    result: unknown,
    error?: InvocationError,
    timedOut = false,
  ): Invocation {
    const facts = new InvocationFacts(
      requestId,
      this.version,
      performance.now() - started,
      this.options.memoryMb,
      this.memory.megabytes(),
      initDuration,
      this.output.takeMetricLines(),
      error === undefined,
      result,
      error,
      timedOut,
    );
    if (this.output.enabled) {
      this.output.emit(`END RequestId: ${requestId}`);
      this.output.emit(facts.report);
    }
    const invocation = facts as Invocation;
    this.options.onEnd?.(invocation);
    return invocation;
  }

  /** The invocation's end: Lambda's result for what the handler returned, threw or missed. */
  private outcome(
    requestId: string,
    started: number,
    initDuration: number | null,
    failed: boolean,
    outcome: unknown,
  ): Invocation {
    if (!failed) {
      // Lambda hands the caller the JSON serialisation of what the handler returned; a result
      // that has none (a cycle, a BigInt) fails the invocation as what the serialiser threw.
      let result: unknown;
      try {
        result = asJson(outcome);
      } catch (error) {
        return this.outcome(requestId, started, initDuration, true, error);
      }
      return this.ended(requestId, started, initDuration, result);
    }
    const out = this.output;
    if (outcome instanceof TimeoutError) {
      // Lambda replaces a sandbox whose invocation timed out: the next one starts cold.
      this.handler = null;
      const message = `Task timed out after ${this.options.timeoutSeconds.toFixed(2)} seconds`;
      out.emit(`${new Date().toISOString()} ${requestId} ${message}`);
      const error = { errorType: 'Sandbox.Timedout', errorMessage: message };
      return this.ended(requestId, started, initDuration, undefined, error, true);
    }
    const thrown = toInvocationError(outcome);
    out.emit(
      `${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(thrown)}`,
    );
    return this.ended(requestId, started, initDuration, undefined, thrown);
  }

  /** One invocation, with START/END/REPORT lines; never rejects (a failure is in the result). */
  invoke(event: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    const requestId = options.requestId ?? randomUUID();
    this.invocations += 1;
    const out = this.output;
    if (out.enabled) out.emit(`START RequestId: ${requestId} Version: ${this.version}`);
    let initDuration: number | null = null;
    if (!this.handler) {
      const loadStarted = performance.now();
      try {
        this.handler = this.load();
        initDuration = this.initDurationMs;
      } catch (error) {
        const initError = toInvocationError(error, 'Runtime.ImportModuleError');
        out.emit(
          `${new Date().toISOString()}\t${requestId}\tERROR\t${initError.errorType}: ${initError.errorMessage}`,
        );
        return Promise.resolve(this.ended(requestId, loadStarted, null, undefined, initError));
      }
    }
    // Lambda's Duration starts after the init phase, which it reports apart.
    const started = performance.now();
    const handler = this.handler;
    const deadline = Date.now() + this.options.timeoutSeconds * 1000;
    const contextOf = this.contextFor();
    const qualifier = options.qualifier;
    // One promise per invocation, settled from the call's end: no async layers in between.
    return out.during(
      requestId,
      () =>
        new Promise<Invocation>((resolve) =>
          callHandler(
            handler,
            (settle) =>
              handler(event, contextOf({ requestId, deadline, qualifier, settle }), settle),
            this.deadlines,
            deadline,
            (failed, outcome) =>
              resolve(this.outcome(requestId, started, initDuration, failed, outcome)),
          ),
        ),
    );
  }
}
