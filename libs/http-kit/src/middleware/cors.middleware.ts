import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpEvent } from '../http-request';

export interface CorsOptions {
  /**
   * Origins allowed to call the API from a browser, one by one (`https://*.example.com` allows
   * one level of subdomains); never `*`.
   */
  readonly origins: readonly string[];
}

const defaults: CorsOptions = { origins: [] };

const ALLOW_HEADERS = 'authorization,content-type,idempotency-key,if-none-match';
const ALLOW_METHODS = 'GET,POST,PUT,OPTIONS';
const EXPOSE_HEADERS = 'retry-after,allow,etag';
const MAX_AGE_SECONDS = '600';

type Request = middy.Request<HttpEvent, APIGatewayProxyStructuredResultV2>;

/** `https://*.example.com` as a pattern: the `*` stands for one DNS label. */
const patternOf = (origin: string) =>
  new RegExp(`^${origin.replaceAll('.', '\\.').replaceAll('*', '[^.]*')}$`);

/** Adds a value to a comma-separated header (`Vary`), under the name the answer already uses. */
const appendHeader = (headers: Record<string, unknown>, name: string, value: string) => {
  const key = headers[name.toLowerCase()] === undefined ? name : name.toLowerCase();
  const current = headers[key];
  headers[key] = current ? `${String(current)}, ${value}` : value;
};

/**
 * CORS headers for the listed origins only, on answers and errors alike: the allowed headers
 * and methods, the exposed `Retry-After`, `Allow` and `ETag`, a preflight cache of 10 minutes,
 * and `Access-Control-Allow-Origin` naming the caller's origin when it is listed (with
 * `Vary: Origin` when the answer depends on it). A header the route set itself is kept. `*`
 * would let any site call the API with a user's token, so it stops the function at load.
 */
export const cors = (opts: Partial<CorsOptions> = {}): middy.MiddlewareObj<HttpEvent> => {
  const options = { ...defaults, ...opts };
  if (options.origins.some((origin) => origin.trim() === '*')) {
    throw new Error('CORS origins must be listed one by one; "*" is not accepted.');
  }
  const exact = new Set(options.origins.filter((origin) => !origin.includes('*')));
  const patterns = options.origins.filter((origin) => origin.includes('*')).map(patternOf);
  const varies = options.origins.length > 1 || patterns.length > 0;
  const allowed = (origin: string | undefined): origin is string =>
    origin !== undefined && (exact.has(origin) || patterns.some((p) => p.test(origin)));

  const corsAfter = (request: Request) => {
    const response = (request.response ??= { statusCode: 500 });
    const headers = { ...(response.headers ?? {}) } as Record<string, string | number | boolean>;
    headers['Access-Control-Allow-Headers'] ??= ALLOW_HEADERS;
    headers['Access-Control-Allow-Methods'] ??= ALLOW_METHODS;
    const origin = request.event.headers?.origin ?? request.event.headers?.Origin;
    if (headers['Access-Control-Allow-Origin'] === undefined && allowed(origin)) {
      headers['Access-Control-Allow-Origin'] = origin;
    }
    if (varies) appendHeader(headers, 'Vary', 'Origin');
    headers['Access-Control-Expose-Headers'] ??= EXPOSE_HEADERS;
    headers['Access-Control-Max-Age'] ??= MAX_AGE_SECONDS;
    response.headers = headers;
  };

  return {
    after: corsAfter,
    onError: (request) => {
      if (request.response === undefined) return;
      corsAfter(request as Request);
    },
  };
};
