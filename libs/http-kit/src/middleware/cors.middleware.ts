import type middy from '@middy/core';
import httpCors from '@middy/http-cors';
import type { HttpEvent } from '../http-request';

export interface CorsOptions {
  /** Origins allowed to call the API from a browser; never `*`. */
  readonly origins: readonly string[];
}

const defaults: CorsOptions = { origins: [] };

/**
 * `@middy/http-cors` for the listed origins only, on answers and errors alike. `*` would let
 * any site call the API with a user's token, so it stops the function at load.
 */
export const cors = (opts: Partial<CorsOptions> = {}): middy.MiddlewareObj<HttpEvent> => {
  const options = { ...defaults, ...opts };
  if (options.origins.some((origin) => origin.trim() === '*')) {
    throw new Error('CORS origins must be listed one by one; "*" is not accepted.');
  }
  return httpCors({
    origins: [...options.origins],
    headers: 'authorization,content-type,idempotency-key,if-none-match',
    methods: 'GET,POST,PUT,OPTIONS',
    exposeHeaders: 'retry-after,allow,etag',
    maxAge: 600,
  }) as middy.MiddlewareObj<HttpEvent>;
};
