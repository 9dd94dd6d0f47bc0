import { AllowanceExceededError, DomainError } from '../errors';
import { monthKey } from '../periods';
import type {
  Clock,
  GiveRewardOutcome,
  IdGenerator,
  Random,
  RewardRepository,
  UserRepository,
} from '../ports';
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

/** Whose keys the generator's gifts use: not a username, so never one of a user's keys. */
export const GENERATOR_KEY_SCOPE = '@generator';

/**
 * Creates a few random rewards between distinct users who still have allowance.
 * 1. load up to `maxUsers` profiles and what each has left to give this month;
 * 2. for each reward: a giver, an amount (1..5)×5 within the rules, another user as receiver
 *    and a demo message, all drawn from `random` alone;
 * 3. give it through the same use case as `POST /rewards`, keyed `<runId>:<n>` in the
 *    generator's own key scope; when the giver has less left than drawn, give what is left (in
 *    steps of 5) instead.
 *
 * The key of gift `n` is the run's, not the chosen giver's, and is written in the gift's
 * transaction: a retried run replays gift `n` whoever it draws this time — a profile created or
 * an allowance spent between two deliveries changes the draws, never the number of gifts.
 */
export const generateRandomRewards =
  (deps: GenerateRandomRewardsDeps) =>
  async (input: GenerateRandomRewardsInput): Promise<GenerateRandomRewardsResult> => {
    const users = await loadUsers(deps.users, input.maxUsers ?? 100);
    const result = { created: [] as Reward[], replayed: 0, skipped: 0 };
    const lowestStep = Math.max(1, Math.ceil(deps.rules.minPoints / AMOUNT_STEP));
    const highestStep = Math.min(5, Math.floor(deps.rules.maxPoints / AMOUNT_STEP));
    if (users.length < 2 || lowestStep > highestStep) return { ...result, skipped: input.count };

    const month = monthKey(deps.clock.now());
    const left = new Map<string, number>();
    const spent = await Promise.all(users.map((user) => deps.rewards.spent(user.username, month)));
    users.forEach((user, index) =>
      left.set(user.username, deps.rules.monthlyAllowance - spent[index]),
    );
    const leftOf = (username: string) => left.get(username) ?? 0;
    const smallest = lowestStep * AMOUNT_STEP;
    const give = giveReward(deps);

    for (let n = 0; n < input.count; n += 1) {
      if (!users.some((user) => leftOf(user.username) >= smallest)) {
        result.skipped += input.count - n;
        break;
      }
      const giver = pick(input.random, users).username;
      const drawn = randomInt(input.random, lowestStep, highestStep) * AMOUNT_STEP;
      const receiver = pick(
        input.random,
        users.filter((user) => user.username !== giver),
      ).username;
      const message = pick(input.random, DEMO_MESSAGES);
      if (leftOf(giver) < smallest) {
        result.skipped += 1;
        continue;
      }
      const attempt = (points: number) =>
        give({
          giver,
          body: { to: receiver, points, message },
          idempotencyKey: `${input.runId}:${n}`,
          idempotencyScope: GENERATOR_KEY_SCOPE,
        });
      try {
        let outcome: GiveRewardOutcome;
        try {
          outcome = await attempt(drawn);
        } catch (error) {
          const fits = error instanceof AllowanceExceededError ? stepsWithin(error.left) : 0;
          if (fits < smallest) throw error;
          outcome = await attempt(fits);
        }
        if (outcome.kind === 'created') {
          result.created.push(outcome.reward);
          left.set(giver, leftOf(giver) - outcome.reward.points);
        } else {
          result.replayed += 1;
        }
      } catch (error) {
        // A rule broken by a concurrent change (allowance spent meanwhile, a retried run that
        // chose differently): skip this one, the run goes on.
        if (!(error instanceof DomainError) || error.code === 'service-unavailable') throw error;
        if (error instanceof AllowanceExceededError) left.set(giver, error.left);
        result.skipped += 1;
      }
    }
    return result;
  };

/** The largest multiple of the step that fits in what is left. */
const stepsWithin = (left: number) => Math.floor(left / AMOUNT_STEP) * AMOUNT_STEP;

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
