/**
 * `npm run smoke -- --api-url <url> --function <fn> [--expect-version <v>]`: the checks a deploy
 * job runs against a stage right after deploying one function.
 *
 * 1. `GET /health` answers 200 with a `version` (equal to `--expect-version` when the deployed
 *    function is the one serving `/health`);
 * 2. for an HTTP function, one of its authenticated list routes: 200 with `SMOKE_TOKEN` set
 *    (a JWT of a smoke-test user), otherwise 401 — which still proves the route is wired to the
 *    authorizer rather than falling through to `$default`.
 *
 * Reads only: a smoke test must not change what users see.
 */
import { parseArgs } from 'node:util';
import { findFunction, type FunctionSpec } from '@peer-rewards/platform-manifest';

export interface SmokeOptions {
  readonly apiUrl: string;
  readonly fn: string;
  readonly expectVersion?: string;
  readonly token?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The route a function is smoke-tested on: its first static, authenticated path. */
export const smokeRouteOf = (spec: FunctionSpec): string | undefined => {
  if (spec.kind !== 'http') return undefined;
  const route = spec.routes.find(
    (r) => !r.public && !r.path.includes('{') && r.methods.includes('GET'),
  );
  return route ? `${route.path}?limit=1` : undefined;
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
      const relative = route.replace(/^\//, '');
      if (options.token) {
        const { status, body } = await get(options, relative, {
          authorization: `Bearer ${options.token}`,
        });
        return status === 200
          ? { name, ok: true, detail: '200 with a token' }
          : { name, ok: false, detail: `expected 200 with a token, got ${status} ${short(body)}` };
      }
      const { status, body } = await get(options, relative);
      return status === 401
        ? { name, ok: true, detail: '401 without a token (no SMOKE_TOKEN given)' }
        : { name, ok: false, detail: `expected 401 without a token, got ${status} ${short(body)}` };
    });
  }
  return checks;
};

const main = async (argv: readonly string[]): Promise<number> => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'api-url': { type: 'string' },
      function: { type: 'string' },
      'expect-version': { type: 'string' },
    },
    strict: true,
  });
  const apiUrl = values['api-url'] ?? process.env.API_URL;
  if (!apiUrl || !values.function || !/^https?:\/\//.test(apiUrl)) {
    console.error(
      'Usage: npm run smoke -- --api-url <https://…> --function <fn> [--expect-version <v>]',
    );
    return 1;
  }
  const checks = await runSmoke({
    apiUrl,
    fn: values.function,
    ...(values['expect-version'] ? { expectVersion: values['expect-version'] } : {}),
    ...(process.env.SMOKE_TOKEN ? { token: process.env.SMOKE_TOKEN } : {}),
  });
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
