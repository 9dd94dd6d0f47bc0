import type middy from '@middy/core';
import { HttpError } from '../http-error';
import { BODY_METHODS, methodOf, type HttpEvent } from '../http-request';

export interface JsonBodyOptions {
  /** Largest accepted body, bytes after base64 decoding. */
  readonly maxBodyBytes: number;
}

const defaults: JsonBodyOptions = { maxBodyBytes: 16 * 1024 };

// Media types are case-insensitive, and a parameter may follow after optional whitespace.
const JSON_TYPE = /^application\/([^;\s]+\+)?json\s*(;.*)?$/i;

const bodyBytes = (event: HttpEvent): number => {
  if (event.body === undefined || event.body === null) return 0;
  return event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').length
    : Buffer.byteLength(event.body);
};

const invalidBody = (message: string, problem: string) =>
  new HttpError(400, 'validation-failed', message, {}, [{ path: '(body)', message: problem }]);

/**
 * Bodies of POST/PUT/PATCH: too large 413, missing 400, not JSON 415, then parsed (base64
 * bodies decoded first); malformed JSON is a 400 naming the body. The parsed value replaces
 * `event.body`.
 */
export const jsonBody = (opts: Partial<JsonBodyOptions> = {}): middy.MiddlewareObj<HttpEvent> => {
  const options = { ...defaults, ...opts };

  const jsonBodyBefore: middy.MiddlewareFn<HttpEvent> = (request) => {
    const { event } = request;
    if (!BODY_METHODS.has(methodOf(event))) return;
    const size = bodyBytes(event);
    if (size > options.maxBodyBytes) {
      throw new HttpError(
        413,
        'payload-too-large',
        `The body is ${size} bytes; at most ${options.maxBodyBytes} are accepted.`,
      );
    }
    if (!event.body) throw invalidBody('The request body is required.', 'is required');
    if (!JSON_TYPE.test(event.headers?.['content-type'] ?? '')) {
      throw new HttpError(
        415,
        'unsupported-media-type',
        'Send the body as JSON with Content-Type: application/json.',
      );
    }
    const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body;
    try {
      (event as { body?: unknown }).body = JSON.parse(text);
    } catch {
      throw invalidBody('The body is not valid JSON.', 'is not valid JSON');
    }
  };

  return { before: jsonBodyBefore };
};
