import { LinkCodeInvalidError, ValidationError } from '../errors';
import { createSeededDeps } from '../testing';
import { issueSlackLinkCode, linkSlackUser, LINK_CODE_LIFETIME_MS } from './slack-link';

const ALEX = { teamId: 'T0001', userId: 'U0ALEX' };

describe('issueSlackLinkCode', () => {
  it('issues a code valid for ten minutes', async () => {
    // Arrange
    const deps = await createSeededDeps({ now: '2026-11-27T09:00:00.000Z' });

    // Act
    const issued = await issueSlackLinkCode(deps)(ALEX);

    // Assert
    expect(issued).toEqual({
      code: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
      expiresAt: '2026-11-27T09:10:00.000Z',
    });
    expect(LINK_CODE_LIFETIME_MS).toBe(600_000);
  });

  it('says which profile the Slack user is linked to already', async () => {
    // Arrange
    const deps = await createSeededDeps();
    const first = await issueSlackLinkCode(deps)(ALEX);
    await linkSlackUser(deps)({ caller: 'alex', body: { code: first.code } });

    // Act
    const second = await issueSlackLinkCode(deps)(ALEX);

    // Assert
    expect(second.linkedTo).toBe('alex');
    expect(second.code).not.toBe(first.code);
  });

  it('refuses ids Slack never sends, which would become parts of keys', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const attempt = issueSlackLinkCode(deps)({ teamId: 'T0001', userId: 'U1#USER' });

    // Assert
    await expect(attempt).rejects.toMatchObject({
      details: [{ path: 'user_id', message: expect.stringContaining('Slack id') }],
    });
  });
});

describe('linkSlackUser', () => {
  it('links the Slack user to the caller within ten minutes, once', async () => {
    // Arrange
    const deps = await createSeededDeps({ now: '2026-11-27T09:00:00.000Z' });
    const { code } = await issueSlackLinkCode(deps)(ALEX);
    deps.clock.advance(LINK_CODE_LIFETIME_MS - 1);

    // Act
    const link = await linkSlackUser(deps)({ caller: 'alex', body: { code } });
    const again = linkSlackUser(deps)({ caller: 'alex', body: { code } });

    // Assert
    expect(link).toEqual({ ...ALEX, username: 'alex', linkedAt: '2026-11-27T09:09:59.999Z' });
    await expect(again).rejects.toBeInstanceOf(LinkCodeInvalidError);
  });

  it('refuses a code after ten minutes', async () => {
    // Arrange
    const deps = await createSeededDeps();
    const { code } = await issueSlackLinkCode(deps)(ALEX);
    deps.clock.advance(LINK_CODE_LIFETIME_MS);

    // Act
    const attempt = linkSlackUser(deps)({ caller: 'alex', body: { code } });

    // Assert
    await expect(attempt).rejects.toBeInstanceOf(LinkCodeInvalidError);
    expect(await deps.slackLinks.linkOf(ALEX)).toBeNull();
  });

  it('refuses a body without a well-formed code', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const short = linkSlackUser(deps)({ caller: 'alex', body: { code: 'abc' } });
    const extra = linkSlackUser(deps)({ caller: 'alex', body: { code: 'a'.repeat(32), to: 'x' } });

    // Assert
    await expect(short).rejects.toBeInstanceOf(ValidationError);
    await expect(extra).rejects.toMatchObject({
      details: [{ path: '(body)', message: 'unknown field: to' }],
    });
  });
});
