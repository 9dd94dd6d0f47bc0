import type { LocalAuthConfig, OidcAuthConfig } from './app-config';
import { authorizationRequest, exchangeCode, readCallback, withoutCallbackParams } from './pkce';

/** A signed-in browser tab: the bearer token and when it stops working (epoch ms). */
export interface Session {
  token: string;
  expiresAt: number;
}

const SESSION_KEY = 'peer-rewards.session';
const PENDING_KEY = 'peer-rewards.oidc-pending';
/** Tokens this close to expiry are treated as expired, so a call does not fail half-way. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * The token lives in memory and in `sessionStorage` (this tab only, gone when it closes), never in
 * `localStorage` or a URL, so it is not shared with other tabs or leaked through history or logs.
 */
export const loadSession = (storage: Storage, now = Date.now()): Session | undefined => {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as Partial<Session>;
    if (typeof session.token !== 'string' || typeof session.expiresAt !== 'number')
      return undefined;
    if (session.expiresAt - EXPIRY_MARGIN_MS <= now) {
      storage.removeItem(SESSION_KEY);
      return undefined;
    }
    return { token: session.token, expiresAt: session.expiresAt };
  } catch {
    return undefined;
  }
};

export const saveSession = (storage: Storage, session: Session): void =>
  storage.setItem(SESSION_KEY, JSON.stringify(session));

export const clearSession = (storage: Storage): void => storage.removeItem(SESSION_KEY);

const expiryOf = (value: unknown, now: number): number => {
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  return now + 3600_000;
};

/** Local stack only: asks its token endpoint for a token for one of the demo users. */
export const signInLocal = async (
  auth: LocalAuthConfig,
  username: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Session> => {
  const response = await fetchImpl(auth.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    token?: unknown;
    expiresAt?: unknown;
    error?: { message?: string };
  };
  if (!response.ok || typeof body.token !== 'string') {
    throw new Error(body.error?.message ?? `Sign-in failed (${response.status}).`);
  }
  return { token: body.token, expiresAt: expiryOf(body.expiresAt, Date.now()) };
};

interface PendingSignIn {
  state: string;
  verifier: string;
  /** Where to come back to after the provider's redirect. */
  returnTo: string;
}

/** Starts the authorization code flow with PKCE: remembers the verifier and leaves the page. */
export const beginOidcSignIn = async (
  auth: OidcAuthConfig,
  storage: Storage,
  navigate: (url: string) => void,
  returnTo: string,
): Promise<void> => {
  const { state, verifier, url } = await authorizationRequest(auth);
  const pending: PendingSignIn = { state, verifier, returnTo };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  navigate(url);
};

/**
 * Finishes a sign-in when the page is the provider's redirect: checks `state`, exchanges the code
 * with the verifier, and strips `code`/`state` from the address bar. Returns undefined when the
 * page was not opened by a redirect.
 */
export const completeOidcSignIn = async (
  auth: OidcAuthConfig,
  storage: Storage,
  href: string,
  replaceUrl: (url: string) => void,
  fetchImpl: typeof fetch = fetch,
): Promise<Session | undefined> => {
  const callback = readCallback(href);
  if (callback.kind === 'none') return undefined;
  const pendingRaw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  // The code is single-use and must not stay in history, whatever happens next.
  replaceUrl(withoutCallbackParams(href));
  if (callback.kind === 'error') throw new Error(`Sign-in failed: ${callback.message}`);
  const pending = pendingRaw ? (JSON.parse(pendingRaw) as PendingSignIn) : undefined;
  if (!pending || pending.state !== callback.state) {
    throw new Error(
      'Sign-in failed: the response does not match this browser tab. Please try again.',
    );
  }
  const session = await exchangeCode(auth, callback.code, pending.verifier, fetchImpl);
  if (pending.returnTo && pending.returnTo !== withoutCallbackParams(href))
    replaceUrl(pending.returnTo);
  return session;
};
