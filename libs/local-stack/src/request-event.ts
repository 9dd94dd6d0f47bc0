/**
 * The event a request to the deployed API would produce, as `npm run event` prints it and the
 * fixtures hold it: route key and path parameters chosen as API Gateway chooses them, claims of a
 * local-issuer token only on routes behind the authorizer, and the headers curl would send.
 */
import { requestEvent as buildRequestEvent, type HttpApiEvent } from '@peer-rewards/lambda-events';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './local-issuer';
import { createRouter, type Router } from './routes';

export interface RequestEventInput {
  readonly method: string;
  /** Path, optionally with `?query`. */
  readonly path: string;
  /** Extra `key=value` query pairs (repeats allowed). */
  readonly query?: readonly string[];
  /** JSON text; sent as `application/json`. */
  readonly body?: string;
  /** The caller: the event then carries the claims the local issuer's token would have. */
  readonly user?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly time?: Date;
  readonly requestId?: string;
}

export const requestEvent = (
  input: RequestEventInput,
  router: Router = createRouter(),
): HttpApiEvent => {
  const rawPath = input.path.split('?')[0];
  const match = router.match(rawPath);
  if (!match) throw new Error(`No route of the manifest matches ${rawPath}.`);
  return buildRequestEvent({
    ...input,
    headers: {
      accept: '*/*',
      host: 'localhost:3000',
      'user-agent': 'curl/8.5.0',
      ...(input.body !== undefined
        ? {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(input.body)),
          }
        : {}),
      ...input.headers,
    },
    routeKey: match.routeKey,
    pathParameters: match.pathParameters,
    authorized: !match.route.public,
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
  });
};
