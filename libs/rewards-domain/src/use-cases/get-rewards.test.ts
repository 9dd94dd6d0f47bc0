import { InvalidCursorError, NotFoundError } from '../errors';
import { createSeededDeps } from '../testing';
import { getFeed, getReward } from './get-rewards';
import { giveReward } from './give-reward';

/** alex→markus, andreas→markus, alex→andreas, markus→alex: one minute apart. */
const withRewards = async () => {
  const deps = await createSeededDeps({ now: '2026-11-27T09:00:00.000Z' });
  const give = giveReward(deps);
  const ids: string[] = [];
  for (const [giver, to] of [
    ['alex', 'markus'],
    ['andreas', 'markus'],
    ['alex', 'andreas'],
    ['markus', 'alex'],
  ]) {
    ids.push(
      (await give({ giver, body: { to, points: 5, message: `${giver} to ${to}` } })).reward.id,
    );
    deps.clock.advance(60_000);
  }
  return { deps, ids };
};

describe('getFeed', () => {
  it('lists rewards newest first', async () => {
    // Arrange
    const { deps } = await withRewards();

    // Act
    const feed = await getFeed(deps)({ limit: 20 });

    // Assert
    expect(feed.rewards.map((reward) => reward.message)).toEqual([
      'markus to alex',
      'alex to andreas',
      'andreas to markus',
      'alex to markus',
    ]);
    expect(feed).not.toHaveProperty('nextCursor');
  });

  it('pages through the feed with the cursor, without gaps or repeats', async () => {
    // Arrange
    const { deps, ids } = await withRewards();
    const feed = getFeed(deps);

    // Act
    const first = await feed({ limit: 3 });
    const second = await feed({ limit: 3, cursor: first.nextCursor });

    // Assert
    expect(first.nextCursor).toEqual(expect.any(String));
    expect([...first.rewards, ...second.rewards].map((reward) => reward.id)).toEqual(
      [...ids].reverse(),
    );
    expect(second).not.toHaveProperty('nextCursor');
  });

  it('keeps the order when rewards are given between pages', async () => {
    // Arrange
    const { deps } = await withRewards();
    const feed = getFeed(deps);
    const first = await feed({ limit: 2 });
    await giveReward(deps)({
      giver: 'zuschauer',
      body: { to: 'alex', points: 1, message: 'late' },
    });

    // Act
    const second = await feed({ limit: 2, cursor: first.nextCursor });

    // Assert
    expect(second.rewards.map((reward) => reward.message)).toEqual([
      'andreas to markus',
      'alex to markus',
    ]);
  });

  it('filters by recipient, by giver, or both', async () => {
    // Arrange
    const { deps } = await withRewards();
    const feed = getFeed(deps);

    // Act
    const toMarkus = await feed({ limit: 20, to: 'markus' });
    const fromAlex = await feed({ limit: 20, from: 'alex' });
    const alexToMarkus = await feed({ limit: 20, from: 'alex', to: 'markus' });

    // Assert
    expect(toMarkus.rewards.map((reward) => reward.message)).toEqual([
      'andreas to markus',
      'alex to markus',
    ]);
    expect(fromAlex.rewards.map((reward) => reward.message)).toEqual([
      'alex to andreas',
      'alex to markus',
    ]);
    expect(alexToMarkus.rewards.map((reward) => reward.message)).toEqual(['alex to markus']);
  });

  it('pages through a filtered feed', async () => {
    // Arrange
    const { deps } = await withRewards();
    const feed = getFeed(deps);

    // Act
    const first = await feed({ limit: 1, to: 'markus' });
    const second = await feed({ limit: 1, to: 'markus', cursor: first.nextCursor });

    // Assert
    expect(first.rewards.map((reward) => reward.message)).toEqual(['andreas to markus']);
    expect(second).toEqual({ rewards: [expect.objectContaining({ message: 'alex to markus' })] });
  });

  it('refuses a cursor issued for another filter', async () => {
    // Arrange
    const { deps } = await withRewards();
    const feed = getFeed(deps);
    const first = await feed({ limit: 1, to: 'markus' });

    // Act
    const act = feed({ limit: 1, to: 'alex', cursor: first.nextCursor });

    // Assert
    await expect(act).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(act).rejects.toMatchObject({
      code: 'validation-failed',
      details: [{ path: 'cursor' }],
    });
  });

  it.each([
    ['not base64 at all', '%%%'],
    ['base64 of something else', btoa('hello')],
    ['a users cursor', btoa(JSON.stringify({ kind: 'users', query: '', after: 'alex' }))],
    ['a cursor without a position', btoa(JSON.stringify({ kind: 'feed', query: '[null,null]' }))],
  ])('refuses a forged cursor: %s', async (_label, cursor) => {
    // Arrange
    const { deps } = await withRewards();

    // Act
    const act = getFeed(deps)({ limit: 2, cursor });

    // Assert
    await expect(act).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('getReward', () => {
  it('returns one reward by id', async () => {
    // Arrange
    const { deps, ids } = await withRewards();

    // Act
    const reward = await getReward(deps)(ids[1]);

    // Assert
    expect(reward).toMatchObject({ id: ids[1], from: 'andreas', to: 'markus', points: 5 });
  });

  it('answers not found for an unknown id', async () => {
    // Arrange
    const { deps } = await withRewards();

    // Act
    const act = getReward(deps)('01JDQ4V6ZQ4N2K8XZZZZZZZZZZ');

    // Assert
    await expect(act).rejects.toBeInstanceOf(NotFoundError);
    await expect(act).rejects.toMatchObject({ code: 'not-found' });
  });
});
