import type { LocalAuthConfig, OidcAuthConfig } from './app-config';
import {
  beginOidcSignIn,
  clearSession,
  completeOidcSignIn,
  loadSession,
  saveSession,
  signInLocal,
} from './session';
import { codeChallengeS256 } from './pkce';

/** The part of the Web Storage API the session uses, kept in a Map. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const OIDC: OidcAuthConfig = {
  mode: 'oidc',
  issuer: 'https://idp.example.com',
  clientId: 'client-1',
  authorizeUrl: 'https://idp.example.com/authorize',
  tokenUrl: 'https://idp.example.com/token',
  redirectUri: 'https://rewards.example.com/',
  scopes: ['openid'],
  tokenUse: 'access',
};

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('session storage', () => {
  it('keeps a session until shortly before it expires', () => {
    // Arrange
    const storage = new MemoryStorage();
    saveSession(storage, { token: 't', expiresAt: 100_000 });

    // Act + Assert
    expect(loadSession(storage, 10_000)).toEqual({ token: 't', expiresAt: 100_000 });
    expect(loadSession(storage, 90_000)).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('forgets a cleared or unreadable session', () => {
    const storage = new MemoryStorage();
    saveSession(storage, { token: 't', expiresAt: Date.now() + 60_000 });
    clearSession(storage);
    expect(loadSession(storage)).toBeUndefined();
    storage.setItem('peer-rewards.session', '{not json');
    expect(loadSession(storage)).toBeUndefined();
  });
});

describe('signInLocal', () => {
  const LOCAL: LocalAuthConfig = { mode: 'local', tokenEndpoint: '/local/token', users: [] };

  it('posts the username and keeps the token with its expiry', async () => {
    // Arrange
    const fetchImpl = jest.fn(async () =>
      jsonResponse(200, { token: 'jwt', expiresAt: '2026-11-27T13:00:00.000Z' }),
    );

    // Act
    const session = await signInLocal(LOCAL, 'alex', fetchImpl);

    // Assert
    expect(session).toEqual({ token: 'jwt', expiresAt: Date.parse('2026-11-27T13:00:00.000Z') });
    expect(fetchImpl).toHaveBeenCalledWith(
      '/local/token',
      expect.objectContaining({ method: 'POST', body: '{"username":"alex"}' }),
    );
  });

  it("fails with the endpoint's message", async () => {
    const fetchImpl = async () =>
      jsonResponse(400, { error: { code: 'validation-failed', message: 'Bad username.' } });
    await expect(signInLocal(LOCAL, 'X', fetchImpl)).rejects.toThrow('Bad username.');
  });
});

describe('OIDC sign-in', () => {
  it('redirects with a challenge of the stored verifier, then exchanges the code', async () => {
    // Arrange
    const storage = new MemoryStorage();
    let authorizeAt = '';

    // Act: leave for the provider
    await beginOidcSignIn(OIDC, storage, (url) => (authorizeAt = url), '/');
    const sent = new URL(authorizeAt).searchParams;
    const pending = JSON.parse(storage.getItem('peer-rewards.oidc-pending') ?? '{}');

    // Assert: the challenge belongs to the verifier kept in this tab
    expect(sent.get('code_challenge')).toBe(await codeChallengeS256(pending.verifier));
    expect(sent.get('state')).toBe(pending.state);

    // Arrange: the provider redirects back
    const replaced: string[] = [];
    const fetchImpl = jest.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      jsonResponse(200, { access_token: 'access-jwt', id_token: 'id-jwt', expires_in: 300 }),
    );
    const back = `https://rewards.example.com/?code=the-code&state=${pending.state}`;

    // Act: come back
    const session = await completeOidcSignIn(
      OIDC,
      storage,
      back,
      (url) => replaced.push(url),
      fetchImpl,
    );

    // Assert
    expect(session?.token).toBe('access-jwt');
    expect(replaced).toEqual(['/']);
    const body = fetchImpl.mock.calls[0]?.[1]?.body as URLSearchParams;
    expect(body.get('code')).toBe('the-code');
    expect(body.get('code_verifier')).toBe(pending.verifier);
    expect(storage.getItem('peer-rewards.oidc-pending')).toBeNull();
  });

  it('refuses a state it did not issue and still clears the code from the URL', async () => {
    // Arrange
    const storage = new MemoryStorage();
    storage.setItem(
      'peer-rewards.oidc-pending',
      JSON.stringify({ state: 'mine', verifier: 'v', returnTo: '/' }),
    );
    const replaced: string[] = [];
    const fetchImpl = jest.fn();

    // Act
    const attempt = completeOidcSignIn(
      OIDC,
      storage,
      'https://rewards.example.com/?code=c&state=forged',
      (url) => replaced.push(url),
      fetchImpl,
    );

    // Assert
    await expect(attempt).rejects.toThrow('does not match this browser tab');
    expect(replaced).toEqual(['/']);
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('does nothing on a page that is not a redirect', async () => {
    const fetchImpl = jest.fn();
    await expect(
      completeOidcSignIn(
        OIDC,
        new MemoryStorage(),
        'https://rewards.example.com/',
        () => undefined,
        fetchImpl,
      ),
    ).resolves.toBeUndefined();
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it("reports the token endpoint's error", async () => {
    // Arrange
    const storage = new MemoryStorage();
    storage.setItem(
      'peer-rewards.oidc-pending',
      JSON.stringify({ state: 's', verifier: 'v', returnTo: '/' }),
    );
    const fetchImpl = async () =>
      jsonResponse(400, { error: 'invalid_grant', error_description: 'Code expired' });

    // Act + Assert
    await expect(
      completeOidcSignIn(
        OIDC,
        storage,
        'https://rewards.example.com/?code=c&state=s',
        () => undefined,
        fetchImpl,
      ),
    ).rejects.toThrow('Sign-in failed: Code expired');
  });
});
