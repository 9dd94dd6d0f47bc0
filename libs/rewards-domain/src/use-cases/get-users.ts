import type { UserRepository } from '../ports';
import type { User } from '../schemas/user.schema';

export interface GetUsersDeps {
  readonly users: UserRepository;
}

/** One page of all users, sorted by username. */
export const listUsers =
  (deps: GetUsersDeps) =>
  async (input: {
    limit: number;
    cursor?: string;
  }): Promise<{ users: User[]; nextCursor?: string }> => {
    const page = await deps.users.list(input);
    return page.nextCursor
      ? { users: page.items, nextCursor: page.nextCursor }
      : { users: page.items };
  };

/** The named users in the order asked, and the names that have no profile. */
export const getUsersByName =
  (deps: GetUsersDeps) =>
  async (usernames: readonly string[]): Promise<{ users: User[]; missing: string[] }> => {
    const found = new Map(
      (await deps.users.getMany(usernames)).map((user) => [user.username, user]),
    );
    const users: User[] = [];
    const missing: string[] = [];
    for (const username of usernames) {
      const user = found.get(username);
      if (user) users.push(user);
      else missing.push(username);
    }
    return { users, missing };
  };
