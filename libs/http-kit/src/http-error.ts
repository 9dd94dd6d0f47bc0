/** An HTTP-level refusal that is not a business rule: unknown route, wrong method, bad body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Status of each domain error code; anything else is a 500. */
export const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  'validation-failed': 400,
  unauthorized: 401,
  'profile-required': 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'idempotency-conflict': 409,
  'slack-user-linked': 409,
  'link-code-invalid': 410,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'self-reward': 422,
  'allowance-exceeded': 422,
  'service-unavailable': 503,
};
