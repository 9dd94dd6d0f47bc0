/**
 * How the floor calls a built handler: a minimal payload 2.0 event and context for one request,
 * nothing of what the local stack adds (authorizer, full event, versions, REPORT lines, response
 * mapping). `floor-server.ts` answers HTTP with it; `request-path.ts` calls it in a loop.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface FloorResult {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: string;
}

export type FloorHandler = (event: unknown, context: unknown) => Promise<FloorResult>;

export const floorCall = (handler: FloorHandler, req: IncomingMessage): Promise<FloorResult> => {
  const requestId = randomUUID();
  const [rawPath, rawQueryString = ''] = (req.url ?? '/').split('?');
  const event = {
    version: '2.0',
    routeKey: `ANY ${rawPath}`,
    rawPath,
    rawQueryString,
    headers: req.headers,
    requestContext: { http: { method: req.method, path: rawPath }, requestId },
    isBase64Encoded: false,
  };
  const deadline = Date.now() + 10_000;
  const context = {
    functionName: 'floor-rewards-fn',
    functionVersion: '$LATEST',
    awsRequestId: requestId,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  return handler(event, context);
};
