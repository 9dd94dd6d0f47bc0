import {
  GetSecretValueCommand,
  SecretsManagerClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { secretKey } from './cursor-key';

const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:dev/cursor-key-AbCdEf';

describe('secretKey', () => {
  const secrets = mockClient(SecretsManagerClient);

  beforeEach(() => secrets.reset());
  afterAll(() => secrets.restore());

  it('reads the secret once, as soon as the function loads', async () => {
    // Arrange
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: 'k'.repeat(64) });
    // Act
    const key = secretKey({ secretId: ARN, region: 'eu-central-1' });
    const first = await key();
    const second = await key();
    // Assert
    expect(first).toBe('k'.repeat(64));
    expect(second).toBe(first);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('answers a failed read with a 503 and reads again on the next request', async () => {
    // Arrange
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'gone', $metadata: {} }))
      .resolves({ SecretString: 'k'.repeat(64) });
    const key = secretKey({ secretId: ARN, region: 'eu-central-1' });
    // Act
    const failed = await key().catch((error: unknown) => error);
    const retried = await key();
    // Assert
    expect(failed).toMatchObject({ code: 'service-unavailable', retryAfterSeconds: 1 });
    expect(retried).toBe('k'.repeat(64));
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
