import { apiErrorFrom, networkError } from './api-error';
import { retryingFetch, type RetryOptions } from './retrying-fetch';
import type {
  Leaderboard,
  Period,
  Reward,
  RewardList,
  SlackLink,
  User,
  UserList,
  UserProfile,
} from './api-types';

export interface ApiClientOptions {
  /** Prefix of every path; empty for the page's own origin. */
  baseUrl: string;
  /** The current bearer token, or undefined when signed out. */
  getToken: () => string | undefined;
  /** Called on any 401 so the page can ask to sign in again. */
  onUnauthorized?: () => void;
  fetchImpl?: typeof fetch;
}

export interface NewReward {
  to: string;
  points: number;
  message: string;
}

export interface ProfileInput {
  displayName: string;
  avatar?: string;
}

const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** GET answers kept for revalidation: enough for every poll of the page. */
const MAX_REMEMBERED = 50;

/**
 * The HTTP API, typed; every failure is an `ApiError`. GETs are revalidated: the last answer's
 * `ETag` goes out as `If-None-Match`, and a `304` (no body) answers with the body kept from the
 * last `200`, so a poll that finds nothing new moves no JSON.
 */
export const createApiClient = (options: ApiClientOptions) => {
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  // Per token and URL, so another user signed in on the same page never sees these bodies.
  const remembered = new Map<string, { etag: string; body: unknown }>();
  const remember = (key: string, etag: string | null, body: unknown) => {
    remembered.delete(key);
    if (!etag) return;
    remembered.set(key, { etag, body });
    if (remembered.size > MAX_REMEMBERED)
      remembered.delete(remembered.keys().next().value as string);
  };

  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    send: typeof fetch = fetchImpl,
  ): Promise<T> => {
    const token = options.getToken();
    const url = `${options.baseUrl}${path}`;
    const key = `${token ?? ''} ${url}`;
    const known = method === 'GET' ? remembered.get(key) : undefined;
    let response: Response;
    try {
      response = await send(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(known ? { 'if-none-match': known.etag } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw networkError();
    }
    if (response.status === 304 && known) return known.body as T;
    const parsed: unknown = await response.json().catch(() => undefined);
    if (method === 'GET' && response.ok) remember(key, response.headers.get('etag'), parsed);
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized?.();
      const retryAfter = Number(response.headers.get('retry-after')) || undefined;
      throw apiErrorFrom(response.status, parsed, retryAfter);
    }
    return parsed as T;
  };

  return {
    listUsers: (params: { limit?: number; cursor?: string } = {}) =>
      request<UserList>(
        'GET',
        `/users${query({ limit: params.limit ?? 100, cursor: params.cursor })}`,
      ),
    usersByName: (usernames: readonly string[]) =>
      request<{ users: User[]; missing: string[] }>(
        'GET',
        `/users${query({ usernames: usernames.join(',') })}`,
      ),
    me: () => request<UserProfile>('GET', '/users/me'),
    saveProfile: (input: ProfileInput) => request<User>('PUT', '/users/me', input),
    listRewards: (params: { limit?: number; cursor?: string; to?: string; from?: string } = {}) =>
      request<RewardList>('GET', `/rewards${query({ limit: 20, ...params })}`),
    /** Retried after a network error, 503 or 504 with the same key: the API replays, never doubles. */
    giveReward: (input: NewReward, idempotencyKey: string, retry: RetryOptions = {}) =>
      request<Reward>(
        'POST',
        '/rewards',
        input,
        { 'idempotency-key': idempotencyKey },
        retryingFetch(fetchImpl, retry),
      ),
    leaderboard: (period: Period, limit = 10) =>
      request<Leaderboard>('GET', `/leaderboard${query({ period, limit })}`),
    /** Links the Slack user of a one-time code (from the Slack command `link`) to the caller. */
    linkSlack: (code: string) => request<SlackLink>('POST', '/slack/link', { code }),
  };
};

export type ApiClient = ReturnType<typeof createApiClient>;

/** Every user, page by page (the directory is small; a cap keeps a runaway cursor finite). */
export const listAllUsers = async (api: ApiClient, maxPages = 20): Promise<User[]> => {
  const users: User[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await api.listUsers({ limit: 100, cursor });
    users.push(...result.users);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return users;
};
