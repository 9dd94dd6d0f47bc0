import { startLocalStack, type LocalStack } from '@peer-rewards/local-stack';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface ApiClient {
  readonly stack: LocalStack;
  /** A request as `user` (a valid token), or without a token when `user` is null. */
  request<T = unknown>(
    method: string,
    path: string,
    options?: {
      user?: string | null;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      token?: string;
    },
  ): Promise<ApiResponse<T>>;
  stop(): Promise<void>;
}

/**
 * The local stack over real HTTP on a free port, with its own table on the DynamoDB Local the
 * test run started: what a consumer of the API sees.
 */
export const startApi = async (name: string, seed = true): Promise<ApiClient> => {
  const stack = await startLocalStack({
    port: 0,
    dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT,
    tableName: `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    seed,
    log: process.env.E2E_LOG ? (line) => console.log(line) : () => undefined,
  });
  return {
    stack,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const token = options.token ?? (options.user ? stack.tokenFor(options.user) : undefined);
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${stack.url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed as never };
    },
    stop: () => stack.stop(),
  };
};
