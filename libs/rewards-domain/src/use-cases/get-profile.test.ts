import { NotFoundError } from '../errors';
import { createRules } from '../rules';
import { createSeededDeps } from '../testing';
import { getProfile } from './get-profile';
import { giveReward } from './give-reward';

/**
 * A small history whose leaderboards are worked out by hand in the tests. "Now" is Friday
 * 2026-11-27 (ISO week 2026-W48).
 *
 * | when       | week     | month   | giver     | receiver  | points |
 * |------------|----------|---------|-----------|-----------|--------|
 * | 2026-10-15 | 2026-W42 | 2026-10 | zuschauer | andreas   | 60     |
 * | 2026-11-20 | 2026-W47 | 2026-11 | andreas   | alex      | 50     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | alex      | markus    | 20     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | andreas   | markus    | 10     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | zuschauer | markus    | 10     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | markus    | alex      | 15     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | zuschauer | alex      | 15     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | alex      | andreas   | 30     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | markus    | zuschauer | 5      |
 */
const SCENARIO: ReadonlyArray<readonly [string, string, string, number]> = [
  ['2026-10-15T12:00:00.000Z', 'zuschauer', 'andreas', 60],
  ['2026-11-20T12:00:00.000Z', 'andreas', 'alex', 50],
  ['2026-11-27T08:00:00.000Z', 'alex', 'markus', 20],
  ['2026-11-27T08:01:00.000Z', 'andreas', 'markus', 10],
  ['2026-11-27T08:02:00.000Z', 'zuschauer', 'markus', 10],
  ['2026-11-27T08:03:00.000Z', 'markus', 'alex', 15],
  ['2026-11-27T08:04:00.000Z', 'zuschauer', 'alex', 15],
  ['2026-11-27T08:05:00.000Z', 'alex', 'andreas', 30],
  ['2026-11-27T08:06:00.000Z', 'markus', 'zuschauer', 5],
];

/** In-memory dependencies holding the scenario's rewards, with the clock at its "now". */
const createScenarioDeps = async () => {
  const deps = await createSeededDeps();
  const give = giveReward(deps);
  for (const [when, giver, to, points] of SCENARIO) {
    deps.clock.set(when);
    await give({ giver, body: { to, points, message: `${giver} thanks ${to} 🙏` } });
  }
  deps.clock.set('2026-11-27T09:00:00.000Z');
  return deps;
};

describe('getProfile', () => {
  it("shows another user's stats and all-time BFF, without their allowance", async () => {
    // Arrange
    const deps = await createScenarioDeps();

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
    const deps = await createScenarioDeps();

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
    const deps = await createScenarioDeps();

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
    const deps = await createScenarioDeps();

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
    const deps = await createScenarioDeps();
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
