import { createHmac, timingSafeEqual } from 'node:crypto';
import type middy from '@middy/core';
import { HttpError, type HttpEvent } from '@peer-rewards/http-kit';

export interface SlackSignatureOptions {
  /** The app's signing secret; undefined when none is configured, and then nothing passes. */
  readonly signingSecret: () => Promise<string | undefined>;
  /** Clock, epoch milliseconds. */
  readonly now: () => number;
  /** Largest distance of `X-Slack-Request-Timestamp` from now, in seconds. */
  readonly toleranceSeconds: number;
  /** Largest accepted body, bytes after base64 decoding. */
  readonly maxBodyBytes: number;
}

const defaults: SlackSignatureOptions = {
  signingSecret: async () => undefined,
  now: () => Date.now(),
  toleranceSeconds: 5 * 60,
  maxBodyBytes: 16 * 1024,
};

/** Slack's signature of a request: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export const slackSignatureOf = (secret: string, timestamp: string, rawBody: Buffer): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;

/** The body exactly as Slack sent it: API Gateway base64-encodes form posts. */
export const rawBodyOf = (event: HttpEvent): Buffer => {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body);
};

const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);

/** Constant-time comparison; strings of another length differ without a look at their bytes. */
const sameSignature = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Lets through only requests Slack signed, before anything reads the body: a missing, stale
 * (more than 5 minutes from now) or wrong signature is a 401. The signature covers the raw
 * bytes, so the body is decoded from base64 only to be verified; afterwards `event.body` holds
 * the verified text (`isBase64Encoded: false`) for the form parser.
 */
export const slackSignature = (
  opts: Partial<SlackSignatureOptions> = {},
): middy.MiddlewareObj<HttpEvent> => {
  const options = { ...defaults, ...opts };

  const slackSignatureBefore: middy.MiddlewareFn<HttpEvent> = async (request) => {
    const { event } = request;
    const signature = event.headers?.['x-slack-signature'];
    const timestamp = event.headers?.['x-slack-request-timestamp'];
    if (!signature || !timestamp) throw unauthorized('The request carries no Slack signature.');
    const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
    if (!(Math.abs(options.now() / 1000 - seconds) <= options.toleranceSeconds)) {
      throw unauthorized('The Slack request timestamp is missing or more than 5 minutes off.');
    }
    const body = rawBodyOf(event);
    if (body.length > options.maxBodyBytes) {
      throw new HttpError(
        413,
        'payload-too-large',
        `The body is ${body.length} bytes; at most ${options.maxBodyBytes} are accepted.`,
      );
    }
    const secret = await options.signingSecret();
    if (!secret || !sameSignature(signature, slackSignatureOf(secret, timestamp, body))) {
      throw unauthorized('The Slack signature does not match.');
    }
    event.body = body.toString('utf8');
    event.isBase64Encoded = false;
  };

  return { before: slackSignatureBefore };
};
