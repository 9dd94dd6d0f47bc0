/**
 * The context object Lambda passes a handler next to the event: names, ARN, memory, request
 * id, log group and stream, the time left before the deadline, and the legacy `done`/`succeed`/
 * `fail` callbacks (handed to `settle`, as the Node runtime does).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './local-account';

export interface LambdaContextOptions {
  /** Default `test-fn`. */
  readonly functionName?: string;
  /** Default `$LATEST`. */
  readonly functionVersion?: string;
  /** Default 256. */
  readonly memoryMb?: number;
  /** Default a random UUID, as Lambda's. */
  readonly requestId?: string;
  /** When the invocation times out (epoch ms); default `timeoutMs` from now. */
  readonly deadline?: number;
  /** Default 10 s. */
  readonly timeoutMs?: number;
  /** Default a fresh `YYYY/MM/DD/[$LATEST]<hex>` stream. */
  readonly logStreamName?: string;
  readonly region?: string;
  readonly accountId?: string;
  /** Receives what `done`, `succeed` and `fail` are called with; default ignores them. */
  readonly settle?: (error: unknown, result: unknown) => void;
}

/** A stream name shaped like Lambda's, for one execution environment. */
export const logStreamNameFor = (version = '$LATEST', now = new Date()): string =>
  `${now.toISOString().slice(0, 10).replaceAll('-', '/')}/[${version}]${randomBytes(16).toString('hex')}`;

/** What changes from one invocation of a container to the next. */
export interface InvocationInput {
  readonly requestId: string;
  /** When the invocation times out (epoch ms). */
  readonly deadline: number;
  /** The qualifier the caller used (`live`, `3`): it ends `invokedFunctionArn`, as in Lambda. */
  readonly qualifier?: string;
  readonly settle: (error: unknown, result: unknown) => void;
}

type Settle = InvocationInput['settle'];

/*
 * The context's functions, each returned by a function that makes it. A function written as a
 * property's value has its `name` defined each time it is created when this code runs from
 * TypeScript through tsx (which keeps names): four of those cost more than the rest of a
 * context. The returned functions have no name to define.
 */
const remainingTime = (deadline: number) => (): number => Math.max(0, deadline - Date.now());
const doneWith = (settle: Settle) => (error?: unknown, result?: unknown) => settle(error, result);
const succeedWith = (settle: Settle) => (result: unknown) => settle(null, result);
const failWith = (settle: Settle) => (error: unknown) =>
  settle(error ?? new Error('handled'), undefined);

/**
 * Contexts for the invocations of one container: its names, ARN, memory and log stream are
 * worked out once, each invocation adds its id, deadline and callbacks.
 */
export const lambdaContextFactory = (
  options: Omit<LambdaContextOptions, 'requestId' | 'deadline' | 'timeoutMs' | 'settle'> = {},
): ((invocation: InvocationInput) => Context) => {
  const functionName = options.functionName ?? 'test-fn';
  const functionVersion = options.functionVersion ?? '$LATEST';
  const arn = `arn:aws:lambda:${options.region ?? LOCAL_REGION}:${options.accountId ?? LOCAL_ACCOUNT_ID}:function:${functionName}`;
  const memoryLimitInMB = String(options.memoryMb ?? 256);
  const logGroupName = `/aws/lambda/${functionName}`;
  const logStreamName = options.logStreamName ?? logStreamNameFor(functionVersion);
  return ({ requestId, deadline, qualifier, settle }) => ({
    functionName,
    functionVersion,
    invokedFunctionArn: qualifier ? `${arn}:${qualifier}` : arn,
    memoryLimitInMB,
    awsRequestId: requestId,
    logGroupName,
    logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: remainingTime(deadline),
    done: doneWith(settle),
    succeed: succeedWith(settle),
    fail: failWith(settle),
  });
};

export const lambdaContext = (options: LambdaContextOptions = {}): Context =>
  lambdaContextFactory(options)({
    requestId: options.requestId ?? randomUUID(),
    deadline: options.deadline ?? Date.now() + (options.timeoutMs ?? 10_000),
    settle: options.settle ?? (() => undefined),
  });
