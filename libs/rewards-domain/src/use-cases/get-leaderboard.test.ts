import { createHistoryDeps, createSeededDeps } from '../testing';
import { getLeaderboard, rankTallies } from './get-leaderboard';
import { giveReward } from './give-reward';

const ALEX = { username: 'alex', displayName: 'Alex Krause', avatar: '🦊' };
const ANDREAS = { username: 'andreas', displayName: 'Andreas Mohrhard', avatar: '🐻' };
const MARKUS = { username: 'markus', displayName: 'Markus', avatar: '🦉' };
const ZUSCHAUER = { username: 'zuschauer', displayName: 'Zuschauer', avatar: '👀' };
const bff = (user: { username: string; displayName: string }, points: number) => ({
  username: user.username,
  displayName: user.displayName,
  points,
});

describe('rankTallies', () => {
  it('ranks by points, ties share a rank and the next rank skips (1, 1, 3)', () => {
    // Act
    const ranked = rankTallies([
      { username: 'carol', points: 5 },
      { username: 'bob', points: 10 },
      { username: 'alice', points: 10 },
    ]);

    // Assert
    expect(ranked).toEqual([
      { username: 'alice', points: 10, rank: 1 },
      { username: 'bob', points: 10, rank: 1 },
      { username: 'carol', points: 5, rank: 3 },
    ]);
  });

  it('ranks a tie further down (1, 2, 2, 4)', () => {
    // Act
    const ranked = rankTallies([
      { username: 'd', points: 1 },
      { username: 'c', points: 5 },
      { username: 'b', points: 5 },
      { username: 'a', points: 9 },
    ]);

    // Assert
    expect(ranked.map((entry) => `${entry.rank}:${entry.username}`)).toEqual([
      '1:a',
      '2:b',
      '2:c',
      '4:d',
    ]);
  });

  it('ranks nobody when nobody received points', () => {
    // Act + Assert
    expect(rankTallies([])).toEqual([]);
  });
});

describe('getLeaderboard', () => {
  it("shows this week's best colleagues with their BFFs of the week", async () => {
    // Arrange
    const deps = await createHistoryDeps();

    // Act
    const board = await getLeaderboard(deps)({ period: 'week', limit: 10 });

    // Assert: worked out from the scenario's 2026-W48 rows
    expect(board).toEqual({
      period: 'week',
      periodKey: '2026-W48',
      entries: [
        { rank: 1, ...MARKUS, points: 40, bff: bff(ALEX, 20) },
        { rank: 2, ...ALEX, points: 30, bff: bff(MARKUS, 15) },
        { rank: 2, ...ANDREAS, points: 30, bff: bff(ALEX, 30) },
        { rank: 4, ...ZUSCHAUER, points: 5, bff: bff(MARKUS, 5) },
      ],
    });
  });

  it("shows this month's best colleagues with their BFFs of the month", async () => {
    // Arrange
    const deps = await createHistoryDeps();

    // Act
    const board = await getLeaderboard(deps)({ period: 'month', limit: 10 });

    // Assert: 2026-11 adds andreas' 50 points to alex of week 47
    expect(board).toEqual({
      period: 'month',
      periodKey: '2026-11',
      entries: [
        { rank: 1, ...ALEX, points: 80, bff: bff(ANDREAS, 50) },
        { rank: 2, ...MARKUS, points: 40, bff: bff(ALEX, 20) },
        { rank: 3, ...ANDREAS, points: 30, bff: bff(ALEX, 30) },
        { rank: 4, ...ZUSCHAUER, points: 5, bff: bff(MARKUS, 5) },
      ],
    });
  });

  it('shows the best colleagues of all time', async () => {
    // Arrange
    const deps = await createHistoryDeps();

    // Act
    const board = await getLeaderboard(deps)({ period: 'all', limit: 10 });

    // Assert: October's 60 points from zuschauer put andreas first
    expect(board).toEqual({
      period: 'all',
      periodKey: 'all',
      entries: [
        { rank: 1, ...ANDREAS, points: 90, bff: bff(ZUSCHAUER, 60) },
        { rank: 2, ...ALEX, points: 80, bff: bff(ANDREAS, 50) },
        { rank: 3, ...MARKUS, points: 40, bff: bff(ALEX, 20) },
        { rank: 4, ...ZUSCHAUER, points: 5, bff: bff(MARKUS, 5) },
      ],
    });
  });

  it('cuts at the limit, keeping the tied entries in username order', async () => {
    // Arrange
    const deps = await createHistoryDeps();

    // Act
    const board = await getLeaderboard(deps)({ period: 'week', limit: 2 });

    // Assert: alex and andreas tie at the cut; the board shows `limit`, by username
    expect(board.entries.map((entry) => [entry.rank, entry.username])).toEqual([
      [1, 'markus'],
      [2, 'alex'],
    ]);
  });

  it('is empty for a week without rewards', async () => {
    // Arrange
    const deps = await createHistoryDeps();
    deps.clock.set('2026-12-07T00:00:00.000Z');

    // Act
    const board = await getLeaderboard(deps)({ period: 'week', limit: 10 });

    // Assert
    expect(board).toEqual({ period: 'week', periodKey: '2026-W50', entries: [] });
  });

  it('reads the whole board, names and BFFs included, in one repository call', async () => {
    // Arrange
    const deps = await createHistoryDeps();
    const topReceivers = jest.spyOn(deps.rewards, 'topReceivers');
    const getMany = jest.spyOn(deps.users, 'getMany');

    // Act
    await getLeaderboard(deps)({ period: 'week', limit: 10 });

    // Assert
    expect(topReceivers).toHaveBeenCalledTimes(1);
    expect(topReceivers).toHaveBeenCalledWith('2026-W48', 10);
    expect(getMany).not.toHaveBeenCalled();
  });

  it('ranks a board the repository returns out of order, and shows no BFF where it has none', async () => {
    // Arrange
    const deps = await createHistoryDeps();
    jest.spyOn(deps.rewards, 'topReceivers').mockResolvedValue([
      { username: 'zed', displayName: 'Zed', points: 5, bff: null },
      { username: 'amy', displayName: 'Amy', avatar: '🐯', points: 9, bff: null },
    ]);

    // Act
    const board = await getLeaderboard(deps)({ period: 'week', limit: 1 });

    // Assert
    expect(board.entries).toEqual([
      { rank: 1, username: 'amy', displayName: 'Amy', avatar: '🐯', points: 9, bff: null },
    ]);
  });

  it('falls back to the username when a profile has no avatar or is gone', async () => {
    // Arrange
    const deps = await createSeededDeps();
    await deps.users.upsert(
      { username: 'noavatar', displayName: 'No Avatar' },
      '2026-11-01T00:00:00.000Z',
    );
    const give = giveReward(deps);
    await give({ giver: 'alex', body: { to: 'noavatar', points: 10, message: 'hi' } });
    await give({ giver: 'markus', body: { to: 'andreas', points: 5, message: 'hi' } });
    deps.store.users.delete('alex');
    deps.store.users.delete('andreas');

    // Act
    const board = await getLeaderboard(deps)({ period: 'week', limit: 10 });

    // Assert
    expect(board.entries).toEqual([
      {
        rank: 1,
        username: 'noavatar',
        displayName: 'No Avatar',
        points: 10,
        bff: bff({ username: 'alex', displayName: 'alex' }, 10),
      },
      { rank: 2, username: 'andreas', displayName: 'andreas', points: 5, bff: bff(MARKUS, 5) },
    ]);
  });
});
