/** The requests `bench:calls` measures, as the dashboard and a giver send them. */

export interface Scenario {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** A body per request (POST). */
  readonly body?: (n: number) => unknown;
  /** Sends the ETag of the warm-up's answer as If-None-Match: a poll that finds no change. */
  readonly revalidate?: boolean;
}

export const usernameOf = (i: number) => `bench-${String(i).padStart(3, '0')}`;

export const scenarios = (users: number): Scenario[] => [
  ...(['all', 'week', 'month'] as const).flatMap((period) =>
    [10, 50].map((limit) => ({
      name: `leaderboard ${period} ${limit}`,
      method: 'GET' as const,
      path: `/leaderboard?period=${period}&limit=${limit}`,
    })),
  ),
  { name: 'profile', method: 'GET', path: `/users/${usernameOf(3)}` },
  { name: 'own profile', method: 'GET', path: '/users/me' },
  { name: 'feed', method: 'GET', path: '/rewards?limit=20' },
  // What the dashboard's poll sends when nothing changed since its last answer.
  ...[
    ['leaderboard week 10', '/leaderboard?period=week&limit=10'],
    ['feed', '/rewards?limit=20'],
    ['own profile', '/users/me'],
  ].map(([name, path]) => ({
    name: `${name} unchanged`,
    method: 'GET' as const,
    path,
    revalidate: true,
  })),
  {
    name: 'give reward',
    method: 'POST',
    path: '/rewards',
    body: (n) => ({ to: usernameOf(1 + (n % (users - 1))), points: 1, message: 'measured 🙌' }),
  },
];
