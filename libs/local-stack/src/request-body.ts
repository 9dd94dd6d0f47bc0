/** Reading a request body within API Gateway's payload limit. */
import type { IncomingMessage } from 'node:http';

/** API Gateway's payload limit for HTTP APIs. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/** The body is over `MAX_REQUEST_BYTES`: API Gateway answers 413 without invoking anything. */
export class BodyTooLargeError extends Error {}

/** Whether the request declares a body (a length or a chunked transfer). */
export const hasBody = (req: IncomingMessage): boolean =>
  req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;

/** The body, or undefined when the request declares none (no length, not chunked). */
export const readBody = (req: IncomingMessage): Promise<Buffer | undefined> => {
  const length = req.headers['content-length'];
  if (!hasBody(req)) return Promise.resolve(undefined);
  if (length !== undefined && Number(length) > MAX_REQUEST_BYTES)
    return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
};
