import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpResult } from './http-request';

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

/** A route handler's result as API Gateway expects it: JSON text and the base headers. */
export const jsonResponse = (result: HttpResult): APIGatewayProxyStructuredResultV2 => ({
  statusCode: result.status,
  headers: { ...BASE_HEADERS, ...result.headers },
  ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
});

/** The one error body of the API: `{"error":{"code","message","details"?}}`. */
export const errorResponse = (
  status: number,
  code: string,
  message: string,
  details?: ReadonlyArray<{ path: string; message: string }>,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 =>
  jsonResponse({
    status,
    headers,
    body: { error: { code, message, ...(details?.length ? { details } : {}) } },
  });
