import { secretIdOf, startSecretsExtension } from '@peer-rewards/function-runtime/testing';
import { DependencyUnavailableError } from '@peer-rewards/rewards-domain';
import { signingSecretSource } from './signing-secret';

const ARN =
  'arn:aws:secretsmanager:eu-central-1:123456789012:secret:peer-rewards/prod/slack-signing-secret-AbCdEf';
const TOKEN = 'session-token-of-slack-fn';

describe('signingSecretSource', () => {
  it('uses the value from the environment as it is', async () => {
    // Arrange
    const extension = await startSecretsExtension(TOKEN, [[200, { SecretString: 'remote' }]]);
    // Act
    const secret = await signingSecretSource(
      { value: 'local-secret', arn: ARN },
      { port: extension.port, sessionToken: TOKEN },
    )();
    await extension.close();
    // Assert
    expect(secret).toBe('local-secret');
    expect(extension.requests).toHaveLength(0);
  });

  it('has no secret when neither a value nor an ARN is configured', async () => {
    // Act
    const secret = await signingSecretSource({})();
    // Assert
    expect(secret).toBeUndefined();
  });

  it('reads Secrets Manager through the secrets extension once, and again after five minutes', async () => {
    // Arrange
    let clock = 0;
    const extension = await startSecretsExtension(TOKEN, [
      [200, { SecretString: 'first' }],
      [200, { SecretString: 'second' }],
    ]);
    const source = signingSecretSource(
      { arn: ARN },
      { port: extension.port, sessionToken: TOKEN, now: () => clock },
    );
    // Act
    const values = [await source(), await source()];
    clock = 5 * 60_000;
    values.push(await source());
    await extension.close();
    // Assert
    expect(values).toEqual(['first', 'first', 'second']);
    expect(extension.requests.map(secretIdOf)).toEqual([ARN, ARN]);
  });

  it('has no secret when the one in Secrets Manager holds no text', async () => {
    // Arrange
    const extension = await startSecretsExtension(TOKEN, [[200, { SecretString: '' }]]);
    const source = signingSecretSource({ arn: ARN }, { port: extension.port, sessionToken: TOKEN });
    // Act
    const secret = await source();
    await extension.close();
    // Assert
    expect(secret).toBeUndefined();
  });

  it('turns a failed read into a 503 and tries again on the next request', async () => {
    // Arrange
    const extension = await startSecretsExtension(TOKEN, [
      [500, { message: 'Rate exceeded' }],
      [200, { SecretString: 'after-the-outage' }],
    ]);
    const source = signingSecretSource({ arn: ARN }, { port: extension.port, sessionToken: TOKEN });
    // Act
    const failure = await source().catch((error: unknown) => error);
    const value = await source();
    await extension.close();
    // Assert
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect(failure).toMatchObject({
      message: 'The Slack signing secret cannot be read right now. Please retry shortly.',
    });
    expect(value).toBe('after-the-outage');
  });
});
