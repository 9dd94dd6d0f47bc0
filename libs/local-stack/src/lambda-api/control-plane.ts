/**
 * The local AWS control plane, on its own port: the Lambda REST subset (`/2015-03-31/…`), the
 * SSM parameters of the release CLI (`POST /` with `X-Amz-Target: AmazonSSM.*`), and what each
 * invocation did (`GET /local/invocations`), which the deployment controller reads as the
 * CloudWatch alarms read their metrics. Any credentials are accepted.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { close, listen } from '../http-server';
import type { HttpResponse } from '../http-response';
import { readBody } from '../request-body';
import { LambdaApiError } from './lambda-errors';
import { lambdaRoute, type ApiAnswer } from './lambda-routes';
import type { LocalLambda } from './local-lambda';

export const INVOCATIONS_PATH = '/local/invocations';

export interface ControlPlane {
  /** The endpoint for `@aws-sdk/client-lambda` and `@aws-sdk/client-ssm`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const toResponse = (answer: ApiAnswer, requestId: string, contentType: string): HttpResponse => {
  const body =
    answer.body === undefined
      ? Buffer.alloc(0)
      : Buffer.isBuffer(answer.body)
        ? answer.body
        : Buffer.from(JSON.stringify(answer.body ?? null));
  return {
    statusCode: answer.status,
    headers: {
      ...(answer.body === undefined ? {} : { 'content-type': contentType }),
      'x-amzn-requestid': requestId,
      ...answer.headers,
    },
    body,
  };
};

const respondTo = async (lambda: LocalLambda, req: IncomingMessage): Promise<HttpResponse> => {
  const requestId = randomUUID();
  const url = new URL(req.url ?? '/', 'http://local');
  const body = (await readBody(req)) ?? Buffer.alloc(0);
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('AmazonSSM.')) {
    let input: Record<string, unknown> = {};
    try {
      input = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      input = {};
    }
    const answer = lambda.parameters.handle(target, input);
    return toResponse(
      {
        status: answer.status,
        body: answer.body,
        ...(answer.errorCode ? { headers: { 'x-amzn-errortype': answer.errorCode } } : {}),
      },
      requestId,
      'application/x-amz-json-1.1',
    );
  }
  if (url.pathname === INVOCATIONS_PATH && req.method === 'GET') {
    const functionName = url.searchParams.get('FunctionName') ?? '';
    const after = Number(url.searchParams.get('After') ?? '0');
    const records = lambda.invocations.since(functionName, Number.isFinite(after) ? after : 0);
    return toResponse(
      { status: 200, body: { Invocations: records, LastSeq: lambda.invocations.lastSeq } },
      requestId,
      'application/json',
    );
  }
  try {
    const answer = await lambdaRoute(lambda, {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    });
    return toResponse(answer, requestId, 'application/json');
  } catch (error) {
    if (!(error instanceof LambdaApiError)) throw error;
    return toResponse(
      { status: error.status, headers: { 'x-amzn-errortype': error.code }, body: error.body() },
      requestId,
      'application/json',
    );
  }
};

export const startControlPlane = async (
  lambda: LocalLambda,
  options: { port?: number; host?: string; log: (line: string) => void },
): Promise<ControlPlane> => {
  const listening = await listen({
    respond: (req) => respondTo(lambda, req),
    corsOrigins: [],
    log: options.log,
    // The deployment controller polls several times a second: no access line per request.
    quiet: true,
    port: options.port ?? 0,
    host: options.host,
  });
  return {
    url: listening.url,
    port: listening.port,
    stop: () => close(listening.server),
  };
};
