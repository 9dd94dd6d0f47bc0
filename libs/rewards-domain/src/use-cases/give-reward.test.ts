import {
  IdempotencyConflictError,
  ProfileRequiredError,
  SelfRewardError,
  ValidationError,
} from '../errors';
import { createRules } from '../rules';
import { createInMemoryDeps, createSeededDeps } from '../testing';
import { giveReward } from './give-reward';

const body = (overrides: Record<string, unknown> = {}) => ({
  to: 'markus',
  points: 10,
  message: 'Thanks! 🎉',
  ...overrides,
});

describe('giveReward', () => {
  it('stores a reward from the caller with an id and the time', async () => {
    // Arrange
    const deps = await createSeededDeps({ now: '2026-11-27T09:00:00.000Z' });

    // Act
    const outcome = await giveReward(deps)({
      giver: 'alex',
      body: body({ message: '  Thanks! 🎉  ' }),
    });

    // Assert
    expect(outcome.kind).toBe('created');
    expect(outcome.reward).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      from: 'alex',
      to: 'markus',
      points: 10,
      message: 'Thanks! 🎉',
      createdAt: '2026-11-27T09:00:00.000Z',
    });
    expect(await deps.rewards.get(outcome.reward.id)).toEqual(outcome.reward);
  });

  it('counts the reward for the week, the month and all time', async () => {
    // Arrange
    const deps = await createSeededDeps({ now: '2027-01-01T10:00:00.000Z' });

    // Act
    await giveReward(deps)({ giver: 'alex', body: body({ points: 7 }) });

    // Assert
    for (const periodKey of ['2026-W53', '2027-01', 'all']) {
      expect(await deps.rewards.topReceivers(periodKey, 10)).toMatchObject([
        { username: 'markus', points: 7, bff: { username: 'alex', points: 7 } },
      ]);
    }
    expect(await deps.rewards.spent('alex', '2027-01')).toBe(7);
  });

  it('rejects a reward to yourself', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = giveReward(deps)({ giver: 'alex', body: body({ to: 'alex' }) });

    // Assert
    await expect(act).rejects.toBeInstanceOf(SelfRewardError);
    await expect(act).rejects.toMatchObject({ code: 'self-reward' });
    expect(deps.store.rewards.size).toBe(0);
  });

  it.each([
    [0, 'must be at least 1'],
    [101, 'must be at most 100'],
    [2.5, 'must be a whole number'],
    ['10', 'Invalid input: expected number, received string'],
  ])('rejects %p points', async (points, message) => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = giveReward(deps)({ giver: 'alex', body: body({ points }) });

    // Assert
    await expect(act).rejects.toBeInstanceOf(ValidationError);
    await expect(act).rejects.toMatchObject({ details: [{ path: 'points', message }] });
  });

  it.each([1, 100])('accepts %p points', async (points) => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const outcome = await giveReward(deps)({ giver: 'alex', body: body({ points }) });

    // Assert
    expect(outcome.reward.points).toBe(points);
  });

  it('rejects a "from" field in the body', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = giveReward(deps)({ giver: 'alex', body: body({ from: 'andreas' }) });

    // Assert
    await expect(act).rejects.toMatchObject({
      code: 'validation-failed',
      details: [{ path: '(body)', message: 'unknown field: from' }],
    });
  });

  it('rejects a body that is not an object', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = giveReward(deps)({ giver: 'alex', body: 'ten points' });

    // Assert
    await expect(act).rejects.toBeInstanceOf(ValidationError);
  });

  it('names every missing field', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = giveReward(deps)({ giver: 'alex', body: {} });

    // Assert
    await expect(act).rejects.toMatchObject({
      details: [
        { path: 'to', message: 'is required' },
        { path: 'points', message: 'is required' },
        { path: 'message', message: 'is required' },
      ],
    });
  });

  it.each([
    ['whitespace only', '  \n  ', 'must not be empty'],
    ['281 emoji', '👍🏽'.repeat(281), 'must be at most 280 characters (an emoji counts as one)'],
    [
      'a control character',
      'Thanks\u0007',
      'must not contain control characters (newlines are fine)',
    ],
    [
      'a right-to-left override that swaps giver and receiver in the feed',
      'for markus \u202Efrom alex',
      'must not contain U+202E (a text-direction control) at character 12',
    ],
  ])('rejects a message with %s', async (_label, message, problem) => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = giveReward(deps)({ giver: 'alex', body: body({ message }) });

    // Assert
    await expect(act).rejects.toMatchObject({ details: [{ path: 'message', message: problem }] });
  });

  it('accepts a 280-character message of emoji sequences and a newline', async () => {
    // Arrange
    const deps = await createSeededDeps();
    const message = `${'👩‍💻'.repeat(140)}\n${'🇩🇪'.repeat(139)}`;

    // Act
    const outcome = await giveReward(deps)({ giver: 'alex', body: body({ message }) });

    // Assert
    expect(outcome.reward.message).toBe(message);
  });

  it('rejects a giver whose token carries no valid username', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = giveReward(deps)({ giver: 'Alex Krause', body: body() });

    // Assert
    await expect(act).rejects.toMatchObject({
      details: [{ path: 'token.username', message: expect.stringMatching(/^must be 2-32/) }],
    });
  });

  it('uses the allowance of the stage', async () => {
    // Arrange
    const deps = await createSeededDeps({ rules: createRules({ monthlyAllowance: 20 }) });

    // Act
    const act = giveReward(deps)({ giver: 'alex', body: body({ points: 21 }) });

    // Assert
    await expect(act).rejects.toMatchObject({ left: 20, allowance: 20 });
  });

  it('replays the same reward for the same key and body', async () => {
    // Arrange
    const deps = await createSeededDeps();
    const give = giveReward(deps);
    const first = await give({ giver: 'alex', body: body(), idempotencyKey: 'key-1' });
    deps.clock.advance(60_000);

    // Act
    const again = await give({
      giver: 'alex',
      body: body({ message: ' Thanks! 🎉 ' }),
      idempotencyKey: 'key-1',
    });

    // Assert
    expect(again).toEqual({ kind: 'replayed', reward: first.reward });
    expect(deps.store.rewards.size).toBe(1);
    expect(await deps.rewards.spent('alex', '2026-11')).toBe(10);
  });

  it('refuses the same key with another body', async () => {
    // Arrange
    const deps = await createSeededDeps();
    const give = giveReward(deps);
    await give({ giver: 'alex', body: body(), idempotencyKey: 'key-1' });

    // Act
    const act = give({ giver: 'alex', body: body({ points: 11 }), idempotencyKey: 'key-1' });

    // Assert
    await expect(act).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(act).rejects.toMatchObject({ code: 'idempotency-conflict' });
    expect(deps.store.rewards.size).toBe(1);
  });

  it('creates a new reward each time without a key', async () => {
    // Arrange
    const deps = await createSeededDeps();
    const give = giveReward(deps);
    await give({ giver: 'alex', body: body() });

    // Act
    const second = await give({ giver: 'alex', body: body() });

    // Assert
    expect(second.kind).toBe('created');
    expect(deps.store.rewards.size).toBe(2);
  });

  it.each([
    ['empty', ''],
    ['with a space', 'key 1'],
    ['non-ASCII', 'schlüssel'],
    ['longer than 128 characters', 'k'.repeat(129)],
  ])('rejects an Idempotency-Key that is %s', async (_label, idempotencyKey) => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = giveReward(deps)({ giver: 'alex', body: body(), idempotencyKey });

    // Assert
    await expect(act).rejects.toMatchObject({
      code: 'validation-failed',
      details: [
        { path: 'headers.idempotency-key', message: 'must be 1-128 printable ASCII characters' },
      ],
    });
  });

  it('accepts a 128-character Idempotency-Key', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const outcome = await giveReward(deps)({
      giver: 'alex',
      body: body(),
      idempotencyKey: 'k'.repeat(128),
    });

    // Assert
    expect(outcome.kind).toBe('created');
  });

  it('works against empty in-memory repositories too', async () => {
    // Arrange
    const deps = createInMemoryDeps();

    // Act
    const act = giveReward(deps)({ giver: 'alex', body: body() });

    // Assert
    await expect(act).rejects.toBeInstanceOf(ProfileRequiredError);
  });
});
