import type middy from '@middy/core';
import { HttpError } from '../http-error';
import {
  methodOf,
  pathOf,
  type HttpEvent,
  type RouteHandler,
  type RoutedContext,
} from '../http-request';
import { createRouter, type RouteDefinition } from '../router';

export interface RoutingOptions {
  readonly routes: readonly RouteDefinition<RouteHandler>[];
}

const defaults: RoutingOptions = { routes: [] };

/**
 * Routes by the request path before anything reads the body: an unknown path is a 404 and a
 * wrong method a 405 with `Allow`, whatever the body. The match goes on `context.route`, where
 * the handler finds it (Middy passes a handler only the event and the context).
 */
export const routing = (opts: Partial<RoutingOptions> = {}): middy.MiddlewareObj<HttpEvent> => {
  const options = { ...defaults, ...opts };
  const route = createRouter(options.routes);

  /** A CORS preflight: 204 with what the path allows; the CORS middleware adds its headers. */
  const preflight =
    (path: string): RouteHandler =>
    async () => {
      try {
        route('OPTIONS', path);
      } catch (error) {
        if (error instanceof HttpError && error.status === 405) {
          return { status: 204, headers: { allow: `${error.headers.Allow}, OPTIONS` } };
        }
        throw error;
      }
      return { status: 204 };
    };

  const routingBefore: middy.MiddlewareFn<HttpEvent> = (request) => {
    const context = request.context as RoutedContext;
    const path = pathOf(request.event);
    const method = methodOf(request.event);
    // A preflight that reaches the function (an unauthenticated OPTIONS route in front of an
    // authorized ANY route) is answered for any path the function serves.
    context.route =
      method === 'OPTIONS'
        ? { path, params: {}, handler: preflight(path), public: true }
        : route(method, path);
  };

  return { before: routingBefore };
};
