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
}

const unavailable = (cause: unknown) => {
  const error = new DependencyUnavailableError('The service is starting. Please retry shortly.', 1);
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
};

/**
 * The cursor signing key from Secrets Manager, read once per container through the AWS
 * Parameters and Secrets Lambda Extension (an HTTP call to localhost: no SDK client in the
 * bundle, nothing to load at a cold start). The extension answers only once the first
 * invocation runs, so the first request that signs or checks a cursor reads it; a failed read
 * is a 503 and is tried again by the next request.
 */
export const secretKey = (options: SecretKeyOptions): (() => Promise<string>) => {
  let pending: Promise<string> | undefined;
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
    pending ??= read().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
};
