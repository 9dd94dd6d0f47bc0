import { createHash } from 'node:crypto';
import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { methodOf, type HttpEvent } from '../http-request';

export interface EtagOptions {
  /**
   * `Cache-Control` of an answer that carries an ETag, unless the route set its own: the
   * browser may keep it, only for this user, and asks again before every use, so a poll gets
   * a 304 without a body while nothing changed.
   */
  readonly cacheControl: string;
}

const defaults: EtagOptions = { cacheControl: 'private, no-cache' };

/** The `Cache-Control` every JSON answer starts with (`responses.ts`): not the route's own. */
const BASE_CACHE_CONTROL = 'no-store';

type Request = middy.Request<HttpEvent, APIGatewayProxyStructuredResultV2>;

/** A weak validator from a hash of the body: the same JSON, the same tag. */
export const etagOf = (body: string): string =>
  `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

/** `If-None-Match` matches when it lists the tag (weak comparison, as RFC 9110 says) or is `*`. */
export const matchesIfNoneMatch = (header: string | undefined, tag: string): boolean => {
  if (!header) return false;
  const opaque = (value: string) => value.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || opaque(value) === opaque(tag);
  });
};

/**
 * An `ETag` on every 200 answer to a GET with a body, and a `304 Not Modified` without a body
 * (with the tag and `Cache-Control`) when the request's `If-None-Match` names it. The body is
 * still computed: the answer saves transfer and parsing for every poll that finds no change.
 */
export const etag = (
  opts: Partial<EtagOptions> = {},
): middy.MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> => {
  const options = { ...defaults, ...opts };

  const etagAfter = (request: Request) => {
    const response = request.response;
    if (!response || methodOf(request.event) !== 'GET' || response.statusCode !== 200) return;
    if (typeof response.body !== 'string' || response.isBase64Encoded) return;
    const tag = etagOf(response.body);
    const headers = { ...response.headers };
    headers.etag = tag;
    if (headers['cache-control'] === BASE_CACHE_CONTROL)
      headers['cache-control'] = options.cacheControl;
    if (matchesIfNoneMatch(request.event.headers?.['if-none-match'], tag)) {
      request.response = {
        statusCode: 304,
        headers: { etag: tag, 'cache-control': String(headers['cache-control']) },
      };
      return;
    }
    request.response = { ...response, headers };
  };

  return { after: etagAfter };
};
