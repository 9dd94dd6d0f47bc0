/**
 * The synthetic requests that prove a version of an HTTP function can answer before it gets
 * traffic: one public request (a public route, or the CORS preflight of a protected one, which
 * the function answers without a token) and one authenticated read. The pre-traffic hook sends
 * them to the new version directly, as API Gateway would after verifying a caller's token:
 * authenticated probes carry the claims of a synthetic caller in
 * `requestContext.authorizer.jwt.claims`, where API Gateway puts them after verifying a token.
 */
import type { FunctionSpec } from './index';

export interface ProbeRequest {
  /** What the report calls it, e.g. `GET /users?limit=1 (authenticated)`. */
  readonly name: string;
  readonly method: 'GET' | 'OPTIONS';
  /** The manifest route the request is published under (`ANY /users`). */
  readonly routeKey: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Sent with the claims of a synthetic caller, as the JWT authorizer passes them on. */
  readonly authenticated: boolean;
}

/** Environment variables of the pre-traffic hook, set by each HTTP function's stack. */
export const PRE_TRAFFIC_HOOK_ENV = {
  /** The deployed function the hook guards, e.g. `prod-users-fn`. */
  targetFunctionName: 'TARGET_FUNCTION_NAME',
  /** Its name in the manifest (`users-fn`), which picks the probes. */
  targetSpec: 'TARGET_SPEC',
  /** The claim that names the caller, as the function reads it. */
  usernameClaim: 'USERNAME_CLAIM',
  /** An origin the stage allows, sent on CORS preflight probes. */
  origin: 'PROBE_ORIGIN',
} as const;

/** The username of the synthetic caller of authenticated probes. */
export const PROBE_USERNAME = 'pre-traffic-probe';

const isStatic = (path: string): boolean => path.startsWith('/') && !path.includes('{');

const request = (
  method: ProbeRequest['method'],
  path: string,
  query: Record<string, string>,
  authenticated: boolean,
): ProbeRequest => {
  const search = new URLSearchParams(query).toString();
  return {
    name: `${method} ${path}${search ? `?${search}` : ''}${authenticated ? ' (authenticated)' : ''}`,
    method,
    routeKey: `ANY ${path}`,
    path,
    query,
    authenticated,
  };
};

/**
 * The probes of a function: none for a scheduled one, which has no side-effect-free request, and
 * no authenticated read for an HTTP function without a protected GET route.
 */
export const probeRequestsFor = (spec: FunctionSpec): ProbeRequest[] => {
  if (spec.kind !== 'http') return [];
  const routes = spec.routes.filter((route) => isStatic(route.path));
  const read = routes.find((route) => !route.public && route.methods.includes('GET'));
  const open = routes.find((route) => route.public && route.methods.includes('GET'));
  // Without a public GET, the preflight of a protected path (a function serving only POSTs has
  // no read, but still answers its preflight once it has loaded).
  const guarded = read ?? routes.find((route) => !route.public);
  const probes: ProbeRequest[] = [];
  if (open) probes.push(request('GET', open.path, {}, false));
  else if (guarded) probes.push(request('OPTIONS', guarded.path, {}, false));
  if (read) probes.push(request('GET', read.path, { limit: '1' }, true));
  return probes;
};

/** A probe as the API Gateway HTTP API payload 2.0 event Lambda would receive. */
export interface ProbeEventOptions {
  /** The claim that names the caller (`USERNAME_CLAIM` of the function). */
  readonly usernameClaim: string;
  /** An `https://` origin the stage allows, sent on the CORS preflight. */
  readonly origin: string;
  readonly now: Date;
  readonly requestId: string;
}

export const probeEvent = (probe: ProbeRequest, options: ProbeEventOptions) => {
  const rawQueryString = new URLSearchParams(probe.query).toString();
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': 'peer-rewards-pre-traffic-hook',
    ...(probe.method === 'OPTIONS'
      ? { origin: options.origin, 'access-control-request-method': 'GET' }
      : {}),
  };
  return {
    version: '2.0',
    routeKey: probe.routeKey,
    rawPath: probe.path,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters: { ...probe.query } } : {}),
    requestContext: {
      accountId: 'pre-traffic',
      apiId: 'pre-traffic',
      domainName: 'pre-traffic.invalid',
      domainPrefix: 'pre-traffic',
      http: {
        method: probe.method,
        path: probe.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'],
      },
      requestId: options.requestId,
      routeKey: probe.routeKey,
      stage: '$default',
      time: options.now.toUTCString(),
      timeEpoch: options.now.getTime(),
      ...(probe.authenticated
        ? {
            authorizer: {
              jwt: {
                claims: { sub: PROBE_USERNAME, [options.usernameClaim]: PROBE_USERNAME },
                scopes: null,
              },
            },
          }
        : {}),
    },
    isBase64Encoded: false,
  };
};

export interface ProbeResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** `errorType: errorMessage` of Lambda's error payload, or the start of the payload. */
const crashOf = (payload: string): string => {
  try {
    const { errorType, errorMessage } = JSON.parse(payload) as Record<string, unknown>;
    if (typeof errorMessage === 'string') {
      return `${typeof errorType === 'string' ? `${errorType}: ` : ''}${errorMessage}`.slice(
        0,
        300,
      );
    }
  } catch {
    // Not Lambda's error JSON: show it as it came.
  }
  return payload.slice(0, 300);
};

/**
 * A version passes a probe only with a 2xx answer: a crash (`FunctionError`), a 5xx and also a
 * 4xx fail it, since every probe is a request a healthy version answers successfully.
 */
export const judgeProbe = (
  probe: ProbeRequest,
  functionError: string | undefined,
  payload: string,
): ProbeResult => {
  if (functionError) {
    return {
      name: probe.name,
      ok: false,
      detail: `crashed (${functionError}): ${crashOf(payload)}`,
    };
  }
  let statusCode: unknown;
  try {
    statusCode = (JSON.parse(payload) as { statusCode?: unknown } | null)?.statusCode;
  } catch {
    statusCode = undefined;
  }
  if (typeof statusCode !== 'number') {
    return {
      name: probe.name,
      ok: false,
      detail: `answered no HTTP response: ${payload.slice(0, 300)}`,
    };
  }
  return statusCode >= 200 && statusCode < 300
    ? { name: probe.name, ok: true, detail: `${statusCode}` }
    : { name: probe.name, ok: false, detail: `${statusCode}: ${payload.slice(0, 300)}` };
};

/** What invoking a version with a probe event gave back: Lambda's `FunctionError` and payload. */
export interface ProbeAnswer {
  readonly functionError?: string;
  readonly payload: string;
}

export interface RunProbesOptions {
  readonly usernameClaim: string;
  readonly origin: string;
  readonly now: () => Date;
  /** Each probe's request id is `<prefix>-<index>`. */
  readonly requestIdPrefix: string;
}

/**
 * Sends each probe, one after the other, through `invoke` (which invokes the version under test
 * directly) and judges each answer; an `invoke` that throws fails its probe with the reason.
 */
export const runProbes = async (
  probes: readonly ProbeRequest[],
  options: RunProbesOptions,
  invoke: (event: ReturnType<typeof probeEvent>) => Promise<ProbeAnswer>,
): Promise<ProbeResult[]> => {
  const results: ProbeResult[] = [];
  for (const [index, probe] of probes.entries()) {
    try {
      const event = probeEvent(probe, {
        usernameClaim: options.usernameClaim,
        origin: options.origin,
        now: options.now(),
        requestId: `${options.requestIdPrefix}-${index}`,
      });
      const answer = await invoke(event);
      results.push(judgeProbe(probe, answer.functionError, answer.payload));
    } catch (error) {
      results.push({
        name: probe.name,
        ok: false,
        detail: `invoke failed: ${(error as Error).message}`,
      });
    }
  }
  return results;
};
