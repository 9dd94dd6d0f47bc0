import type { PeriodKeys } from './periods';
import type { Reward } from './schemas/reward.schema';
import type { Bff, User } from './schemas/user.schema';

/** One page of a list; `nextCursor` is absent on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  /** Opaque cursor from a previous page of the same query. */
  readonly cursor?: string;
}

/** A profile to create or update. */
export interface ProfileWrite {
  readonly username: string;
  readonly displayName: string;
  readonly avatar?: string;
}

export interface UserRepository {
  /** Creates the profile or updates its name and avatar; `createdAt` is kept on update. */
  upsert(profile: ProfileWrite, now: string): Promise<{ user: User; created: boolean }>;
  get(username: string): Promise<User | null>;
  /** The users that exist among `usernames`, in any order. */
  getMany(usernames: readonly string[]): Promise<User[]>;
  /** All users sorted by username. */
  list(page: PageRequest): Promise<Page<User>>;
}

/** Points one user received from, or gave to, another (or in total) in a period. */
export interface PointsTally {
  readonly username: string;
  readonly points: number;
}

export interface UserTotals {
  readonly received: number;
  readonly given: number;
  readonly receivedThisMonth: number;
  readonly givenThisMonth: number;
}

/** One receiver on the board of a period: points, the names to show, and the period's BFF. */
export interface BoardLine extends PointsTally {
  readonly displayName: string;
  readonly avatar?: string;
  readonly bff: Bff | null;
}

/** What a profile shows of a user's rewards: totals and the all-time BFF. */
export interface UserStanding {
  readonly totals: UserTotals;
  readonly bff: Bff | null;
}

export interface GiveRewardCommand {
  readonly reward: Reward;
  readonly periods: PeriodKeys;
  /** The giver's monthly allowance: the write fails rather than exceed it. */
  readonly allowance: number;
  /** Present when the client sent an `Idempotency-Key`. */
  readonly idempotency?: {
    readonly key: string;
    readonly fingerprint: string;
    /**
     * Whose keys `key` is among: the giver's own when absent; a system that gives on others'
     * behalf (the generator's runs) names itself, so its key does not depend on whom it chose.
     */
    readonly scope?: string;
  };
}

export type GiveRewardOutcome =
  | { readonly kind: 'created'; readonly reward: Reward }
  | { readonly kind: 'replayed'; readonly reward: Reward };

export interface FeedRequest extends PageRequest {
  readonly to?: string;
  readonly from?: string;
}

export interface RewardRepository {
  /**
   * Stores the reward and every counter it moves, all or nothing. Throws
   * `ProfileRequiredError` (no giver profile), `NotFoundError` (no recipient),
   * `AllowanceExceededError`, `IdempotencyConflictError`.
   */
  give(command: GiveRewardCommand): Promise<GiveRewardOutcome>;
  get(id: string): Promise<Reward | null>;
  /** Rewards newest first, optionally only those to and/or from a user. */
  feed(request: FeedRequest): Promise<Page<Reward>>;
  /**
   * The first `limit` users by points received in the period, most first, then by username,
   * each with current names and the BFF of the period: the giver who gave them the most in
   * it (ties: first username).
   */
  topReceivers(periodKey: string, limit: number): Promise<BoardLine[]>;
  /** Received and given, all time and in `periods.month`, and the all-time BFF. */
  standing(username: string, periods: PeriodKeys): Promise<UserStanding>;
  /** Points the user has given in the month. */
  spent(username: string, monthKey: string): Promise<number>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new, time-sortable id (a ULID). */
  next(): string;
}

/** Uniform numbers in [0, 1); seedable so a run can be replayed. */
export interface Random {
  next(): number;
}

/** A Slack user: the workspace (`team_id`) and the user's id in it (`user_id`). */
export interface SlackIdentity {
  readonly teamId: string;
  readonly userId: string;
}

/** A Slack user linked to the profile of `username`. */
export interface SlackLink extends SlackIdentity {
  readonly username: string;
  /** When the link was made (ISO 8601). */
  readonly linkedAt: string;
}

export interface SlackLinkRepository {
  /** Stores a one-time code for the Slack user, usable until `expiresAt` (ISO 8601). */
  issueCode(code: string, identity: SlackIdentity, expiresAt: string, now: string): Promise<void>;
  /**
   * Spends the code and links its Slack user to `username`, all or nothing. Throws
   * `LinkCodeInvalidError` (unknown, used, or expired at `now`), `SlackUserLinkedError` (the
   * Slack user is linked to another profile) and `ProfileRequiredError` (no profile); on any of
   * them nothing changes and the code stays as it was.
   */
  redeemCode(code: string, username: string, now: string): Promise<SlackLink>;
  /** The profile a Slack user is linked to, or null. */
  linkOf(identity: SlackIdentity): Promise<SlackLink | null>;
}

/** Unguessable one-time secrets: at least 128 random bits, URL-safe (base64url). */
export interface SecretGenerator {
  next(): string;
}
