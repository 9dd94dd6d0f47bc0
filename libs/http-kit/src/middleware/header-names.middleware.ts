import type middy from '@middy/core';
import type { HttpEvent } from '../http-request';

/**
 * Lower-case header names, so every later step reads `content-type`, `origin` or
 * `if-none-match` whatever case the client sent. API Gateway's payload 2.0 already sends them
 * lower-cased; a test event, a sample event or another caller may not.
 */
export const headerNames = (): middy.MiddlewareObj<HttpEvent> => ({
  before: ({ event }) => {
    if (!event.headers) return;
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(event.headers)) headers[name.toLowerCase()] = value;
    event.headers = headers;
  },
});
