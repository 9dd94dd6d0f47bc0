/**
 * `npm run smoke -- --api-url <url> --function <fn> --stage <stage> [--expect-version <v>]`: the
 * checks a deploy job runs against a stage right after deploying one function.
 *
 * 1. `GET /health` answers 200 with a `version` (equal to `--expect-version` when the deployed
 *    function is the one serving `/health`);
 * 2. for an HTTP function, its authenticated read without a token answers 401: the route is
 *    wired to the authorizer rather than falling through to `$default`;
 * 3. and the function itself answers that read: the stage's pre-traffic hook of the function,
 *    invoked with `{"qualifier": "live"}`, sends its probes (a public request and an
 *    authenticated read with a synthetic caller's claims) to the `live` alias. No token is
 *    stored anywhere, so none can expire, and the deploy role never invokes a function itself.
 *
 * Reads only: a smoke test must not change what users see.
 */
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  findFunction,
  preTrafficHookNameOf,
  probeRequestsFor,
  type FunctionSpec,
  type ProbeResult,
} from '@peer-rewards/platform-manifest';

export interface SmokeOptions {
  readonly apiUrl: string;
  readonly fn: string;
  readonly expectVersion?: string;
  /** With a stage and a client, the function's hook probes `live` (HTTP functions). */
  readonly stage?: string;
  readonly lambda?: LambdaClient;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The route a function is smoke-tested on: the authenticated read of its probes. */
export const smokeRouteOf = (spec: FunctionSpec): string | undefined => {
  const read = probeRequestsFor(spec).find((probe) => probe.authenticated);
  if (!read) return undefined;
  const query = new URLSearchParams(read.query).toString();
  return `${read.path}${query ? `?${query}` : ''}`;
};

/** The hook's probes of `live`, one check each. */
const probeLive = async (
  lambda: LambdaClient,
  stage: string,
  spec: FunctionSpec,
): Promise<SmokeCheck[]> => {
  const hook = preTrafficHookNameOf(stage, spec.name);
  const answer = await lambda.send(
    new InvokeCommand({ FunctionName: hook, Payload: JSON.stringify({ qualifier: 'live' }) }),
  );
  const text = Buffer.from(answer.Payload ?? []).toString('utf8');
  const report = answer.FunctionError
    ? undefined
    : (JSON.parse(text) as { results?: ProbeResult[] } | null);
  if (!report?.results || report.results.length === 0) {
    return [
      { name: `${hook} probes live`, ok: false, detail: `no probe results: ${text.slice(0, 300)}` },
    ];
  }
  return report.results.map((result) => ({
    name: `live: ${result.name}`,
    ok: result.ok,
    detail: result.detail,
  }));
};

const servesHealth = (spec: FunctionSpec): boolean =>
  spec.kind === 'http' && spec.routes.some((r) => r.path === '/health');

const get = async (
  options: SmokeOptions,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> => {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(new URL(path, options.apiUrl.replace(/\/?$/, '/')), {
    headers: { accept: 'application/json', ...headers },
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the report.
  }
  return { status: response.status, body };
};

const short = (body: unknown): string => JSON.stringify(body)?.slice(0, 200) ?? String(body);

/** Runs the checks; never throws for a failed check, only reports it. */
export const runSmoke = async (options: SmokeOptions): Promise<SmokeCheck[]> => {
  const spec = findFunction(options.fn);
  if (!spec) return [{ name: 'function', ok: false, detail: `unknown function "${options.fn}"` }];
  const checks: SmokeCheck[] = [];
  const attempt = async (name: string, check: () => Promise<SmokeCheck>): Promise<void> => {
    try {
      checks.push(await check());
    } catch (error) {
      checks.push({ name, ok: false, detail: `request failed: ${(error as Error).message}` });
    }
  };

  await attempt('GET /health', async () => {
    const { status, body } = await get(options, 'health');
    const version = (body as { version?: unknown } | null)?.version;
    if (status !== 200 || typeof version !== 'string' || version === '') {
      return {
        name: 'GET /health',
        ok: false,
        detail: `expected 200 with a version, got ${status} ${short(body)}`,
      };
    }
    if (options.expectVersion && servesHealth(spec) && version !== options.expectVersion) {
      return {
        name: 'GET /health',
        ok: false,
        detail: `version ${version} is live, expected ${options.expectVersion}`,
      };
    }
    return { name: 'GET /health', ok: true, detail: `200, version ${version}` };
  });

  const route = smokeRouteOf(spec);
  if (route) {
    const name = `GET ${route}`;
    await attempt(name, async () => {
      const { status, body } = await get(options, route.replace(/^\//, ''));
      return status === 401
        ? { name, ok: true, detail: '401 without a token: behind the JWT authorizer' }
        : { name, ok: false, detail: `expected 401 without a token, got ${status} ${short(body)}` };
    });
  }
  if (spec.kind === 'http' && options.lambda && options.stage) {
    const { lambda, stage } = options;
    try {
      checks.push(...(await probeLive(lambda, stage, spec)));
    } catch (error) {
      checks.push({
        name: 'probes of live',
        ok: false,
        detail: `invoke failed: ${(error as Error).message}`,
      });
    }
  }
  return checks;
};

const main = async (argv: readonly string[]): Promise<number> => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'api-url': { type: 'string' },
      function: { type: 'string' },
      stage: { type: 'string' },
      'expect-version': { type: 'string' },
    },
    strict: true,
  });
  const apiUrl = values['api-url'] ?? process.env.API_URL;
  if (!apiUrl || !values.function || !values.stage || !/^https?:\/\//.test(apiUrl)) {
    console.error(
      'Usage: npm run smoke -- --api-url <https://…> --function <fn> --stage <stage> [--expect-version <v>]',
    );
    return 1;
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const lambda = new LambdaClient({});
  const checks = await runSmoke({
    apiUrl,
    fn: values.function,
    stage: values.stage,
    lambda,
    ...(values['expect-version'] ? { expectVersion: values['expect-version'] } : {}),
  }).finally(() => lambda.destroy());
  for (const check of checks)
    console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  return checks.every((c) => c.ok) ? 0 : 1;
};

if (require.main === module) {
  void main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`smoke failed: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
