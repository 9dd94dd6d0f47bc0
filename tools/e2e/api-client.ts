import { randomUUID } from 'node:crypto';
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
  /**
   * `POST /rewards` as a careful client sends it: one `Idempotency-Key` for the reward, sent again
   * after a 503 as `Retry-After` says (a loaded machine's DynamoDB Local times out), at most
   * `attempts` times and for `withinMs`. The final answer, and how many 503s came before it.
   */
  giveReward<T = unknown>(
    user: string,
    body: unknown,
    options?: { key?: string; attempts?: number; withinMs?: number },
  ): Promise<ApiResponse<T> & { readonly retries: number }>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const client: ApiClient = {
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
    async giveReward(user, body, { key = randomUUID(), attempts = 30, withinMs = 150_000 } = {}) {
      const deadline = Date.now() + withinMs;
      for (let retries = 0; ; retries += 1) {
        const response = await client.request('POST', '/rewards', {
          user,
          body,
          headers: { 'idempotency-key': key },
        });
        if (response.status !== 503 || retries + 1 >= attempts || Date.now() > deadline)
          return { ...response, body: response.body as never, retries };
        await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000);
      }
    },
    stop: () => stack.stop(),
  };
  return client;
};
