import { secretKey } from '@peer-rewards/function-runtime';
import { DependencyUnavailableError } from '@peer-rewards/rewards-domain';

export interface SigningSecretSettings {
  /** The secret itself (local use). */
  readonly value?: string;
  /** The Secrets Manager secret holding it (AWS). */
  readonly arn?: string;
}

export interface SigningSecretOptions {
  /** Port of the AWS Parameters and Secrets Lambda Extension (its own default: 2773). */
  readonly port?: number;
  /** The function's session token (`AWS_SESSION_TOKEN`), the extension's proof of the caller. */
  readonly sessionToken?: string;
  /** How long a fetched value is used before it is read again, so a new secret takes over. */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

/**
 * Where the signing secret comes from: the environment locally, Secrets Manager in AWS, read
 * through the Parameters and Secrets extension (no SDK client in the bundle) on the first
 * command and again every 5 minutes; a failed read is a 503 and is tried again on the next
 * request. Without either, there is no secret and no request can pass.
 */
export const signingSecretSource = (
  settings: SigningSecretSettings,
  options: SigningSecretOptions = {},
): (() => Promise<string | undefined>) => {
  if (settings.value) {
    const value = settings.value;
    return async () => value;
  }
  if (!settings.arn) return async () => undefined;
  const read = secretKey({
    secretId: settings.arn,
    port: options.port,
    sessionToken: options.sessionToken,
    maxAgeMs: options.cacheMs ?? 5 * 60_000,
    now: options.now,
    unavailableMessage: 'The Slack signing secret cannot be read right now. Please retry shortly.',
  });
  // A secret that holds no text is no secret: every command is refused (401), as without one.
  return () =>
    read().catch((error: unknown) => {
      if (error instanceof DependencyUnavailableError) throw error;
      return undefined;
    });
};
