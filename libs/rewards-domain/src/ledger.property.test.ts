/**
 * Random histories of gifts, profile changes and clock moves, run through the use cases on the
 * in-memory fakes and checked against a model kept by the test: every outcome as predicted, and
 * the books balance in every week, month and all time.
 */
import fc from 'fast-check';
import { DomainError } from './errors';
import { periodKeysOf, type Period } from './periods';
import { DEFAULT_RULES } from './rules';
import { createInMemoryDeps } from './testing';
import { getLeaderboard, rankTallies } from './use-cases/get-leaderboard';
import { getProfile } from './use-cases/get-profile';
import { getFeed } from './use-cases/get-rewards';
import { giveReward } from './use-cases/give-reward';
import { registerProfile } from './use-cases/register-profile';

const RUNS = { seed: 48_2026, numRuns: 120 };
const ALLOWANCE = DEFAULT_RULES.monthlyAllowance;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const KEY_LIFETIME_MS = DAY;

const PEOPLE = ['alex', 'andreas', 'jana', 'markus', 'mia'] as const;
type Person = (typeof PEOPLE)[number];

/** Messages with whether the domain must accept them. */
const MESSAGES: ReadonlyArray<readonly [string, boolean]> = [
  ['Danke 🎉', true],
  ['  Thanks for the review 👩‍💻  ', true],
  ['Top 1️⃣ 🇩🇪', true],
  ['gave \u202Emarkus', false],
  ['Alex\u200B', false],
  ['   ', false],
];
const NAMES: ReadonlyArray<readonly [string, boolean]> = [
  ['Alex Krause', true],
  ['Jana 🐙', true],
  [' Mia ', true],
  ['Alex Krause\u200B', false],
  ['\u202Eanaj', false],
];

type Command =
  | { kind: 'gift'; giver: Person; to: Person; points: number; message: number; key?: string }
  | { kind: 'profile'; who: Person; name: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'edge'; of: 'week' | 'month' }
  | { kind: 'retry' };
type Gift = Extract<Command, { kind: 'gift' }>;

const commands = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('gift' as const),
        giver: fc.constantFrom(...PEOPLE),
        to: fc.constantFrom(...PEOPLE),
        points: fc.oneof(
          { weight: 9, arbitrary: fc.integer({ min: 1, max: 100 }) },
          { weight: 1, arbitrary: fc.constantFrom(0, 101) },
        ),
        // Mostly messages that pass, so that most gifts reach the ledger.
        message: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(0, 1, 2) },
          { weight: 1, arbitrary: fc.constantFrom(3, 4, 5) },
        ),
        key: fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined }),
      }),
    },
    // A client retrying its last request as it was: the same key and body.
    { weight: 2, arbitrary: fc.constant({ kind: 'retry' as const }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('profile' as const),
        who: fc.constantFrom(...PEOPLE),
        name: fc.nat({ max: NAMES.length - 1 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('wait' as const),
        ms: fc.constantFrom(1, MINUTE, 6 * 3_600_000, DAY, DAY + 1, 3 * DAY, 8 * DAY, 31 * DAY),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('edge' as const),
        of: fc.constantFrom('week' as const, 'month' as const),
      }),
    },
  ),
  { minLength: 5, maxLength: 50 },
);

/** Starts near the hard boundaries: ISO week 53 of 2026, a year end, the leap day of 2028. */
const starts = fc.constantFrom(
  '2026-12-27T23:59:59.999Z',
  '2026-12-31T23:00:00.000Z',
  '2027-01-03T23:59:00.000Z',
  '2028-02-28T22:00:00.000Z',
  '2026-11-27T09:00:00.000Z',
);

/** The last millisecond before the next UTC Monday or the next first of a month. */
const lastMsBefore = (of: 'week' | 'month', now: Date): Date => {
  if (of === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - 1);
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysToMonday = ((8 - now.getUTCDay()) % 7 || 7) * DAY;
  return new Date(midnight + daysToMonday - 1);
};

interface ModelReward {
  id: string;
  from: Person;
  to: Person;
  points: number;
  at: Date;
}

/** What the test believes: who has a profile, which rewards exist, which keys were used. */
class Model {
  readonly names = new Map<string, string>();
  readonly rewards: ModelReward[] = [];
  readonly keys = new Map<string, { fingerprint: string; id: string; at: number }>();

  sum(filter: (reward: ModelReward) => boolean): number {
    return this.rewards.filter(filter).reduce((total, reward) => total + reward.points, 0);
  }

  spent(giver: string, instant: Date): number {
    const month = periodKeysOf(instant).month;
    return this.sum((reward) => reward.from === giver && periodKeysOf(reward.at).month === month);
  }

  /** A key counts for 24 hours from the reward it gave; after that it is as good as new. */
  usedKey(giver: string, key: string, now: Date) {
    const used = this.keys.get(`${giver}#${key}`);
    return used && now.getTime() - used.at <= KEY_LIFETIME_MS ? used : undefined;
  }

  /** The outcome the rules promise for a gift, checked in the documented order. */
  expect(command: Gift, now: Date): string {
    const [message, valid] = MESSAGES[command.message] as readonly [string, boolean];
    if (!valid || command.points < 1 || command.points > 100) return 'ValidationError';
    if (command.giver === command.to) return 'SelfRewardError';
    if (command.key) {
      const used = this.usedKey(command.giver, command.key, now);
      const fingerprint = JSON.stringify([command.to, command.points, message.trim()]);
      if (used) return used.fingerprint === fingerprint ? 'replayed' : 'IdempotencyConflictError';
    }
    if (!this.names.has(command.giver)) return 'ProfileRequiredError';
    if (!this.names.has(command.to)) return 'NotFoundError';
    if (this.spent(command.giver, now) + command.points > ALLOWANCE) {
      return 'AllowanceExceededError';
    }
    return 'created';
  }
}

const outcomeOf = async (act: () => Promise<{ kind: string }>): Promise<string> => {
  try {
    return (await act()).kind;
  } catch (error) {
    if (error instanceof DomainError) return error.name;
    throw error;
  }
};

/** Runs one history, checking each step against the model; returns both for the invariants. */
const run = async (start: string, history: readonly Command[]) => {
  const deps = createInMemoryDeps({ now: start });
  const model = new Model();
  const give = giveReward(deps);
  const register = registerProfile(deps);
  // Most people start with a profile; one does not, so gifts to and from them are refused.
  for (const person of PEOPLE.slice(0, 4)) {
    await register({ caller: person, body: { displayName: person.toUpperCase() } });
    model.names.set(person, person.toUpperCase());
  }
  let last: Gift | undefined;
  for (const next of history) {
    const command = next.kind === 'retry' ? last : next;
    if (!command) continue;
    const now = deps.clock.now();
    if (command.kind === 'wait') deps.clock.advance(command.ms);
    else if (command.kind === 'edge') deps.clock.set(lastMsBefore(command.of, now));
    else if (command.kind === 'profile') {
      const [name, valid] = NAMES[command.name] as readonly [string, boolean];
      const outcome = await outcomeOf(async () => {
        await register({ caller: command.who, body: { displayName: name } });
        return { kind: 'saved' };
      });
      expect(outcome).toBe(valid ? 'saved' : 'ValidationError');
      if (valid) model.names.set(command.who, name.trim());
    } else {
      last = command;
      const expected = model.expect(command, now);
      const [message] = MESSAGES[command.message] as readonly [string, boolean];
      let id = '';
      const outcome = await outcomeOf(async () => {
        const result = await give({
          giver: command.giver,
          body: { to: command.to, points: command.points, message },
          idempotencyKey: command.key,
        });
        id = result.reward.id;
        return result;
      });
      expect(outcome).toBe(expected);
      if (outcome === 'replayed') {
        expect(id).toBe(model.usedKey(command.giver, command.key ?? '', now)?.id);
      }
      if (outcome === 'created') {
        model.rewards.push({
          id,
          from: command.giver,
          to: command.to,
          points: command.points,
          at: now,
        });
        if (command.key) {
          const fingerprint = JSON.stringify([command.to, command.points, message.trim()]);
          model.keys.set(`${command.giver}#${command.key}`, { fingerprint, id, at: now.getTime() });
        }
      }
    }
  }
  return { deps, model };
};

type Deps = Awaited<ReturnType<typeof run>>['deps'];

/** Every reward in the feed, following the cursor. */
const wholeFeed = async (deps: Deps) => {
  const rewards = [];
  let cursor: string | undefined;
  do {
    const page = await getFeed(deps)({ limit: 7, cursor });
    rewards.push(...page.rewards);
    cursor = page.nextCursor;
  } while (cursor);
  return rewards;
};

/** Top giver to `receiver` among `rewards`: most points, ties to the first username. */
const argmaxGiver = (rewards: readonly ModelReward[], receiver: string) => {
  const byGiver = new Map<string, number>();
  for (const reward of rewards) {
    if (reward.to === receiver)
      byGiver.set(reward.from, (byGiver.get(reward.from) ?? 0) + reward.points);
  }
  const [best] = [...byGiver].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return best ? { username: best[0], points: best[1] } : null;
};

describe('the rewards ledger (property)', () => {
  it('predicts every outcome and balances the books in every week, month and all time', async () => {
    await fc.assert(
      fc.asyncProperty(starts, commands, async (start, history) => {
        // Arrange + Act
        const { deps, model } = await run(start, history);

        // Assert: the feed holds exactly the rewards the model accepted, newest first
        const feed = await wholeFeed(deps);
        expect(feed.map((reward) => reward.id)).toEqual(
          model.rewards.map((reward) => reward.id).reverse(),
        );

        // Assert: per period the board, the givers' totals and the feed agree
        const instants = [deps.clock.now(), ...model.rewards.map((reward) => reward.at)];
        for (const instant of instants) {
          deps.clock.set(instant);
          const keys = periodKeysOf(instant);
          for (const period of ['week', 'month', 'all'] as Period[]) {
            const inPeriod = model.rewards.filter(
              (reward) => periodKeysOf(reward.at)[period] === keys[period],
            );
            const board = await getLeaderboard(deps)({ period, limit: 50 });
            const boardTotal = board.entries.reduce((total, entry) => total + entry.points, 0);
            expect(boardTotal).toBe(inPeriod.reduce((total, reward) => total + reward.points, 0));
            for (const entry of board.entries) {
              expect(entry.points).toBe(
                model.sum((r) => inPeriod.includes(r) && r.to === entry.username),
              );
              expect(entry.displayName).toBe(model.names.get(entry.username));
              const bff = argmaxGiver(inPeriod, entry.username);
              expect(
                entry.bff && { username: entry.bff.username, points: entry.bff.points },
              ).toEqual(bff);
              if (entry.bff)
                expect(entry.bff.displayName).toBe(model.names.get(entry.bff.username));
            }
          }
          let givenThisMonth = 0;
          for (const person of model.names.keys()) {
            const profile = await getProfile(deps)({ username: person, caller: person });
            const month = (r: ModelReward) => periodKeysOf(r.at).month === keys.month;
            expect(profile.stats).toEqual({
              received: model.sum((r) => r.to === person),
              given: model.sum((r) => r.from === person),
              receivedThisMonth: model.sum((r) => r.to === person && month(r)),
              givenThisMonth: model.sum((r) => r.from === person && month(r)),
              allowanceLeft: ALLOWANCE - model.sum((r) => r.from === person && month(r)),
            });
            expect(
              profile.bff && { username: profile.bff.username, points: profile.bff.points },
            ).toEqual(argmaxGiver(model.rewards, person));
            givenThisMonth += profile.stats.givenThisMonth;
          }
          // received = given = the feed, for the month
          expect(givenThisMonth).toBe(
            feed
              .filter((r) => r.createdAt.slice(0, 7) === keys.month)
              .reduce((t, r) => t + r.points, 0),
          );
        }

        // Assert: no giver ever went over the allowance in any month
        for (const reward of model.rewards) {
          expect(model.spent(reward.from, reward.at)).toBeLessThanOrEqual(ALLOWANCE);
        }
      }),
      RUNS,
    );
  });

  it('ranks the board by points, then username, with shared competition ranks at any limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        starts,
        commands,
        fc.integer({ min: 1, max: 6 }),
        async (start, history, limit) => {
          // Arrange
          const { deps, model } = await run(start, history);
          const received = new Map<string, number>();
          for (const reward of model.rewards) {
            received.set(reward.to, (received.get(reward.to) ?? 0) + reward.points);
          }

          // Act
          const board = await getLeaderboard(deps)({ period: 'all', limit });

          // Assert: the first `limit` of the full order, each ranked 1 + those strictly ahead
          const order = [...received].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
          expect(board.entries.map((entry) => [entry.username, entry.points])).toEqual(
            order.slice(0, limit),
          );
          for (const entry of board.entries) {
            expect(entry.rank).toBe(1 + order.filter(([, points]) => points > entry.points).length);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('rankTallies (property)', () => {
  it('sorts by points then username and gives tied tallies the same rank', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            username: fc.stringMatching(/^[a-z]{2,6}$/),
            points: fc.integer({ min: 1, max: 9 }),
          }),
          { selector: (tally) => tally.username, maxLength: 12 },
        ),
        (tallies) => {
          // Act
          const ranked = rankTallies(tallies);

          // Assert
          expect(ranked).toHaveLength(tallies.length);
          ranked.forEach((tally, index) => {
            const ahead = tallies.filter((other) => other.points > tally.points).length;
            expect(tally.rank).toBe(ahead + 1);
            const next = ranked[index + 1];
            if (next) {
              expect(
                next.points < tally.points ||
                  (next.points === tally.points && next.username > tally.username),
              ).toBe(true);
            }
          });
        },
      ),
      RUNS,
    );
  });
});
