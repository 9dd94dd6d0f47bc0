/// <reference types="jest" />
import { periodKeysOf } from '../../periods';
import type {
  GiveRewardCommand,
  ProfileWrite,
  RewardRepository,
  UserRepository,
} from '../../ports';
import { SequentialIds } from '../fakes';

/** The repositories under test, sharing one store (rewards need the profiles of both people). */
export interface ContractRepositories {
  readonly users: UserRepository;
  readonly rewards: RewardRepository;
  /** Frees what the factory made (a table, a client); called after each case. */
  readonly dispose?: () => Promise<void>;
}

/** Makes fresh, empty repositories: called before each case, so cases never see each other. */
export type MakeRepositories = () => ContractRepositories | Promise<ContractRepositories>;

export interface ContractOptions {
  /** Timeout of each case and hook; generous by default, as an adapter may be a database. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** What a call threw, or undefined: lets a case act first and assert after, without unhandled rejections. */
export const failureOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Where every contract case starts: 2026-11-27, a Friday of ISO week 2026-W48. */
export const CONTRACT_NOW = '2026-11-27T09:00:00.000Z';

export const CONTRACT_PROFILES: readonly ProfileWrite[] = [
  { username: 'alex', displayName: 'Alex', avatar: '🦊' },
  { username: 'andreas', displayName: 'Andreas' },
  { username: 'markus', displayName: 'Markus', avatar: '🦉' },
  { username: 'zuschauer', displayName: 'Zuschauer' },
];

export interface Gift {
  readonly from: string;
  readonly to: string;
  readonly points: number;
  /** When it is given (default `CONTRACT_NOW`). */
  readonly at?: string;
  readonly message?: string;
  /** The giver's idempotency key, fingerprinted by recipient, points and message. */
  readonly key?: string;
  readonly allowance?: number;
}

/** Gifts in time order over two months (ids are handed out in the same order). */
export const HISTORY: readonly Gift[] = [
  { from: 'zuschauer', to: 'andreas', points: 60, at: '2026-10-15T12:00:00.000Z' },
  { from: 'andreas', to: 'alex', points: 50, at: '2026-11-20T12:00:00.000Z' },
  { from: 'alex', to: 'markus', points: 30, at: '2026-11-27T08:00:00.000Z' },
  { from: 'alex', to: 'andreas', points: 20, at: '2026-11-27T08:01:00.000Z' },
  { from: 'markus', to: 'zuschauer', points: 20, at: '2026-11-27T08:02:00.000Z' },
  { from: 'markus', to: 'alex', points: 10, at: '2026-11-27T08:03:00.000Z' },
];

/** A case's world: fresh repositories and a way to build the commands the use case would. */
export interface ContractWorld {
  readonly users: UserRepository;
  readonly rewards: RewardRepository;
  /** The `GiveRewardCommand` of a gift, with a new time-sortable id. */
  command(gift: Gift): GiveRewardCommand;
  /** Registers the given profiles (default: the four contract profiles). */
  profiles(names?: readonly string[]): Promise<void>;
}

/**
 * Registers the hooks of a contract: fresh repositories before each case, disposed after it.
 * Returns the running case's world and the timeout every case passes to `it`.
 */
export const useContractWorld = (make: MakeRepositories, options: ContractOptions = {}) => {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let current: (ContractRepositories & { ids: SequentialIds }) | undefined;
  beforeEach(async () => {
    current = { ...(await make()), ids: new SequentialIds() };
  }, timeout);
  afterEach(async () => {
    await current?.dispose?.();
    current = undefined;
  }, timeout);
  const repositories = () => {
    if (!current) throw new Error('The contract world exists only inside a case.');
    return current;
  };
  const world: ContractWorld = {
    get users() {
      return repositories().users;
    },
    get rewards() {
      return repositories().rewards;
    },
    command(gift) {
      const at = gift.at ?? CONTRACT_NOW;
      const message = gift.message ?? `${gift.from} thanks ${gift.to}`;
      return {
        reward: {
          id: repositories().ids.next(),
          from: gift.from,
          to: gift.to,
          points: gift.points,
          message,
          createdAt: at,
        },
        periods: periodKeysOf(new Date(at)),
        allowance: gift.allowance ?? 100,
        ...(gift.key === undefined
          ? {}
          : {
              idempotency: {
                key: gift.key,
                fingerprint: JSON.stringify([gift.to, gift.points, message]),
              },
            }),
      };
    },
    async profiles(names) {
      const wanted = names ?? CONTRACT_PROFILES.map((profile) => profile.username);
      for (const username of wanted) {
        const profile = CONTRACT_PROFILES.find((known) => known.username === username) ?? {
          username,
          displayName: username,
        };
        await repositories().users.upsert(profile, CONTRACT_NOW);
      }
    },
  };
  return { world, timeout };
};

/** Gives each gift in turn; the ids of the rewards, in the same order. */
export const giveInOrder = async (world: ContractWorld, gifts: readonly Gift[]) => {
  const ids: string[] = [];
  for (const gift of gifts) ids.push((await world.rewards.give(world.command(gift))).reward.id);
  return ids;
};
