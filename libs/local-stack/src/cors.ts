/**
 * The CORS behaviour of an HTTP API with CORS configured: API Gateway answers every preflight
 * itself (no route or authorizer involved) and sets the CORS headers of every response,
 * replacing any the function returned.
 */
export const DEFAULT_CORS_ORIGINS = ['http://localhost:3000'];
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'PUT', 'OPTIONS'];
export const CORS_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'if-none-match',
];
export const CORS_EXPOSE_HEADERS = ['allow', 'retry-after', 'etag'];
export const CORS_MAX_AGE_SECONDS = 600;
const EXPOSE_HEADERS = CORS_EXPOSE_HEADERS.join(',');

export const parseOrigins = (value: string | undefined): string[] =>
  value
    ? value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean)
    : DEFAULT_CORS_ORIGINS;

const allowed = (origins: readonly string[], origin: string | undefined): origin is string =>
  origin !== undefined && (origins.includes('*') || origins.includes(origin));

/** Headers of API Gateway's answer to `OPTIONS` (status 204). */
export const preflightHeaders = (
  origins: readonly string[],
  origin: string | undefined,
): Record<string, string> =>
  allowed(origins, origin)
    ? {
        'access-control-allow-origin': origins.includes('*') ? '*' : origin,
        'access-control-allow-methods': CORS_ALLOW_METHODS.join(','),
        'access-control-allow-headers': CORS_ALLOW_HEADERS.join(','),
        'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
        vary: 'origin',
      }
    : {};

/**
 * Adds API Gateway's CORS answer for `origin` to a response's headers (a function's own CORS
 * headers are already gone: API Gateway ignores them when CORS is configured).
 */
export const applyCors = (
  headers: Record<string, string | string[]>,
  origins: readonly string[],
  origin: string | undefined,
): Record<string, string | string[]> => {
  if (allowed(origins, origin)) {
    headers['access-control-allow-origin'] = origins.includes('*') ? '*' : origin;
    headers['access-control-expose-headers'] = EXPOSE_HEADERS;
    headers.vary = headers.vary ? `${String(headers.vary)}, origin` : 'origin';
  }
  return headers;
};
