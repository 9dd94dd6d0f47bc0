/**
 * API Gateway's route selection for the routes of the platform manifest: the most specific
 * route wins (a literal segment beats a `{param}`, which beats a greedy `{param+}`), and what
 * matches nothing goes to `$default`.
 */
import {
  FUNCTIONS,
  routeKeyOf,
  type FunctionName,
  type RouteSpec,
} from '@peer-rewards/platform-manifest';

export interface RouteMatch {
  readonly functionName: FunctionName;
  readonly route: RouteSpec;
  /** `ANY /users/{username}` or `$default`. */
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
}

type Segment =
  | { kind: 'literal'; value: string }
  | { kind: 'param'; name: string }
  | { kind: 'greedy'; name: string };

interface CompiledRoute {
  readonly functionName: FunctionName;
  readonly route: RouteSpec;
  readonly routeKey: string;
  readonly segments: readonly Segment[];
}

/** The path parameters of a route without any: one shared, frozen object. */
const NO_PARAMETERS: Readonly<Record<string, string>> = Object.freeze({});

const parseSegments = (routePath: string): Segment[] =>
  routePath
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const greedy = /^\{([^}]+)\+\}$/.exec(part);
      if (greedy) return { kind: 'greedy', name: greedy[1] };
      const param = /^\{([^}]+)\}$/.exec(part);
      return param ? { kind: 'param', name: param[1] } : { kind: 'literal', value: part };
    });

/** Lower ranks are more specific. */
const rank = (segment: Segment): number =>
  segment.kind === 'literal' ? 0 : segment.kind === 'param' ? 1 : 2;

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

const matchSegments = (
  segments: readonly Segment[],
  parts: readonly string[],
): Readonly<Record<string, string>> | null => {
  if (segments.length < parts.length && segments[segments.length - 1]?.kind !== 'greedy') {
    return null;
  }
  // Made only once a parameter matched: most candidates a request tries have none or fail.
  let params: Record<string, string> | null = null;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return null;
      params ??= {};
      params[segment.name] = decode(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return null;
    if (segment.kind === 'literal' && segment.value !== part) return null;
    if (segment.kind === 'param') {
      params ??= {};
      params[segment.name] = decode(part);
    }
  }
  return segments.length === parts.length ? (params ?? NO_PARAMETERS) : null;
};

const compare = (a: CompiledRoute, b: CompiledRoute): number => {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i += 1) {
    const left = a.segments[i] ? rank(a.segments[i]) : -1;
    const right = b.segments[i] ? rank(b.segments[i]) : -1;
    if (left !== right) return left - right;
  }
  return 0;
};

export interface Router {
  /** The route a request path selects; null when nothing matches and no `$default` exists. */
  match(rawPath: string): RouteMatch | null;
  /** The function and spec of a route key, e.g. `$default`. */
  byRouteKey(routeKey: string): RouteMatch | null;
}

export const createRouter = (functions = FUNCTIONS): Router => {
  const compiled: CompiledRoute[] = [];
  let fallback: RouteMatch | null = null;
  for (const fn of functions) {
    if (fn.kind !== 'http') continue;
    for (const route of fn.routes) {
      if (route.path === '$default') {
        fallback = {
          functionName: fn.name,
          route,
          routeKey: '$default',
          pathParameters: NO_PARAMETERS,
        };
      } else {
        compiled.push({
          functionName: fn.name,
          route,
          routeKey: routeKeyOf(route),
          segments: parseSegments(route.path),
        });
      }
    }
  }
  compiled.sort(compare);
  const matchOf = (candidate: CompiledRoute, pathParameters: Readonly<Record<string, string>>) => ({
    functionName: candidate.functionName,
    route: candidate.route,
    routeKey: candidate.routeKey,
    pathParameters,
  });
  // A path that equals a route without parameters selects it (literal segments rank first):
  // one lookup, one shared answer.
  const exact = new Map<string, RouteMatch>();
  for (const candidate of compiled) {
    if (
      candidate.segments.every((segment) => segment.kind === 'literal') &&
      !exact.has(candidate.route.path)
    ) {
      exact.set(candidate.route.path, Object.freeze(matchOf(candidate, NO_PARAMETERS)));
    }
  }
  return {
    match(rawPath) {
      const known = exact.get(rawPath);
      if (known) return known;
      const parts = rawPath.split('/').slice(1);
      for (const candidate of compiled) {
        const pathParameters = matchSegments(candidate.segments, parts);
        if (pathParameters) return matchOf(candidate, pathParameters);
      }
      return fallback;
    },
    byRouteKey(routeKey) {
      if (routeKey === '$default') return fallback;
      const found = compiled.find((candidate) => candidate.routeKey === routeKey);
      return found ? matchOf(found, NO_PARAMETERS) : null;
    },
  };
};
