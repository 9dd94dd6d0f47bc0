import { cursorKeyOf, loadConfig, ulidGenerator } from './runtime';

describe('loadConfig', () => {
  it('reads every setting, with the product defaults for the optional ones', () => {
    // Act
    const config = loadConfig({
      TABLE_NAME: 'dev-peer-rewards',
      CORS_ORIGINS: ' http://localhost:3000, ,https://app.example ',
    });
    // Assert
    expect(config).toMatchObject({
      tableName: 'dev-peer-rewards',
      stage: 'dev',
      corsOrigins: ['http://localhost:3000', 'https://app.example'],
      usernameClaim: 'username',
      logLevel: 'info',
      rewardsPerRun: 3,
      rules: { monthlyAllowance: 100, minPoints: 1, maxPoints: 100 },
    });
    expect(config).not.toHaveProperty('dynamodbEndpoint');
  });

  it.each([
    ['no table name', {}, /TABLE_NAME/],
    ['an unknown log level', { TABLE_NAME: 't', LOG_LEVEL: 'verbose' }, /LOG_LEVEL/],
    [
      'an allowance that is not a number',
      { TABLE_NAME: 't', MONTHLY_ALLOWANCE: 'lots' },
      /MONTHLY_ALLOWANCE/,
    ],
    ['an allowance of zero', { TABLE_NAME: 't', MONTHLY_ALLOWANCE: '0' }, /Invalid reward rules/],
  ])('refuses to load with %s', (_name, env, message) => {
    // Act
    const load = () => loadConfig(env as NodeJS.ProcessEnv);
    // Assert
    expect(load).toThrow(message);
  });
});

describe('cursorKeyOf', () => {
  it('refuses to load an HTTP function that has no key to sign cursors with', () => {
    // Arrange
    const config = loadConfig({ TABLE_NAME: 't' });
    // Act
    const load = () => cursorKeyOf('users-fn', config);
    // Assert
    expect(load).toThrow(/CURSOR_SIGNING_KEY/);
  });

  it('takes the key from the environment, and lets a scheduled function go without one', () => {
    // Arrange
    const config = loadConfig({ TABLE_NAME: 't', CURSOR_SIGNING_KEY: 'k'.repeat(32) });
    // Act
    const http = cursorKeyOf('rewards-fn', config);
    const scheduled = cursorKeyOf('generator-fn', loadConfig({ TABLE_NAME: 't' }));
    // Assert
    expect(http).toBe('k'.repeat(32));
    expect(scheduled).toBeUndefined();
  });
});

describe('ulidGenerator', () => {
  it('makes distinct ids that sort in the order they were made', () => {
    // Arrange
    const ids = ulidGenerator();
    // Act
    const made = Array.from({ length: 1_000 }, () => ids.next());
    // Assert
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
  });
});
