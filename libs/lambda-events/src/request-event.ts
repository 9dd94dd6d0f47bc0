/**
 * The payload 2.0 event one request to the API produces, from what a test or a command line
 * says about it: method, path with its query, body, caller. The route key and path parameters are
 * the caller's to choose (the local stack picks them as API Gateway does); without them the
 * event is that of an `ANY <path>` route.
 */
import { httpEvent, type HttpApiEvent } from './http-event';

export interface RequestEventInput {
  readonly method: string;
  /** Path, optionally with `?query`. */
  readonly path: string;
  /** Extra `key=value` query pairs (repeats allowed). */
  readonly query?: readonly string[];
  /** Sent as JSON text unless it is already a string; `application/json` unless a header says otherwise. */
  readonly body?: unknown;
  /** Sends the body base64-encoded, as API Gateway does for non-text content types. */
  readonly base64?: boolean;
  /** The verified caller: the event carries the claims of a token for this username. */
  readonly user?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default `ANY <path>`. */
  readonly routeKey?: string;
  readonly pathParameters?: Readonly<Record<string, string>>;
  /** False for a route without the authorizer: then no claims, whoever the user. Default true. */
  readonly authorized?: boolean;
  /** The `iss` and `aud` of the caller's token, when the test cares. */
  readonly issuer?: string;
  readonly audience?: string;
  readonly time?: Date;
  readonly requestId?: string;
}

/** What a token for `user` issued at `time` (valid for an hour) says. */
const callerClaims = (input: RequestEventInput, user: string, time: Date) => {
  const iat = Math.floor(time.getTime() / 1000);
  return {
    ...(input.issuer ? { iss: input.issuer } : {}),
    ...(input.audience ? { aud: input.audience } : {}),
    sub: user,
    username: user,
    iat,
    exp: iat + 3600,
  };
};

export const requestEvent = (input: RequestEventInput): HttpApiEvent => {
  const queryAt = input.path.indexOf('?');
  const rawPath = queryAt < 0 ? input.path : input.path.slice(0, queryAt);
  const rawQueryString = [queryAt < 0 ? '' : input.path.slice(queryAt + 1), ...(input.query ?? [])]
    .filter(Boolean)
    .join('&');
  const body =
    input.body === undefined || typeof input.body === 'string'
      ? input.body
      : JSON.stringify(input.body);
  const headers: Record<string, string> = { ...input.headers };
  if (
    body !== undefined &&
    !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
  ) {
    headers['content-type'] = 'application/json';
  }
  const time = input.time ?? new Date();
  return httpEvent({
    method: input.method,
    path: rawPath,
    rawQueryString,
    headers,
    body,
    base64: input.base64,
    routeKey: input.routeKey ?? `ANY ${rawPath}`,
    pathParameters: input.pathParameters,
    claims: input.user && input.authorized !== false ? callerClaims(input, input.user, time) : null,
    time,
    requestId: input.requestId,
  });
};
