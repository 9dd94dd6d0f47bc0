import { secretIdOf, startSecretsExtension } from './testing';
import { secretKey } from './cursor-key';

const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:peer-rewards/dev/key-AbCdEf';
const TOKEN = 'session-token-of-the-function';

const startExtension = (answers: Array<[number, unknown]>) => startSecretsExtension(TOKEN, answers);

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
    expect(secretIdOf(extension.requests[0])).toBe(ARN);
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

  it('reads the secret again once it is older than maxAgeMs', async () => {
    // Arrange
    let clock = 0;
    const extension = await startExtension([
      [200, { SecretString: 'first' }],
      [200, { SecretString: 'second' }],
    ]);
    const key = secretKey({
      secretId: ARN,
      port: extension.port,
      sessionToken: TOKEN,
      maxAgeMs: 60_000,
      now: () => clock,
    });
    // Act
    const values = [await key()];
    clock = 59_999;
    values.push(await key());
    clock = 60_000;
    values.push(await key());
    await extension.close();
    // Assert
    expect(values).toEqual(['first', 'first', 'second']);
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
