import { NotFoundError } from '../errors';
import { createRules } from '../rules';
import { createHistoryDeps, createSeededDeps } from '../testing';
import { getProfile } from './get-profile';

describe('getProfile', () => {
  it("shows another user's stats and all-time BFF, without their allowance", async () => {
    // Arrange
    const deps = await createHistoryDeps();

    // Act
    const profile = await getProfile(deps)({ username: 'alex', caller: 'markus' });

    // Assert: alex received 50 + 15 + 15 in November and gave 20 + 30
    expect(profile).toEqual({
      username: 'alex',
      displayName: 'Alex Krause',
      avatar: '🦊',
      createdAt: '2026-11-27T09:00:00.000Z',
      stats: { received: 80, given: 50, receivedThisMonth: 80, givenThisMonth: 50 },
      bff: { username: 'andreas', displayName: 'Andreas Mohrhard', points: 50 },
    });
  });

  it('adds what is left of the allowance on your own profile', async () => {
    // Arrange
    const deps = await createHistoryDeps();

    // Act
    const profile = await getProfile(deps)({ username: 'alex', caller: 'alex' });

    // Assert
    expect(profile.stats).toEqual({
      received: 80,
      given: 50,
      receivedThisMonth: 80,
      givenThisMonth: 50,
      allowanceLeft: 50,
    });
  });

  it('separates this month from all time', async () => {
    // Arrange
    const deps = await createHistoryDeps();

    // Act
    const profile = await getProfile(deps)({ username: 'zuschauer', caller: 'zuschauer' });

    // Assert: zuschauer gave 60 in October, 10 + 15 in November
    expect(profile.stats).toEqual({
      received: 5,
      given: 85,
      receivedThisMonth: 5,
      givenThisMonth: 25,
      allowanceLeft: 75,
    });
  });

  it('has zero stats and no BFF before any reward', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const profile = await getProfile(deps)({ username: 'markus', caller: 'markus' });

    // Assert
    expect(profile.stats).toEqual({
      received: 0,
      given: 0,
      receivedThisMonth: 0,
      givenThisMonth: 0,
      allowanceLeft: 100,
    });
    expect(profile.bff).toBeNull();
  });

  it('never shows a negative allowance after the stage lowered it', async () => {
    // Arrange
    const deps = await createHistoryDeps();

    // Act
    const profile = await getProfile({ ...deps, rules: createRules({ monthlyAllowance: 20 }) })({
      username: 'alex',
      caller: 'alex',
    });

    // Assert
    expect(profile.stats.allowanceLeft).toBe(0);
  });

  it('names a BFF whose profile is gone by username', async () => {
    // Arrange
    const deps = await createHistoryDeps();
    deps.store.users.delete('andreas');

    // Act
    const profile = await getProfile(deps)({ username: 'alex', caller: 'markus' });

    // Assert
    expect(profile.bff).toEqual({ username: 'andreas', displayName: 'andreas', points: 50 });
  });

  it('answers not found for an unknown user', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = getProfile(deps)({ username: 'nobody', caller: 'alex' });

    // Assert
    await expect(act).rejects.toBeInstanceOf(NotFoundError);
    await expect(act).rejects.toMatchObject({
      code: 'not-found',
      message: 'There is no user "nobody".',
    });
  });
});
