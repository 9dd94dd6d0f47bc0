import { ConfigError, parseAppConfig } from './app-config';

describe('parseAppConfig', () => {
  it('reads the local stack config with its sign-in users', () => {
    // Arrange
    const raw = {
      apiBaseUrl: '',
      auth: {
        mode: 'local',
        tokenEndpoint: '/local/token',
        users: [{ username: 'alex', displayName: 'Alex', avatar: '🦊' }, { username: 'sam' }],
      },
    };

    // Act
    const config = parseAppConfig(raw);

    // Assert
    expect(config).toEqual({
      apiBaseUrl: '',
      auth: {
        mode: 'local',
        tokenEndpoint: '/local/token',
        users: [
          { username: 'alex', displayName: 'Alex', avatar: '🦊' },
          { username: 'sam', displayName: 'sam', avatar: undefined },
        ],
      },
    });
  });

  it('reads the AWS config, trims a trailing slash and defaults tokenUse to id', () => {
    // Act
    const config = parseAppConfig({
      apiBaseUrl: 'https://api.example.com/',
      auth: {
        mode: 'oidc',
        issuer: 'https://idp',
        clientId: 'c',
        authorizeUrl: 'https://idp/authorize',
        tokenUrl: 'https://idp/token',
        redirectUri: 'https://app/',
        scopes: ['openid'],
      },
    });

    // Assert
    expect(config.apiBaseUrl).toBe('https://api.example.com');
    expect(config.auth).toMatchObject({ mode: 'oidc', tokenUse: 'id', scopes: ['openid'] });
  });

  it.each([
    [null, 'config.json must be a JSON object'],
    [{ auth: { mode: 'saml' } }, 'config.json: auth.mode must be "local" or "oidc"'],
    [{ auth: { mode: 'local' } }, 'config.json: auth.tokenEndpoint must be a non-empty string'],
    [
      { auth: { mode: 'oidc', issuer: 'x', clientId: 'c', authorizeUrl: 'a', tokenUrl: 't' } },
      'config.json: auth.redirectUri must be a non-empty string',
    ],
    [
      { auth: { mode: 'local', tokenEndpoint: '/t', users: [{ displayName: 'No name' }] } },
      'config.json: auth.users[0].username must be a non-empty string',
    ],
  ])('names the wrong field of %j', (raw, message) => {
    expect(() => parseAppConfig(raw)).toThrow(new ConfigError(message));
  });
});
