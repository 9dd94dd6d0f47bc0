/**
 * Test helpers for functions: AWS's own sample events as fixtures, adapted per request by a
 * typed helper on a `structuredClone`, and a Lambda context like the one Lambda passes.
 */
import type { APIGatewayProxyEventV2, Context, ScheduledEvent } from 'aws-lambda';
import httpApiSample from './events/http-api-v2.json';
import scheduledSample from './events/scheduled-event.json';

export interface HttpRequestSpec {
  readonly method: string;
  /** Path with an optional query string, e.g. `/rewards?limit=5`. */
  readonly path: string;
  /** Sent as JSON text unless it is already a string. */
  readonly body?: unknown;
  /** Sends the body base64-encoded, as API Gateway does for non-text content types. */
  readonly base64?: boolean;
  /** The verified caller; absent means no authorizer claims. */
  readonly user?: string;
  readonly headers?: Record<string, string>;
}

export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt: { claims: Record<string, string>; scopes: string[] | null } };
  };
};

/** The HTTP API payload 2.0 sample event of the AWS documentation, as is. */
const sampleHttpEvent = (): HttpEvent => structuredClone(httpApiSample) as unknown as HttpEvent;

/** The EventBridge scheduled event sample of the AWS documentation, as is. */
export const sampleScheduledEvent = (id?: string): ScheduledEvent => {
  const event = structuredClone(scheduledSample) as unknown as ScheduledEvent;
  return id ? { ...event, id } : event;
};

/** A request spec from its request line: `httpRequest('GET /users?limit=2', { user: 'alex' })`. */
export const httpRequest = (
  line: string,
  more: Omit<HttpRequestSpec, 'method' | 'path'> = {},
): HttpRequestSpec => {
  const [method, path] = line.split(' ');
  return { method, path, ...more };
};

/** The sample event turned into one request of ours. */
export const httpRequestEvent = (spec: HttpRequestSpec): HttpEvent => {
  const event = sampleHttpEvent();
  const [path, rawQuery = ''] = spec.path.split('?');
  const query = new URLSearchParams(rawQuery);
  const params: Record<string, string> = {};
  for (const [key, value] of query) params[key] = key in params ? `${params[key]},${value}` : value;
  const text =
    spec.body === undefined
      ? undefined
      : typeof spec.body === 'string'
        ? spec.body
        : JSON.stringify(spec.body);
  event.rawPath = path;
  event.rawQueryString = rawQuery;
  event.routeKey = `ANY ${path}`;
  event.requestContext.routeKey = event.routeKey;
  event.requestContext.http.method = spec.method;
  event.requestContext.http.path = path;
  event.requestContext.requestId = `req-${Math.random().toString(36).slice(2, 10)}`;
  event.queryStringParameters = Object.keys(params).length ? params : undefined;
  event.pathParameters = undefined;
  event.cookies = undefined;
  event.stageVariables = undefined;
  event.headers = {
    ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
    ...spec.headers,
  };
  event.body =
    text === undefined ? undefined : spec.base64 ? Buffer.from(text).toString('base64') : text;
  event.isBase64Encoded = Boolean(spec.base64 && text !== undefined);
  if (spec.user) {
    event.requestContext.authorizer = {
      jwt: { claims: { sub: spec.user, username: spec.user }, scopes: null },
    };
  } else {
    delete event.requestContext.authorizer;
  }
  return event;
};

/** A Lambda context for one invocation of `functionVersion` (a published version, or `$LATEST`). */
export const lambdaContext = (
  functionName = 'test-fn',
  timeoutMs = 10_000,
  functionVersion = '$LATEST',
): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion,
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: `aws-${Math.random().toString(36).slice(2, 12)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2026/11/27/[${functionVersion}]0123456789abcdef`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

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
