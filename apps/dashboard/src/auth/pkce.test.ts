import type { OidcAuthConfig } from './app-config';
import {
  authorizationRequest,
  authorizeUrl,
  base64Url,
  codeChallengeS256,
  jwtExpiresAt,
  randomToken,
  readCallback,
  tokenFromResponse,
  tokenRequestBody,
  withoutCallbackParams,
} from './pkce';

const AUTH: OidcAuthConfig = {
  mode: 'oidc',
  issuer: 'https://idp.example.com',
  clientId: 'client-123',
  authorizeUrl: 'https://idp.example.com/oauth2/authorize',
  tokenUrl: 'https://idp.example.com/oauth2/token',
  redirectUri: 'https://rewards.example.com/',
  scopes: ['openid', 'profile'],
  tokenUse: 'id',
};

const jwtWith = (payload: object): string =>
  `${base64Url(new TextEncoder().encode('{"alg":"none"}'))}.${base64Url(
    new TextEncoder().encode(JSON.stringify(payload)),
  )}.sig`;

describe('codeChallengeS256', () => {
  it('matches the example of RFC 7636 appendix B', async () => {
    // Act
    const challenge = await codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');

    // Assert
    expect(challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('randomToken', () => {
  it('makes a 43-character base64url verifier that differs every time', () => {
    // Act
    const tokens = new Set(Array.from({ length: 20 }, () => randomToken()));

    // Assert
    expect(tokens.size).toBe(20);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('authorizeUrl', () => {
  it('asks for a code with PKCE S256, the state, the scopes and the redirect URI', () => {
    // Act
    const url = new URL(authorizeUrl(AUTH, { state: 'st', codeChallenge: 'ch' }));

    // Assert
    expect(url.origin + url.pathname).toBe(AUTH.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: 'https://rewards.example.com/',
      scope: 'openid profile',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });
});

describe('authorizationRequest', () => {
  it('sends the browser with a fresh state and the challenge of the verifier it keeps', async () => {
    // Act
    const first = await authorizationRequest(AUTH);
    const second = await authorizationRequest(AUTH);

    // Assert
    const params = new URL(first.url).searchParams;
    expect(params.get('state')).toBe(first.state);
    expect(params.get('code_challenge')).toBe(await codeChallengeS256(first.verifier));
    expect(first.verifier).not.toBe(first.state);
    expect(second.state).not.toBe(first.state);
  });
});

describe('readCallback', () => {
  it('reads the code and state of a successful sign-in', () => {
    expect(readCallback('https://rewards.example.com/?code=abc&state=xyz')).toEqual({
      kind: 'code',
      code: 'abc',
      state: 'xyz',
    });
  });

  it('reports the provider error with its description', () => {
    expect(
      readCallback('https://rewards.example.com/?error=access_denied&error_description=No+way'),
    ).toEqual({ kind: 'error', message: 'access_denied: No way' });
  });

  it('treats a code without state as an error, and a plain URL as no callback', () => {
    expect(readCallback('https://rewards.example.com/?code=abc').kind).toBe('error');
    expect(readCallback('https://rewards.example.com/?tab=feed').kind).toBe('none');
  });
});

describe('withoutCallbackParams', () => {
  it('strips code and state but keeps other parameters and the hash', () => {
    expect(withoutCallbackParams('https://r.example.com/app?code=a&state=b&tab=x#top')).toBe(
      '/app?tab=x#top',
    );
    expect(withoutCallbackParams('https://r.example.com/?code=a&state=b')).toBe('/');
  });
});

describe('tokenRequestBody', () => {
  it('sends the code, the verifier, the client and the same redirect URI', () => {
    // Act
    const body = tokenRequestBody(AUTH, 'the-code', 'the-verifier');

    // Assert
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-123',
      code: 'the-code',
      redirect_uri: 'https://rewards.example.com/',
      code_verifier: 'the-verifier',
    });
  });
});

describe('tokenFromResponse', () => {
  const NOW = 1_000_000;

  it('uses the id token and its exp claim by default', () => {
    // Arrange
    const idToken = jwtWith({ sub: 'u', exp: 5000 });

    // Act
    const set = tokenFromResponse(
      { id_token: idToken, access_token: 'a', expires_in: 60 },
      'id',
      NOW,
    );

    // Assert
    expect(set).toEqual({ token: idToken, expiresAt: 5_000_000 });
  });

  it('uses the access token when configured, falling back to expires_in', () => {
    expect(tokenFromResponse({ access_token: 'opaque', expires_in: 60 }, 'access', NOW)).toEqual({
      token: 'opaque',
      expiresAt: NOW + 60_000,
    });
  });

  it('says which token is missing', () => {
    expect(() => tokenFromResponse({ access_token: 'a' }, 'id', NOW)).toThrow(
      'The sign-in response has no id_token.',
    );
  });
});

describe('jwtExpiresAt', () => {
  it('returns undefined for something that is not a JWT', () => {
    expect(jwtExpiresAt('opaque')).toBeUndefined();
    expect(jwtExpiresAt('a.!!!.c')).toBeUndefined();
  });
});
