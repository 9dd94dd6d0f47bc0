/** @peer-rewards/http-kit: the Middy stack shared by the HTTP functions. */
export { createHttpHandler, type HttpHandlerOptions } from './http-handler';
export type { HttpRequest, HttpResult, RouteHandler } from './http-request';
export type { RouteDefinition } from './router';
export { emfMetrics } from './middleware/emf-metrics.middleware';
export { DeadlineExceededError, invocationSignal, withDeadline } from './deadline';
export { accessLog } from './middleware/access-log.middleware';
export { errorHandler } from './middleware/error-handler.middleware';
export { headerNames } from './middleware/header-names.middleware';
export { HttpError } from './http-error';
export { jsonResponse } from './responses';
export type { HttpEvent } from './http-request';
export { parseEmfLine, type EmfRecord } from './emf';
export { createLogger, type Logger, type LogLevel } from './logger';
export { integerEnv, listEnv, optionalEnv, requireEnv } from './config';
