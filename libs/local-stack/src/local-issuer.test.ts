import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalIssuer } from './local-issuer';

describe('createLocalIssuer', () => {
  const issuer = createLocalIssuer();
  const now = Math.floor(Date.now() / 1000);

  it('accepts its own token and returns the claims API Gateway would pass on', () => {
    // Act
    const result = issuer.verify(issuer.sign('alex', { now }), now + 1);

    // Assert
    expect(result).toEqual({
      ok: true,
      claims: {
        iss: 'peer-rewards-local',
        aud: 'peer-rewards-local',
        sub: 'alex',
        username: 'alex',
        iat: now,
        exp: now + 3600,
      },
    });
  });

  it.each([
    ['expired', () => issuer.sign('alex', { now: now - 7200 }), 'the token has expired'],
    [
      'not valid yet',
      () => issuer.sign('alex', { now, claims: { nbf: now + 600 } }),
      'the token is not valid yet',
    ],
    [
      'for another audience',
      () => issuer.sign('alex', { now, claims: { aud: 'someone-else' } }),
      'the token is meant for another audience',
    ],
    [
      'from another issuer',
      () => issuer.sign('alex', { now, claims: { iss: 'https://evil.example' } }),
      'the token was issued by another issuer',
    ],
    [
      'signed by another key',
      () => createLocalIssuer().sign('alex', { now }),
      'the token was signed by an unknown key',
    ],
    ['not a JWT', () => 'abc.def', 'the token is not a JWT'],
  ])('rejects a token %s', (_case, makeToken, reason) => {
    expect(issuer.verify(makeToken(), now)).toEqual({ ok: false, reason });
  });

  it('issues no token for the reserved name "me"', () => {
    // Act
    const sign = () => issuer.sign('me', { now });
    // Assert
    expect(sign).toThrow(/reserved/);
  });

  it('rejects a token whose payload was changed after signing', () => {
    // Arrange
    const [header, , signature] = issuer.sign('alex', { now }).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        iss: 'peer-rewards-local',
        aud: 'peer-rewards-local',
        username: 'admin',
        exp: now + 60,
      }),
    ).toString('base64url');

    // Act & Assert
    expect(issuer.verify(`${header}.${forged}.${signature}`, now)).toEqual({
      ok: false,
      reason: 'the token signature is invalid',
    });
  });

  it('keeps its key in a file so tokens survive a restart, and publishes it as a JWKS', () => {
    // Arrange
    const dir = mkdtempSync(path.join(tmpdir(), 'local-issuer-'));
    const keyFile = path.join(dir, 'nested', 'local-issuer.json');
    try {
      const token = createLocalIssuer({ keyFile }).sign('mia', { now });

      // Act
      const restarted = createLocalIssuer({ keyFile });

      // Assert
      expect(restarted.verify(token, now).ok).toBe(true);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(restarted.jwks().keys).toEqual([
        expect.objectContaining({
          kty: 'RSA',
          kid: restarted.kid,
          alg: 'RS256',
          use: 'sig',
          e: 'AQAB',
        }),
      ]);
      expect(JSON.stringify(restarted.jwks())).not.toContain('"d"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
