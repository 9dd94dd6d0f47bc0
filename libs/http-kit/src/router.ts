import { HttpError } from './http-error';

/** One path of a function (API Gateway syntax, `{name}` parameters) and its method handlers. */
export interface RouteDefinition<H> {
  readonly path: string;
  readonly methods: Readonly<Partial<Record<string, H>>>;
  /** A public route is served without a caller; every other one needs a valid one (401). */
  readonly public?: boolean;
}

export interface RouteMatch<H> {
  readonly handler: H;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly public: boolean;
}

interface CompiledRoute<H> {
  readonly definition: RouteDefinition<H>;
  readonly pattern: RegExp;
  readonly names: string[];
  /** Literal segments weigh more, so `/users/me` wins over `/users/{username}`. */
  readonly weight: number;
}

const compile = <H>(definition: RouteDefinition<H>): CompiledRoute<H> => {
  const names: string[] = [];
  const segments = definition.path.split('/').filter(Boolean);
  const source = segments
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(parameter[1]);
      return '([^/]+)';
    })
    .join('/');
  return {
    definition,
    pattern: new RegExp(`^/${source}/?$`),
    names,
    weight: segments.filter((segment) => !segment.startsWith('{')).length * 100 + segments.length,
  };
};

/**
 * Routes a request by path and method: 404 for an unknown path, 405 with `Allow` for a
 * method the path does not serve. Routing by the path itself (not the route key) means the
 * same function answers the same way behind `ANY /x` routes, `$default` or a sample event.
 */
export const createRouter = <H>(definitions: readonly RouteDefinition<H>[]) => {
  const routes = definitions.map(compile).sort((a, b) => b.weight - a.weight);
  return (method: string, path: string): RouteMatch<H> => {
    for (const route of routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      const handler =
        route.definition.methods[method] ??
        (method === 'HEAD' ? route.definition.methods.GET : undefined);
      if (!handler) {
        const allow = Object.keys(route.definition.methods).join(', ');
        throw new HttpError(
          405,
          'method-not-allowed',
          `${method} is not allowed on ${route.definition.path}; use ${allow}.`,
          {
            Allow: allow,
          },
        );
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = safeDecode(found[index + 1]);
      });
      return {
        handler,
        path: route.definition.path,
        params,
        public: route.definition.public ?? false,
      };
    }
    throw new HttpError(404, 'not-found', `There is no route ${method} ${path}.`);
  };
};

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};
