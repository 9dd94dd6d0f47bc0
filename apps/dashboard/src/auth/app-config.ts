/** A user the local stack offers in its "Sign in as" picker. */
export interface LocalUser {
  username: string;
  displayName: string;
  avatar?: string;
}

export interface LocalAuthConfig {
  mode: 'local';
  /** POST `{username}` → `{token, expiresAt}`; only the local stack serves this. */
  tokenEndpoint: string;
  users: LocalUser[];
}

export interface OidcAuthConfig {
  mode: 'oidc';
  issuer: string;
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Opened as is on sign-out: the stack writes whatever parameters its provider needs. */
  logoutUrl?: string;
  redirectUri: string;
  scopes: string[];
  /** Which token the API's JWT authorizer expects as the bearer (default `id`). */
  tokenUse: 'id' | 'access';
}

export interface AppConfig {
  /** Prefix of every API call; empty means the page's own origin. */
  apiBaseUrl: string;
  auth: LocalAuthConfig | OidcAuthConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (source: Record<string, unknown>, key: string, where: string): string => {
  const value = source[key];
  if (typeof value !== 'string' || value === '') {
    throw new ConfigError(`config.json: ${where}.${key} must be a non-empty string`);
  }
  return value;
};

const optionalText = (source: Record<string, unknown>, key: string, where: string) =>
  source[key] === undefined ? undefined : text(source, key, where);

/**
 * Reads `/config.json` (written by the local stack or by the CDK dashboard stack) and says
 * exactly which field is wrong, because a broken deployment should not look like a broken page.
 */
export const parseAppConfig = (raw: unknown): AppConfig => {
  if (!isRecord(raw)) throw new ConfigError('config.json must be a JSON object');
  const apiBaseUrl = raw.apiBaseUrl ?? '';
  if (typeof apiBaseUrl !== 'string')
    throw new ConfigError('config.json: apiBaseUrl must be a string');
  const auth = raw.auth;
  if (!isRecord(auth)) throw new ConfigError('config.json: auth must be an object');
  const base = apiBaseUrl.replace(/\/+$/, '');

  if (auth.mode === 'local') {
    const users = auth.users ?? [];
    if (!Array.isArray(users)) throw new ConfigError('config.json: auth.users must be an array');
    return {
      apiBaseUrl: base,
      auth: {
        mode: 'local',
        tokenEndpoint: text(auth, 'tokenEndpoint', 'auth'),
        users: users.map((user, index) => {
          if (!isRecord(user))
            throw new ConfigError(`config.json: auth.users[${index}] must be an object`);
          const where = `auth.users[${index}]`;
          return {
            username: text(user, 'username', where),
            displayName: optionalText(user, 'displayName', where) ?? text(user, 'username', where),
            avatar: optionalText(user, 'avatar', where),
          };
        }),
      },
    };
  }

  if (auth.mode === 'oidc') {
    const scopes = auth.scopes ?? ['openid'];
    if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
      throw new ConfigError('config.json: auth.scopes must be an array of strings');
    }
    const tokenUse = auth.tokenUse ?? 'id';
    if (tokenUse !== 'id' && tokenUse !== 'access') {
      throw new ConfigError('config.json: auth.tokenUse must be "id" or "access"');
    }
    return {
      apiBaseUrl: base,
      auth: {
        mode: 'oidc',
        issuer: text(auth, 'issuer', 'auth'),
        clientId: text(auth, 'clientId', 'auth'),
        authorizeUrl: text(auth, 'authorizeUrl', 'auth'),
        tokenUrl: text(auth, 'tokenUrl', 'auth'),
        logoutUrl: optionalText(auth, 'logoutUrl', 'auth'),
        redirectUri: text(auth, 'redirectUri', 'auth'),
        scopes,
        tokenUse,
      },
    };
  }

  throw new ConfigError('config.json: auth.mode must be "local" or "oidc"');
};
