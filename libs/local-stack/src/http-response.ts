/**
 * What API Gateway (HTTP API, payload 2.0) sends to the client for a Lambda result, and the
 * responses it makes itself (401 from the JWT authorizer, 413, 500, 503).
 */
import type { Invocation } from './function-host';

export interface HttpResponse {
  readonly statusCode: number;
  /** A fresh object per response: the server adds CORS and length headers to it in place. */
  readonly headers: Record<string, string | string[]>;
  /** Text is sent as it is (one write with the status line); bytes when the result was base64. */
  readonly body: Buffer | string;
}

/** A JSON response the stack itself gives (not a function's). */
export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export const internalServerError = (): HttpResponse =>
  json(500, { message: 'Internal Server Error' });
export const serviceUnavailable = (): HttpResponse => json(503, { message: 'Service Unavailable' });
export const notFound = (): HttpResponse => json(404, { message: 'Not Found' });
export const payloadTooLarge = (): HttpResponse =>
  json(413, { message: 'Request Entity Too Large' });

/**
 * The authorizer's 401: API Gateway's own body and `www-authenticate` header, plus the error
 * shape of this API in the same body, so clients can rely on either.
 */
export const unauthorized = (reason: string): HttpResponse =>
  json(
    401,
    {
      message: 'Unauthorized',
      error: { code: 'unauthorized', message: `Unauthorized: ${reason}.` },
    },
    {
      'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${reason.replaceAll('"', "'")}"`,
    },
  );

/**
 * Maps a payload 2.0 result to the HTTP response API Gateway would send. The API has CORS
 * configured, so API Gateway ignores the CORS headers the function returns and answers with
 * those of its configuration (added by the server, which knows the request's origin).
 */
export const responseFromResult = (
  result: unknown,
): HttpResponse | { readonly malformed: string } => {
  // Without a statusCode API Gateway treats the whole result as a JSON body with status 200.
  if (!result || typeof result !== 'object' || Array.isArray(result) || !('statusCode' in result)) {
    return json(200, result);
  }
  const response = result as {
    statusCode: unknown;
    headers?: unknown;
    cookies?: unknown;
    body?: unknown;
    isBase64Encoded?: unknown;
  };
  const statusCode = Number(response.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return { malformed: `statusCode ${JSON.stringify(response.statusCode)} is not an HTTP status` };
  }
  if (response.body !== undefined && response.body !== null && typeof response.body !== 'string') {
    return { malformed: 'body must be a string' };
  }
  const headers: Record<string, string | string[]> = {};
  if (response.headers && typeof response.headers === 'object') {
    // A plain JSON object (the invocation's result is JSON): for-in sees its own names only.
    const given = response.headers as Record<string, unknown>;
    for (const name in given) {
      const value = given[name];
      if (value === undefined || value === null) continue;
      const lower = name.toLowerCase();
      if (!lower.startsWith('access-control-')) headers[lower] = String(value);
    }
  }
  if (Array.isArray(response.cookies) && response.cookies.length > 0) {
    headers['set-cookie'] = response.cookies.map(String);
  }
  const text = typeof response.body === 'string' ? response.body : '';
  const body = response.isBase64Encoded === true ? Buffer.from(text, 'base64') : text;
  return { statusCode, headers, body };
};

/** The client's response for an invocation: the mapped result, or API Gateway's 500/503. */
export const responseFromInvocation = (
  invocation: Invocation,
  onMalformed: (reason: string) => void = () => undefined,
): HttpResponse => {
  if (!invocation.ok) return invocation.timedOut ? serviceUnavailable() : internalServerError();
  const mapped = responseFromResult(invocation.result);
  if ('malformed' in mapped) {
    onMalformed(mapped.malformed);
    return internalServerError();
  }
  return mapped;
};
