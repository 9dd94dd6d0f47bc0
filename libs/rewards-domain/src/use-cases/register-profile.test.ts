import { ValidationError } from '../errors';
import { createInMemoryDeps } from '../testing';
import { registerProfile } from './register-profile';

describe('registerProfile', () => {
  it("creates the caller's profile", async () => {
    // Arrange
    const deps = createInMemoryDeps({ now: '2026-11-27T09:00:00.000Z' });

    // Act
    const result = await registerProfile(deps)({
      caller: 'alex',
      body: { displayName: ' Alex Krause ', avatar: '🦊' },
    });

    // Assert
    expect(result).toEqual({
      created: true,
      user: {
        username: 'alex',
        displayName: 'Alex Krause',
        avatar: '🦊',
        createdAt: '2026-11-27T09:00:00.000Z',
      },
    });
    expect(await deps.users.get('alex')).toEqual(result.user);
  });

  it('updates an existing profile and keeps when it was created', async () => {
    // Arrange
    const deps = createInMemoryDeps({ now: '2026-11-27T09:00:00.000Z' });
    const register = registerProfile(deps);
    await register({ caller: 'alex', body: { displayName: 'Alex', avatar: '🦊' } });
    deps.clock.set('2026-12-05T10:00:00.000Z');

    // Act
    const result = await register({ caller: 'alex', body: { displayName: 'Alex K.' } });

    // Assert
    expect(result).toEqual({
      created: false,
      user: { username: 'alex', displayName: 'Alex K.', createdAt: '2026-11-27T09:00:00.000Z' },
    });
  });

  it('refuses a caller whose username breaks the pattern', async () => {
    // Arrange
    const deps = createInMemoryDeps();

    // Act
    const act = registerProfile(deps)({ caller: 'Alex', body: { displayName: 'Alex' } });

    // Assert
    await expect(act).rejects.toMatchObject({
      code: 'validation-failed',
      details: [{ path: 'token.username' }],
    });
    expect(deps.store.users.size).toBe(0);
  });

  it('creates no profile for the reserved name "me"', async () => {
    // Arrange
    const deps = createInMemoryDeps();

    // Act
    const act = registerProfile(deps)({ caller: 'me', body: { displayName: 'Me' } });

    // Assert
    await expect(act).rejects.toMatchObject({ code: 'validation-failed' });
    expect(deps.store.users.size).toBe(0);
  });

  it('refuses an invalid body, naming the fields', async () => {
    // Arrange
    const deps = createInMemoryDeps();

    // Act
    const act = registerProfile(deps)({
      caller: 'alex',
      body: { displayName: '  ', avatar: 'fox', username: 'bob' },
    });

    // Assert
    await expect(act).rejects.toBeInstanceOf(ValidationError);
    await expect(act).rejects.toMatchObject({
      details: [
        { path: 'displayName', message: 'must not be empty' },
        { path: 'avatar', message: 'must be a single emoji' },
        { path: '(body)', message: 'unknown field: username' },
      ],
    });
  });

  it('refuses a display name that hides a zero-width space and stores nothing', async () => {
    // Arrange: "Alex Krause" is taken by alex; mallory tries to look the same
    const deps = createInMemoryDeps();

    // Act
    const act = registerProfile(deps)({
      caller: 'mallory',
      body: { displayName: 'Alex Krause\u200B', avatar: '🦊' + '\u0301'.repeat(1000) },
    });

    // Assert
    await expect(act).rejects.toBeInstanceOf(ValidationError);
    await expect(act).rejects.toMatchObject({
      code: 'validation-failed',
      details: [
        {
          path: 'displayName',
          message: 'must not contain U+200B (an invisible character) at character 12',
        },
        { path: 'avatar', message: 'must be a single emoji' },
      ],
    });
    expect(deps.store.users.size).toBe(0);
  });
});
