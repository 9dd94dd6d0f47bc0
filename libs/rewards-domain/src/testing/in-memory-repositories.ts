import {
  AllowanceExceededError,
  IdempotencyConflictError,
  InvalidCursorError,
  NotFoundError,
  ProfileRequiredError,
} from '../errors';
import type {
  BoardLine,
  FeedRequest,
  GiveRewardCommand,
  GiveRewardOutcome,
  Page,
  PageRequest,
  ProfileWrite,
  RewardRepository,
  UserRepository,
  UserStanding,
} from '../ports';
import type { PeriodKeys } from '../periods';
import type { Reward } from '../schemas/reward.schema';
import type { Bff, User } from '../schemas/user.schema';

interface CursorState {
  readonly kind: string;
  readonly query: string;
  readonly after: string;
}

const encodeCursor = (state: CursorState): string => btoa(JSON.stringify(state));

const decodeCursor = (cursor: string, kind: string, query: string): string => {
  try {
    const state = JSON.parse(atob(cursor)) as Partial<CursorState>;
    if (state.kind === kind && state.query === query && typeof state.after === 'string') {
      return state.after;
    }
  } catch {
    // fall through: any unreadable cursor is refused the same way
  }
  throw new InvalidCursorError();
};

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Profiles, rewards and counters held in memory, with the same rules as the DynamoDB adapter. */
export class InMemoryStore {
  readonly users = new Map<string, User>();
  readonly rewards = new Map<string, Reward>();
  /** `<periodKey>` → receiver → points */
  readonly received = new Map<string, Map<string, number>>();
  /** `<receiver>#<periodKey>` → giver → points */
  readonly pairs = new Map<string, Map<string, number>>();
  /** `<periodKey>` → giver → points */
  readonly given = new Map<string, Map<string, number>>();
  /** `<giver>#<key>` → the reward it gave, until `expiresAt` (epoch ms) */
  readonly idempotency = new Map<
    string,
    { rewardId: string; fingerprint: string; expiresAt: number }
  >();
}

/** How long an idempotency key is remembered, as in the DynamoDB adapter. */
const IDEMPOTENCY_LIFETIME_MS = 24 * 60 * 60 * 1000;

const add = (map: Map<string, Map<string, number>>, key: string, who: string, points: number) => {
  const inner = map.get(key) ?? new Map<string, number>();
  inner.set(who, (inner.get(who) ?? 0) + points);
  map.set(key, inner);
};

/** Most points first, then by username: the order of every board. */
const sortedTallies = (tallies: Map<string, number> | undefined) =>
  [...(tallies ?? new Map<string, number>())]
    .map(([username, points]) => ({ username, points }))
    .sort((a, b) => b.points - a.points || byName(a.username, b.username));

const tallyOf = (map: Map<string, Map<string, number>>, key: string, who: string) =>
  map.get(key)?.get(who) ?? 0;

export class InMemoryUserRepository implements UserRepository {
  constructor(private readonly store: InMemoryStore = new InMemoryStore()) {}

  async upsert(profile: ProfileWrite, now: string) {
    const existing = this.store.users.get(profile.username);
    const user: User = {
      username: profile.username,
      displayName: profile.displayName,
      ...(profile.avatar ? { avatar: profile.avatar } : {}),
      createdAt: existing?.createdAt ?? now,
    };
    this.store.users.set(user.username, user);
    return { user, created: !existing };
  }

  async get(username: string) {
    return this.store.users.get(username) ?? null;
  }

  async getMany(usernames: readonly string[]) {
    return [...new Set(usernames)].flatMap((name) => {
      const user = this.store.users.get(name);
      return user ? [user] : [];
    });
  }

  async list(page: PageRequest): Promise<Page<User>> {
    const after = page.cursor ? decodeCursor(page.cursor, 'users', '') : '';
    const names = [...this.store.users.keys()].sort(byName).filter((name) => name > after);
    const items = names.slice(0, page.limit).map((name) => this.store.users.get(name) as User);
    const last = items.at(-1);
    return names.length > page.limit && last
      ? { items, nextCursor: encodeCursor({ kind: 'users', query: '', after: last.username }) }
      : { items };
  }
}

export class InMemoryRewardRepository implements RewardRepository {
  constructor(private readonly store: InMemoryStore = new InMemoryStore()) {}

  async give(command: GiveRewardCommand): Promise<GiveRewardOutcome> {
    const { reward, periods, allowance, idempotency } = command;
    const now = Date.parse(reward.createdAt);
    const idemKey = idempotency
      ? `${idempotency.scope ?? reward.from}#${idempotency.key}`
      : undefined;
    const previous = idemKey ? this.store.idempotency.get(idemKey) : undefined;
    // An expired key counts as absent, whether or not anything has cleaned it up yet.
    if (previous && previous.expiresAt >= now) {
      const earlier = this.store.rewards.get(previous.rewardId);
      // Another request, or a reward that is gone: the retry cannot get what it asked for.
      if (previous.fingerprint !== idempotency?.fingerprint || !earlier) {
        throw new IdempotencyConflictError();
      }
      return { kind: 'replayed', reward: earlier };
    }
    if (!this.store.users.has(reward.from)) throw new ProfileRequiredError(reward.from);
    if (!this.store.users.has(reward.to))
      throw new NotFoundError(`There is no user "${reward.to}".`);
    const spent = tallyOf(this.store.given, periods.month, reward.from);
    if (spent + reward.points > allowance) {
      throw new AllowanceExceededError(Math.max(0, allowance - spent), reward.points, allowance);
    }

    this.store.rewards.set(reward.id, reward);
    for (const key of [periods.week, periods.month, periods.all]) {
      add(this.store.received, key, reward.to, reward.points);
      add(this.store.pairs, `${reward.to}#${key}`, reward.from, reward.points);
    }
    for (const key of [periods.month, periods.all])
      add(this.store.given, key, reward.from, reward.points);
    if (idemKey && idempotency) {
      this.store.idempotency.set(idemKey, {
        rewardId: reward.id,
        fingerprint: idempotency.fingerprint,
        expiresAt: now + IDEMPOTENCY_LIFETIME_MS,
      });
    }
    return { kind: 'created', reward };
  }

  async get(id: string) {
    return this.store.rewards.get(id) ?? null;
  }

  async feed(request: FeedRequest): Promise<Page<Reward>> {
    const query = JSON.stringify([request.to ?? null, request.from ?? null]);
    const before = request.cursor ? decodeCursor(request.cursor, 'feed', query) : undefined;
    const matching = [...this.store.rewards.values()]
      .filter((reward) => (request.to ? reward.to === request.to : true))
      .filter((reward) => (request.from ? reward.from === request.from : true))
      .filter((reward) => (before ? reward.id < before : true))
      .sort((a, b) => byName(b.id, a.id));
    const items = matching.slice(0, request.limit);
    const last = items.at(-1);
    return matching.length > request.limit && last
      ? { items, nextCursor: encodeCursor({ kind: 'feed', query, after: last.id }) }
      : { items };
  }

  async topReceivers(periodKey: string, limit: number): Promise<BoardLine[]> {
    return sortedTallies(this.store.received.get(periodKey))
      .slice(0, limit)
      .map(({ username, points }) => {
        const user = this.store.users.get(username);
        return {
          username,
          displayName: user?.displayName ?? username,
          ...(user?.avatar ? { avatar: user.avatar } : {}),
          points,
          bff: this.bffOf(username, periodKey),
        };
      });
  }

  async standing(username: string, periods: PeriodKeys): Promise<UserStanding> {
    return {
      totals: {
        received: tallyOf(this.store.received, periods.all, username),
        given: tallyOf(this.store.given, periods.all, username),
        receivedThisMonth: tallyOf(this.store.received, periods.month, username),
        givenThisMonth: tallyOf(this.store.given, periods.month, username),
      },
      bff: this.bffOf(username, periods.all),
    };
  }

  /** The giver who gave `receiver` the most in the period (ties: first username), named. */
  private bffOf(receiver: string, periodKey: string): Bff | null {
    const [top] = sortedTallies(this.store.pairs.get(`${receiver}#${periodKey}`));
    if (!top) return null;
    const giver = this.store.users.get(top.username);
    return {
      username: top.username,
      displayName: giver?.displayName ?? top.username,
      points: top.points,
    };
  }

  async spent(username: string, monthKey: string) {
    return tallyOf(this.store.given, monthKey, username);
  }
}
