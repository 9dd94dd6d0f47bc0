import type { OidcAuthConfig } from './app-config';

/** RFC 4648 §5 base64url without padding, as PKCE and OAuth `state` values use. */
export const base64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** A random string of 43 characters (32 bytes): a PKCE `code_verifier` or an OAuth `state`. */
export const randomToken = (cryptoImpl: Pick<Crypto, 'getRandomValues'> = crypto): string =>
  base64Url(cryptoImpl.getRandomValues(new Uint8Array(32)));

/** RFC 7636 §4.2: `BASE64URL(SHA256(ASCII(code_verifier)))`. */
export const codeChallengeS256 = async (
  verifier: string,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<string> => {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
};

/** The URL the browser goes to for an authorization code (code flow + PKCE S256). */
export const authorizeUrl = (
  auth: OidcAuthConfig,
  request: { state: string; codeChallenge: string },
): string => {
  const url = new URL(auth.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', auth.clientId);
  url.searchParams.set('redirect_uri', auth.redirectUri);
  url.searchParams.set('scope', auth.scopes.join(' '));
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
};

/** A fresh sign-in request: the `state` and `code_verifier` to keep, and where to send the browser. */
export const authorizationRequest = async (
  auth: OidcAuthConfig,
): Promise<{ state: string; verifier: string; url: string }> => {
  const state = randomToken();
  const verifier = randomToken();
  const codeChallenge = await codeChallengeS256(verifier);
  return { state, verifier, url: authorizeUrl(auth, { state, codeChallenge }) };
};

export type CallbackResult =
  | { kind: 'none' }
  | { kind: 'code'; code: string; state: string }
  | { kind: 'error'; message: string };

/** What the identity provider put on the redirect URL, if anything. */
export const readCallback = (href: string): CallbackResult => {
  const params = new URL(href).searchParams;
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    return { kind: 'error', message: description ? `${error}: ${description}` : error };
  }
  const code = params.get('code');
  const state = params.get('state');
  if (code && state) return { kind: 'code', code, state };
  if (code || state) return { kind: 'error', message: 'The sign-in response was incomplete.' };
  return { kind: 'none' };
};

/** The same URL without the OAuth parameters, for `history.replaceState` after the exchange. */
export const withoutCallbackParams = (href: string): string => {
  const url = new URL(href);
  for (const name of ['code', 'state', 'error', 'error_description', 'session_state', 'iss']) {
    url.searchParams.delete(name);
  }
  return url.pathname + (url.search === '?' ? '' : url.search) + url.hash;
};

/** The `application/x-www-form-urlencoded` body of the authorization-code exchange. */
export const tokenRequestBody = (
  auth: OidcAuthConfig,
  code: string,
  codeVerifier: string,
): URLSearchParams =>
  new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: auth.clientId,
    code,
    redirect_uri: auth.redirectUri,
    code_verifier: codeVerifier,
  });

export interface TokenSet {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Picks the bearer the API expects from a token endpoint response. */
export const tokenFromResponse = (
  body: unknown,
  tokenUse: OidcAuthConfig['tokenUse'],
  now: number,
): TokenSet => {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const token = tokenUse === 'id' ? record.id_token : record.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new Error(
      `The sign-in response has no ${tokenUse === 'id' ? 'id_token' : 'access_token'}.`,
    );
  }
  const expiresIn = typeof record.expires_in === 'number' ? record.expires_in : 3600;
  // `expires_in` describes the access token; an id token carries its own `exp`.
  return { token, expiresAt: jwtExpiresAt(token) ?? now + expiresIn * 1000 };
};

/** Exchanges an authorization code and its verifier at the token endpoint for the API's bearer. */
export const exchangeCode = async (
  auth: OidcAuthConfig,
  code: string,
  codeVerifier: string,
  fetchImpl: typeof fetch = fetch,
): Promise<TokenSet> => {
  const response = await fetchImpl(auth.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(auth, code, codeVerifier),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error_description?: string; error?: string } | undefined) ?? {};
    throw new Error(`Sign-in failed: ${error.error_description ?? error.error ?? response.status}`);
  }
  return tokenFromResponse(body, auth.tokenUse, Date.now());
};

/** The `exp` claim of a JWT in epoch milliseconds, without verifying it (the API does that). */
export const jwtExpiresAt = (token: string): number | undefined => {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
};
