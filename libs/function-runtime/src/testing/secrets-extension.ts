import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface FakeSecretsExtension {
  readonly port: number;
  /** The requests it got, in order. */
  readonly requests: IncomingMessage[];
  close(): Promise<void>;
}

/**
 * The AWS Parameters and Secrets Lambda Extension's HTTP API as a function sees it on
 * localhost: each request gets the next `[status, body]` of `answers` (500 once they run out),
 * and 401 unless it carries the function's session token `token`.
 */
export const startSecretsExtension = async (
  token: string,
  answers: Array<[number, unknown]>,
): Promise<FakeSecretsExtension> => {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request);
    const [status, body] = answers.shift() ?? [500, { message: 'no answer left' }];
    const authorized = request.headers['x-aws-parameters-secrets-token'] === token;
    response.writeHead(authorized ? status : 401, { 'content-type': 'application/json' });
    response.end(JSON.stringify(authorized ? body : { message: 'not authorized' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The `secretId` a request of the extension asked for. */
export const secretIdOf = (request: IncomingMessage): string | null =>
  new URL(request.url ?? '', 'http://localhost').searchParams.get('secretId');
