import { createServer, type Server, type Socket } from 'node:net';
import { DependencyUnavailableError } from '@peer-rewards/rewards-domain';
import { createDocumentClient } from './client';
import { DynamoDbUserRepository } from './user.repository';

describe('createDocumentClient', () => {
  let server: Server;
  let endpoint: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    // A database that accepts the connection and then never answers.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    endpoint = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on a database that does not answer, as a 503-mapped error, well within a Lambda timeout', async () => {
    // Arrange
    const client = createDocumentClient({ endpoint, region: 'us-east-1', maxAttempts: 1 });
    const users = new DynamoDbUserRepository({ client, tableName: 'silent' });
    // Act
    const failure = await users.get('alex').then(
      () => undefined,
      (error: unknown) => error,
    );
    // Assert: a 503 whose cause says the request timed out (not throttling, not refused)
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect((failure as Error).cause).toMatchObject({ name: 'TimeoutError' });
    client.destroy();
  }, 15_000);
});
