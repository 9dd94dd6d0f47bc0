import { DomainError } from '../errors';
import { monthKey } from '../periods';
import type { Clock, IdGenerator, Random, RewardRepository, UserRepository } from '../ports';
import { pick, randomInt } from '../random';
import type { RewardRules } from '../rules';
import type { Reward } from '../schemas/reward.schema';
import type { User } from '../schemas/user.schema';
import { giveReward } from './give-reward';

/** Lines the generator picks from: emoji-rich, like a real team's thanks. */
export const DEMO_MESSAGES: readonly string[] = [
  'Thanks for the great demo! 🎉',
  'Saved my day with that quick fix 🙏🛠️',
  'Best pairing session ever 👩‍💻👨‍💻',
  'For the delicious Thai food 🍜🌶️',
  'So many emojis 😂🤩🥳',
  'Shipped it on a Friday and nothing broke 🚀',
  'Thanks for the thorough code review 🔍✅',
  'Coffee is on me next time ☕️❤️',
  'Great talk, clear slides 🎤👏',
  'You made the pipeline green again 🟢🔧',
  'Thanks for onboarding me so patiently 🤝🌱',
  'Rolled back in seconds, hero of the night 🦸‍♀️🌙',
];

export interface GenerateRandomRewardsDeps {
  readonly users: UserRepository;
  readonly rewards: RewardRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly rules: RewardRules;
}

export interface GenerateRandomRewardsInput {
  /** Identifies the run (e.g. the scheduled event's id): a retried run creates nothing twice. */
  readonly runId: string;
  /** How many rewards to try to create. */
  readonly count: number;
  /** Seeded from the run id by the caller, so a retry replays the same choices. */
  readonly random: Random;
  /** Most users considered per run; keeps the run's cost bounded. */
  readonly maxUsers?: number;
}

export interface GenerateRandomRewardsResult {
  readonly created: Reward[];
  /** Rewards a previous attempt of the same run already created. */
  readonly replayed: number;
  readonly skipped: number;
}

const AMOUNT_STEP = 5;

/**
 * Creates a few random rewards between distinct users who still have allowance.
 * 1. load up to `maxUsers` profiles;
 * 2. for each reward: pick a giver with allowance left, an amount (1..5)×5 within it,
 *    another user as receiver and a demo message;
 * 3. give it through the same use case as `POST /rewards`, keyed `<runId>:<n>`.
 */
export const generateRandomRewards =
  (deps: GenerateRandomRewardsDeps) =>
  async (input: GenerateRandomRewardsInput): Promise<GenerateRandomRewardsResult> => {
    const users = await loadUsers(deps.users, input.maxUsers ?? 100);
    const result = { created: [] as Reward[], replayed: 0, skipped: 0 };
    if (users.length < 2) return { ...result, skipped: input.count };

    const month = monthKey(deps.clock.now());
    const left = new Map<string, number>();
    const spent = await Promise.all(users.map((user) => deps.rewards.spent(user.username, month)));
    users.forEach((user, index) => left.set(user.username, deps.rules.monthlyAllowance - spent[index]));
    const give = giveReward(deps);

    for (let n = 0; n < input.count; n += 1) {
      const givers = users.filter((user) => (left.get(user.username) ?? 0) >= AMOUNT_STEP);
      if (givers.length === 0) {
        result.skipped += input.count - n;
        break;
      }
      const giver = pick(input.random, givers);
      const maxSteps = Math.min(5, Math.floor((left.get(giver.username) ?? 0) / AMOUNT_STEP));
      const points = randomInt(input.random, 1, maxSteps) * AMOUNT_STEP;
      const receiver = pick(
        input.random,
        users.filter((user) => user.username !== giver.username),
      );
      const message = pick(input.random, DEMO_MESSAGES);
      try {
        const outcome = await give({
          giver: giver.username,
          body: { to: receiver.username, points, message },
          idempotencyKey: `${input.runId}:${n}`,
        });
        if (outcome.kind === 'created') {
          result.created.push(outcome.reward);
          left.set(giver.username, (left.get(giver.username) ?? 0) - points);
        } else {
          result.replayed += 1;
        }
      } catch (error) {
        // A rule broken by a concurrent change (allowance spent meanwhile, a retried run that
        // chose differently): skip this one, the run goes on.
        if (!(error instanceof DomainError) || error.code === 'service-unavailable') throw error;
        result.skipped += 1;
      }
    }
    return result;
  };

const loadUsers = async (repository: UserRepository, max: number): Promise<User[]> => {
  const users: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await repository.list({ limit: Math.min(100, max - users.length), cursor });
    users.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && users.length < max);
  return users;
};
