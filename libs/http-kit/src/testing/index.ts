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

/** The payload 2.0 event of one request, behind an `ANY <path>` route. */
export const httpRequestEvent = (spec: HttpRequestSpec): HttpEvent => requestEvent(spec);

/** A Lambda context for one invocation of `functionName` with `timeoutMs` left. */
export const lambdaContext = (functionName = 'test-fn', timeoutMs = 10_000): Context =>
  createLambdaContext({ functionName, timeoutMs });

export interface JsonResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** Calls a payload 2.0 handler and parses its JSON body. */
export const invokeHttp = async (
  handler: (event: HttpEvent, context: Context) => Promise<unknown>,
  spec: HttpRequestSpec,
): Promise<JsonResponse> => {
  const result = (await handler(httpRequestEvent(spec), lambdaContext())) as {
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
