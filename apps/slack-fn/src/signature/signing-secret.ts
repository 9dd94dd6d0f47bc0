import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DependencyUnavailableError } from '@peer-rewards/rewards-domain';

export interface SigningSecretSettings {
  /** The secret itself (local use). */
  readonly value?: string;
  /** The Secrets Manager secret holding it (AWS). */
  readonly arn?: string;
}

export interface SigningSecretOptions {
  readonly client?: Pick<SecretsManagerClient, 'send'>;
  /** How long a fetched value is used before it is read again, so a new secret takes over. */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

/**
 * Where the signing secret comes from: the environment locally, Secrets Manager in AWS (read
 * once per container and again every 5 minutes; a failed read is a 503 and is tried again on the
 * next request). Without either, there is no secret and no request can pass.
 */
export const signingSecretSource = (
  settings: SigningSecretSettings,
  options: SigningSecretOptions = {},
): (() => Promise<string | undefined>) => {
  if (settings.value) {
    const value = settings.value;
    return async () => value;
  }
  const arn = settings.arn;
  if (!arn) return async () => undefined;
  const client = options.client ?? new SecretsManagerClient({});
  const cacheMs = options.cacheMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { value: Promise<string | undefined>; at: number } | undefined;

  const fetchSecret = async (): Promise<string | undefined> => {
    try {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      return SecretString || undefined;
    } catch (error) {
      cached = undefined;
      const unavailable = new DependencyUnavailableError(
        'The Slack signing secret cannot be read right now. Please retry shortly.',
      );
      Object.defineProperty(unavailable, 'cause', { value: error, enumerable: false });
      throw unavailable;
    }
  };

  return () => {
    if (!cached || now() - cached.at >= cacheMs) cached = { value: fetchSecret(), at: now() };
    return cached.value;
  };
};
