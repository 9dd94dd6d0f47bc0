import { parseInput } from '../validation';
import type { Clock, UserRepository } from '../ports';
import { profileInputSchema, usernameSchema, type User } from '../schemas/user.schema';

export interface RegisterProfileDeps {
  readonly users: UserRepository;
  readonly clock: Clock;
}

/**
 * Creates or updates the caller's profile.
 * 1. validate the caller's username (from the token) and the body;
 * 2. upsert, keeping `createdAt` of an existing profile.
 */
export const registerProfile =
  (deps: RegisterProfileDeps) =>
  async (input: { caller: string; body: unknown }): Promise<{ user: User; created: boolean }> => {
    const username = parseInput(usernameSchema, input.caller, 'token.username');
    const profile = parseInput(profileInputSchema, input.body);
    return deps.users.upsert(
      { username, displayName: profile.displayName, avatar: profile.avatar },
      deps.clock.now().toISOString(),
    );
  };
