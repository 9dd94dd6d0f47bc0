import {
  AllowanceExceededError,
  SelfRewardError,
  SlackUserNotLinkedError,
  ValidationError,
} from '../errors';
import { createSeededDeps } from '../testing';
import { issueSlackLinkCode, linkSlackUser } from './slack-link';
import { giveRewardAsSlackUser, slackBalance } from './slack-rewards';

const TEAM = 'T0001';
const ALEX = { teamId: TEAM, userId: 'U0ALEX' };
const MARKUS = { teamId: TEAM, userId: 'U0MARKUS' };

/** Seeded deps with alex and markus linked from Slack. */
const linkedDeps = async () => {
  const deps = await createSeededDeps({ now: '2026-11-27T09:00:00.000Z' });
  for (const [identity, username] of [
    [ALEX, 'alex'],
    [MARKUS, 'markus'],
  ] as const) {
    const { code } = await issueSlackLinkCode(deps)(identity);
    await linkSlackUser(deps)({ caller: username, body: { code } });
  }
  return deps;
};

const gift = (overrides: Record<string, unknown> = {}) => ({
  giver: ALEX,
  recipientUserId: MARKUS.userId,
  points: 10,
  message: 'Thanks for the demo',
  deliveryId: '13345224609.738474920.8088930838d88f008e0',
  ...overrides,
});

describe('giveRewardAsSlackUser', () => {
  it('gives from the linked caller to the linked recipient', async () => {
    // Arrange
    const deps = await linkedDeps();

    // Act
    const outcome = await giveRewardAsSlackUser(deps)(gift());

    // Assert
    expect(outcome.kind).toBe('created');
    expect(outcome.reward).toMatchObject({ from: 'alex', to: 'markus', points: 10 });
    expect(await deps.rewards.spent('alex', '2026-11')).toBe(10);
  });

  it('gives once when Slack delivers the same command twice', async () => {
    // Arrange
    const deps = await linkedDeps();
    const give = giveRewardAsSlackUser(deps);

    // Act
    const first = await give(gift());
    const second = await give(gift());

    // Assert
    expect(second).toEqual({ kind: 'replayed', reward: first.reward });
    expect(await deps.rewards.spent('alex', '2026-11')).toBe(10);
  });

  it('tells an unlinked caller first, and names an unlinked recipient', async () => {
    // Arrange
    const deps = await linkedDeps();
    const give = giveRewardAsSlackUser(deps);

    // Act
    const caller = give(gift({ giver: { teamId: TEAM, userId: 'U0NEW' }, recipientUserId: 'U0X' }));
    const recipient = give(gift({ recipientUserId: 'U0NOBODY' }));

    // Assert
    await expect(caller).rejects.toMatchObject({ role: 'caller', userId: 'U0NEW' });
    await expect(recipient).rejects.toEqual(new SlackUserNotLinkedError('U0NOBODY', 'recipient'));
  });

  it('applies the rules of POST /rewards: no self-reward, the allowance, the points', async () => {
    // Arrange
    const deps = await linkedDeps();
    const give = giveRewardAsSlackUser(deps);
    await give(gift({ points: 95, deliveryId: 'first' }));

    // Act
    const self = give(gift({ recipientUserId: ALEX.userId, deliveryId: 'self' }));
    const over = give(gift({ points: 10, deliveryId: 'over' }));
    const zero = give(gift({ points: 0, deliveryId: 'zero' }));

    // Assert
    await expect(self).rejects.toBeInstanceOf(SelfRewardError);
    await expect(over).rejects.toMatchObject(new AllowanceExceededError(5, 10, 100));
    await expect(zero).rejects.toMatchObject({
      details: [{ path: 'points', message: 'must be at least 1' }],
    });
  });

  it('refuses a delivery id that cannot key the reward', async () => {
    // Arrange
    const deps = await linkedDeps();

    // Act
    const attempt = giveRewardAsSlackUser(deps)(gift({ deliveryId: 'has space' }));

    // Assert
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    expect(await deps.rewards.spent('alex', '2026-11')).toBe(0);
  });
});

describe('slackBalance', () => {
  it('says what a linked Slack user has left this month', async () => {
    // Arrange
    const deps = await linkedDeps();
    await giveRewardAsSlackUser(deps)(gift({ points: 30 }));

    // Act
    const balance = await slackBalance(deps)(ALEX);

    // Assert
    expect(balance).toEqual({ username: 'alex', left: 70, allowance: 100 });
  });

  it('tells an unlinked Slack user to link first', async () => {
    // Arrange
    const deps = await linkedDeps();

    // Act
    const attempt = slackBalance(deps)({ teamId: TEAM, userId: 'U0NEW' });

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 'slack-user-not-linked', role: 'caller' });
  });
});
