import { createServer, type IncomingMessage, type Server } from 'node:http';
import { secretKey } from './cursor-key';

const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:peer-rewards/dev/key-AbCdEf';
const TOKEN = 'session-token-of-the-function';

/** The extension's HTTP API as a Lambda function sees it on localhost. */
const startExtension = async (answers: Array<[number, unknown]>) => {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request);
    const [status, body] = answers.shift() ?? [500, { message: 'no answer left' }];
    const authorized = request.headers['x-aws-parameters-secrets-token'] === TOKEN;
    response.writeHead(authorized ? status : 401, { 'content-type': 'application/json' });
    response.end(JSON.stringify(authorized ? body : { message: 'not authorized' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, requests, close: () => new Promise((resolve) => server.close(resolve)) };
};

describe('secretKey', () => {
  it('reads the secret through the extension once, with the function session token', async () => {
    // Arrange
    const extension = await startExtension([[200, { Name: 'key', SecretString: 'k'.repeat(64) }]]);
    const key = secretKey({ secretId: ARN, port: extension.port, sessionToken: TOKEN });
    // Act
    const first = await key();
    const second = await key();
    await extension.close();
    // Assert
    expect(first).toBe('k'.repeat(64));
    expect(second).toBe(first);
    expect(extension.requests).toHaveLength(1);
    expect(new URL(extension.requests[0].url ?? '', 'http://x').searchParams.get('secretId')).toBe(
      ARN,
    );
  });

  it('answers a failed read with a 503 and reads again on the next request', async () => {
    // Arrange
    const extension = await startExtension([
      [500, { message: 'throttled' }],
      [200, { SecretString: 'k'.repeat(64) }],
    ]);
    const key = secretKey({ secretId: ARN, port: extension.port, sessionToken: TOKEN });
    // Act
    const failed = await key().catch((error: unknown) => error);
    const retried = await key();
    await extension.close();
    // Assert
    expect(failed).toMatchObject({ code: 'service-unavailable', retryAfterSeconds: 1 });
    expect(retried).toBe('k'.repeat(64));
    expect(extension.requests).toHaveLength(2);
  });

  it('answers 503 when the extension is not there at all', async () => {
    // Arrange: a port nothing listens on
    const extension = await startExtension([]);
    await extension.close();
    const key = secretKey({ secretId: ARN, port: extension.port, sessionToken: TOKEN });
    // Act
    const failed = await key().catch((error: unknown) => error);
    // Assert
    expect(failed).toMatchObject({ code: 'service-unavailable' });
  });
});
