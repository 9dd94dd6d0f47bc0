import { giveReward } from '../use-cases/give-reward';
import { createSeededDeps } from './fixtures';

/**
 * A small history whose leaderboards are worked out by hand in the tests. "Now" is Friday
 * 2026-11-27 (ISO week 2026-W48).
 *
 * | when       | week     | month   | giver     | receiver  | points |
 * |------------|----------|---------|-----------|-----------|--------|
 * | 2026-10-15 | 2026-W42 | 2026-10 | zuschauer | andreas   | 60     |
 * | 2026-11-20 | 2026-W47 | 2026-11 | andreas   | alex      | 50     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | alex      | markus    | 20     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | andreas   | markus    | 10     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | zuschauer | markus    | 10     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | markus    | alex      | 15     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | zuschauer | alex      | 15     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | alex      | andreas   | 30     |
 * | 2026-11-27 | 2026-W48 | 2026-11 | markus    | zuschauer | 5      |
 */
export const SAMPLE_HISTORY: ReadonlyArray<readonly [string, string, string, number]> = [
  ['2026-10-15T12:00:00.000Z', 'zuschauer', 'andreas', 60],
  ['2026-11-20T12:00:00.000Z', 'andreas', 'alex', 50],
  ['2026-11-27T08:00:00.000Z', 'alex', 'markus', 20],
  ['2026-11-27T08:01:00.000Z', 'andreas', 'markus', 10],
  ['2026-11-27T08:02:00.000Z', 'zuschauer', 'markus', 10],
  ['2026-11-27T08:03:00.000Z', 'markus', 'alex', 15],
  ['2026-11-27T08:04:00.000Z', 'zuschauer', 'alex', 15],
  ['2026-11-27T08:05:00.000Z', 'alex', 'andreas', 30],
  ['2026-11-27T08:06:00.000Z', 'markus', 'zuschauer', 5],
];

/** In-memory dependencies holding the scenario's rewards, with the clock at its "now". */
export const createHistoryDeps = async () => {
  const deps = await createSeededDeps();
  const give = giveReward(deps);
  for (const [when, giver, to, points] of SAMPLE_HISTORY) {
    deps.clock.set(when);
    await give({ giver, body: { to, points, message: `${giver} thanks ${to} 🙏` } });
  }
  deps.clock.set('2026-11-27T09:00:00.000Z');
  return deps;
};
