import type { User } from '../api/api-types';

/** Lower case without accents, so "zoe" finds "Zoë". */
const fold = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * Colleagues whose name or username contains what was typed; names that start with it come first,
 * then alphabetical order.
 */
export const matchUsers = (users: readonly User[], query: string, limit: number): User[] => {
  const needle = fold(query.trim());
  if (!needle) return [];
  const scored: { user: User; score: number }[] = [];
  for (const user of users) {
    const name = fold(user.displayName);
    const username = user.username.toLowerCase();
    const words = name.split(/\s+/);
    let score = -1;
    if (name.startsWith(needle) || username.startsWith(needle)) score = 0;
    else if (words.some((word) => word.startsWith(needle))) score = 1;
    else if (name.includes(needle) || username.includes(needle)) score = 2;
    if (score >= 0) scored.push({ user, score });
  }
  scored.sort((a, b) => a.score - b.score || a.user.displayName.localeCompare(b.user.displayName));
  return scored.slice(0, limit).map(({ user }) => user);
};

/** The one colleague a typed text names exactly (display name or username), if any. */
export const exactUser = (users: readonly User[], text: string): User | undefined => {
  const needle = fold(text.trim());
  if (!needle) return undefined;
  const found = users.filter(
    (user) => fold(user.displayName) === needle || user.username.toLowerCase() === needle,
  );
  return found.length === 1 ? found[0] : undefined;
};
