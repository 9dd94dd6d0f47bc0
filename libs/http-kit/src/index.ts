/** @peer-rewards/http-kit: the Middy stack shared by the HTTP functions. */
export {
  createHttpHandler,
  errorResponse,
  toErrorResponse,
  type HttpHandlerOptions,
  type HttpRequest,
  type HttpResult,
  type RouteHandler,
} from './http-handler';
export { HttpError, STATUS_OF_CODE } from './http-error';
export { createRouter, type RouteDefinition, type RouteMatch } from './router';
export { createLogger, type Logger, type LogLevel } from './logger';
export { integerEnv, listEnv, optionalEnv, requireEnv } from './config';
