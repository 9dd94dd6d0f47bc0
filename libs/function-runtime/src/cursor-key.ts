import { DependencyUnavailableError } from '@peer-rewards/rewards-domain';

export interface SecretKeyOptions {
  /** ARN (or name) of the Secrets Manager secret whose `SecretString` is the key. */
  readonly secretId: string;
  readonly region?: string;
}

/**
 * The cursor signing key from Secrets Manager, read once per container. The read starts when
 * the function loads (during Lambda's init) and is awaited by the first request that signs or
 * checks a cursor; a failed read is a 503 and is tried again by the next request. The client is
 * imported only here, so a function that gets its key from the environment never loads it.
 */
export const secretKey = (options: SecretKeyOptions): (() => Promise<string>) => {
  let pending: Promise<string> | undefined;
  const read = async (): Promise<string> => {
    const { GetSecretValueCommand, SecretsManagerClient } =
      await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient(options.region ? { region: options.region } : {});
    try {
      const { SecretString } = await client.send(
        new GetSecretValueCommand({ SecretId: options.secretId }),
      );
      if (!SecretString) throw new Error(`The secret ${options.secretId} holds no text.`);
      return SecretString;
    } finally {
      client.destroy();
    }
  };
  const load = () => {
    pending ??= read().catch((error: unknown) => {
      pending = undefined;
      const unavailable = new DependencyUnavailableError(
        'The service is starting. Please retry shortly.',
        1,
      );
      Object.defineProperty(unavailable, 'cause', { value: error, enumerable: false });
      throw unavailable;
    });
    return pending;
  };
  // Started now, awaited later; a failure here is seen by the request that needs the key.
  load().catch(() => undefined);
  return load;
};
