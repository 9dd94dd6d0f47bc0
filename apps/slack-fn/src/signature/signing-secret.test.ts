import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DependencyUnavailableError } from '@peer-rewards/rewards-domain';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { signingSecretSource } from './signing-secret';

const ARN =
  'arn:aws:secretsmanager:eu-central-1:123456789012:secret:peer-rewards/prod/slack-signing-secret-AbCdEf';

describe('signingSecretSource', () => {
  const secrets = mockClient(SecretsManagerClient);
  beforeEach(() => secrets.reset());

  it('uses the value from the environment as it is', async () => {
    // Act
    const secret = await signingSecretSource({ value: 'local-secret', arn: ARN })();
    // Assert
    expect(secret).toBe('local-secret');
    expect(secrets).not.toHaveReceivedCommand(GetSecretValueCommand);
  });

  it('has no secret when neither a value nor an ARN is configured', async () => {
    // Act
    const secret = await signingSecretSource({})();
    // Assert
    expect(secret).toBeUndefined();
  });

  it('reads Secrets Manager once, and again after five minutes', async () => {
    // Arrange
    let clock = 0;
    secrets
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: 'first' })
      .resolves({ SecretString: 'second' });
    const source = signingSecretSource(
      { arn: ARN },
      { client: new SecretsManagerClient({}), now: () => clock },
    );
    // Act
    const values = [await source(), await source()];
    clock = 5 * 60_000;
    values.push(await source());
    // Assert
    expect(values).toEqual(['first', 'first', 'second']);
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: ARN });
  });

  it('turns a failed read into a 503 and tries again on the next request', async () => {
    // Arrange
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: 'after-the-outage' });
    const source = signingSecretSource({ arn: ARN }, { client: new SecretsManagerClient({}) });
    // Act
    const failure = await source().catch((error: unknown) => error);
    const value = await source();
    // Assert
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect((failure as Error).cause).toMatchObject({ name: 'ThrottlingException' });
    expect(value).toBe('after-the-outage');
  });
});
