import { startApi, type ApiClient } from './api-client';

type Board = {
  entries: Array<{
    rank: number;
    username: string;
    points: number;
    bff: { username: string; points: number } | null;
  }>;
};

/**
 * A scripted afternoon: who gives whom what. The expected board and BFFs below are worked out
 * by hand from this script, not by the code under test.
 */
const SCRIPT: Array<[from: string, to: string, points: number]> = [
  ['alex', 'andreas', 20],
  ['markus', 'andreas', 15],
  ['zuschauer', 'andreas', 25],
  ['andreas', 'alex', 30],
  ['markus', 'alex', 10],
  ['zuschauer', 'alex', 20],
  ['alex', 'markus', 5],
  ['andreas', 'markus', 5],
  ['alex', 'zuschauer', 40],
  ['markus', 'zuschauer', 10],
  ['alex', 'andreas', 10],
];
// andreas: 20 + 15 + 25 + 10 = 70, from alex 30, zuschauer 25, markus 15 → BFF alex (30)
// alex:    30 + 10 + 20      = 60, from andreas 30 → BFF andreas (30)
// zuschauer: 40 + 10         = 50, from alex 40 → BFF alex (40)
// markus:  5 + 5             = 10, alex 5 and andreas 5 tie → BFF alex (first by username)

describe('leaderboard and BFFs for a scripted scenario', () => {
  let api: ApiClient;

  beforeAll(async () => {
    api = await startApi('e2e-bff');
    for (const [from, to, points] of SCRIPT) {
      const response = await api.request('POST', '/rewards', {
        user: from,
        body: { to, points, message: `${points} for ${to} 🎉` },
      });
      expect(response.status).toBe(201);
    }
  });

  afterAll(async () => {
    await api?.stop();
  });

  it.each(['week', 'month', 'all'])(
    'ranks the best colleagues of the %s with their BFFs',
    async (period) => {
      // Act
      const board = await api.request<Board>('GET', `/leaderboard?period=${period}`, {
        user: 'lena',
      });
      // Assert
      expect(
        board.body.entries.map((entry) => [
          entry.rank,
          entry.username,
          entry.points,
          entry.bff?.username,
          entry.bff?.points,
        ]),
      ).toEqual([
        [1, 'andreas', 70, 'alex', 30],
        [2, 'alex', 60, 'andreas', 30],
        [3, 'zuschauer', 50, 'alex', 40],
        [4, 'markus', 10, 'alex', 5],
      ]);
    },
  );

  it('cuts the board at the limit', async () => {
    // Act
    const board = await api.request<Board>('GET', '/leaderboard?period=all&limit=2', {
      user: 'lena',
    });
    // Assert
    expect(board.body.entries.map((entry) => entry.username)).toEqual(['andreas', 'alex']);
  });

  it('shows each profile the hand-computed totals and BFF', async () => {
    // Act
    const alex = await api.request('GET', '/users/alex', { user: 'alex' });
    // Assert: alex gave 20 + 5 + 40 + 10 = 75 and received 60
    expect(alex.body).toMatchObject({
      stats: {
        received: 60,
        given: 75,
        receivedThisMonth: 60,
        givenThisMonth: 75,
        allowanceLeft: 25,
      },
      bff: { username: 'andreas', points: 30 },
    });
  });
});
