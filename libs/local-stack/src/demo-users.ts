/** The people a fresh local table starts with (seeded through users-fn's `PUT /users/me`). */
export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly avatar: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'alex', displayName: 'Alex Krause', avatar: '🦊' },
  { username: 'andreas', displayName: 'Andreas Mohrhard', avatar: '🐻' },
  { username: 'markus', displayName: 'Markus', avatar: '🦉' },
  { username: 'zuschauer', displayName: 'Zuschauer', avatar: '👀' },
  { username: 'jana', displayName: 'Jana', avatar: '🐙' },
  { username: 'lena', displayName: 'Lena', avatar: '🦄' },
  { username: 'tom', displayName: 'Tom', avatar: '🐳' },
  { username: 'mia', displayName: 'Mia', avatar: '🌻' },
];

/** The username rule of the API, checked before issuing a local token. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
