/**
 * Test helpers for functions: the repository's one payload 2.0 event builder and Lambda context
 * (from `@peer-rewards/lambda-events`), AWS's own sample events, and `invokeHttp` to call a
 * handler as Lambda would and read its JSON answer.
 */
import type { Context } from 'aws-lambda';
import {
  lambdaContext as createLambdaContext,
  requestEvent,
  type HttpApiEvent,
  type RequestEventInput,
} from '@peer-rewards/lambda-events';

export { sampleHttpEvent, sampleScheduledEvent } from '@peer-rewards/lambda-events';

/** One request of ours: method, path with query, body, caller, headers. */
export type HttpRequestSpec = Pick<
  RequestEventInput,
  'method' | 'path' | 'body' | 'base64' | 'user' | 'headers'
>;

export type HttpEvent = HttpApiEvent;

/** A request spec from its request line: `httpRequest('GET /users?limit=2', { user: 'alex' })`. */
export const httpRequest = (
  line: string,
  more: Omit<HttpRequestSpec, 'method' | 'path'> = {},
): HttpRequestSpec => {
  const [method, path] = line.split(' ');
  return { method, path, ...more };
};

/** The payload 2.0 event of one request, behind an `ANY <path>` route. */
export const httpRequestEvent = (spec: HttpRequestSpec): HttpEvent => requestEvent(spec);

/** A Lambda context for one invocation of `functionVersion` (a published version, or `$LATEST`). */
export const lambdaContext = (
  functionName = 'test-fn',
  timeoutMs = 10_000,
  functionVersion = '$LATEST',
): Context => createLambdaContext({ functionName, timeoutMs, functionVersion });

export interface JsonResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** Calls a payload 2.0 handler and parses its JSON body. */
export const invokeHttp = async (
  handler: (event: HttpEvent, context: Context) => Promise<unknown>,
  spec: HttpRequestSpec,
  context: Context = lambdaContext(),
): Promise<JsonResponse> => {
  const result = (await handler(httpRequestEvent(spec), context)) as {
    statusCode: number;
    headers?: Record<string, string>;
    body?: string;
  };
  return {
    statusCode: result.statusCode,
    headers: result.headers ?? {},
    body: result.body ? JSON.parse(result.body) : undefined,
  };
};
