/**
 * The local stand-in for the identity provider: an RSA key pair that signs RS256 JWTs, the JWKS
 * API Gateway's JWT authorizer would fetch, and the verification that authorizer performs
 * (signature, `iss`, `aud`, `exp`, `nbf`, `iat`). The key lives in `<dataDir>/local-issuer.json`
 * so tokens from `npm run token` stay valid across restarts of `npm start`.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as signBytes,
  verify as verifyBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A fixed issuer string, so a token does not depend on the port the stack listens on. */
export const LOCAL_ISSUER = 'peer-rewards-local';
export const LOCAL_AUDIENCE = 'peer-rewards-local';
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
export const JWKS_PATH = '/local-issuer/.well-known/jwks.json';

interface StoredKey {
  readonly kid: string;
  readonly privateKeyPem: string;
}

export interface TokenOptions {
  readonly expiresInSeconds?: number;
  /** Extra or overriding claims (`aud`, `iss`, `nbf`, `scope`, …). */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Seconds since the epoch to issue at (tests). */
  readonly now?: number;
}

export type VerifyResult =
  | { readonly ok: true; readonly claims: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly kid: string;
  /** A signed RS256 token for `username` (claims `sub`, `username`, `iss`, `aud`, `iat`, `exp`). */
  sign(username: string, options?: TokenOptions): string;
  /** What API Gateway's JWT authorizer checks; `now` in seconds since the epoch. */
  verify(token: string, now?: number): VerifyResult;
  jwks(): { keys: JsonWebKey[] };
}

const base64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

const thumbprint = (publicKey: KeyObject): string => {
  // RFC 7638: the SHA-256 of the required members in lexicographic order.
  const jwk = publicKey.export({ format: 'jwk' });
  return base64url(
    createHash('sha256')
      .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
      .digest(),
  );
};

const generateKey = (): StoredKey => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid: thumbprint(publicKey),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
};

/** Reads the key from `file`, creating it (and its folder) on first use. */
export const loadOrCreateKey = (file: string): StoredKey => {
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredKey>;
    if (typeof stored.kid !== 'string' || typeof stored.privateKeyPem !== 'string') {
      throw new Error(`${file} is not a local issuer key: delete it and a new one is made.`);
    }
    return { kid: stored.kid, privateKeyPem: stored.privateKeyPem };
  }
  const key = generateKey();
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside and renamed, so a concurrent `npm run token` never reads half a file.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return key;
};

const parsePart = (part: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};

/** A local issuer with its key in `keyFile`, or a fresh in-memory key when `keyFile` is omitted. */
export const createLocalIssuer = (options: { keyFile?: string } = {}): LocalIssuer => {
  const stored = options.keyFile ? loadOrCreateKey(options.keyFile) : generateKey();
  const privateKey = createPrivateKey(stored.privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const kid = stored.kid;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  return {
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    kid,
    sign(username, tokenOptions = {}) {
      if (username === 'me')
        throw new Error('"me" is reserved: /users/me always means the caller.');
      const iat = tokenOptions.now ?? nowSeconds();
      const payload = {
        iss: LOCAL_ISSUER,
        aud: LOCAL_AUDIENCE,
        sub: username,
        username,
        iat,
        exp: iat + (tokenOptions.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS),
        ...tokenOptions.claims,
      };
      const signingInput = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${base64url(
        JSON.stringify(payload),
      )}`;
      const signature = signBytes('sha256', Buffer.from(signingInput), privateKey);
      return `${signingInput}.${base64url(signature)}`;
    },
    verify(token, now = nowSeconds()) {
      const parts = token.split('.');
      if (parts.length !== 3) return { ok: false, reason: 'the token is not a JWT' };
      const header = parsePart(parts[0]);
      const claims = parsePart(parts[1]);
      if (!header || !claims) return { ok: false, reason: 'the token is not a JWT' };
      if (header.alg !== 'RS256')
        return { ok: false, reason: 'the token is not signed with RS256' };
      if (header.kid !== kid)
        return { ok: false, reason: 'the token was signed by an unknown key' };
      const valid = verifyBytes(
        'sha256',
        Buffer.from(`${parts[0]}.${parts[1]}`),
        publicKey,
        Buffer.from(parts[2], 'base64url'),
      );
      if (!valid) return { ok: false, reason: 'the token signature is invalid' };
      if (claims.iss !== LOCAL_ISSUER)
        return { ok: false, reason: 'the token was issued by another issuer' };
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!audiences.includes(LOCAL_AUDIENCE))
        return { ok: false, reason: 'the token is meant for another audience' };
      if (typeof claims.exp !== 'number' || claims.exp <= now)
        return { ok: false, reason: 'the token has expired' };
      if (typeof claims.nbf === 'number' && claims.nbf > now)
        return { ok: false, reason: 'the token is not valid yet' };
      if (typeof claims.iat === 'number' && claims.iat > now)
        return { ok: false, reason: 'the token was issued in the future' };
      return { ok: true, claims };
    },
    jwks() {
      return { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] };
    },
  };
};
