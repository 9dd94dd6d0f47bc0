import { DependencyUnavailableError } from '@peer-rewards/rewards-domain';

export interface SecretKeyOptions {
  /** ARN (or name) of the Secrets Manager secret whose `SecretString` is the key. */
  readonly secretId: string;
  /** Port of the AWS Parameters and Secrets Lambda Extension (its own default: 2773). */
  readonly port?: number;
  /** The function's session token (`AWS_SESSION_TOKEN`), the extension's proof of the caller. */
  readonly sessionToken?: string;
  /** Longest wait for the extension. */
  readonly timeoutMs?: number;
  /** How long a value read is used before it is read again (forever unless set). */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
  /** What the 503 of a failed read says. */
  readonly unavailableMessage?: string;
}

/**
 * A secret's text from Secrets Manager (the cursor signing key, Slack's signing secret), read
 * through the AWS Parameters and Secrets Lambda Extension: an HTTP call to localhost, so no SDK
 * client in the bundle and nothing to load at a cold start. The extension answers only once the
 * first invocation runs, so the first request that needs the secret reads it, once per
 * container (or again after `maxAgeMs`); a failed read is a 503 and is tried again by the next
 * request.
 */
export const secretKey = (options: SecretKeyOptions): (() => Promise<string>) => {
  const now = options.now ?? Date.now;
  const unavailable = (cause: unknown) => {
    const error = new DependencyUnavailableError(
      options.unavailableMessage ?? 'The service is starting. Please retry shortly.',
      1,
    );
    Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
    return error;
  };
  let pending: Promise<string> | undefined;
  let readAt = 0;
  const read = async (): Promise<string> => {
    const url = new URL(`http://localhost:${options.port ?? 2773}/secretsmanager/get`);
    url.searchParams.set('secretId', options.secretId);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          'X-Aws-Parameters-Secrets-Token':
            options.sessionToken ?? process.env.AWS_SESSION_TOKEN ?? '',
        },
        signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
      });
    } catch (error) {
      throw unavailable(error);
    }
    if (!response.ok) {
      throw unavailable(new Error(`The secrets extension answered ${response.status}.`));
    }
    const { SecretString } = (await response.json()) as { SecretString?: unknown };
    if (typeof SecretString !== 'string' || !SecretString) {
      throw new Error(`The secret ${options.secretId} holds no text.`);
    }
    return SecretString;
  };
  return () => {
    if (pending && options.maxAgeMs !== undefined && now() - readAt >= options.maxAgeMs) {
      pending = undefined;
    }
    if (!pending) {
      readAt = now();
      pending = read().catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
    }
    return pending;
  };
};
