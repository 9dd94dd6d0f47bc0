import * as z from 'zod/mini';
import { PERIODS } from '../periods';
import { once } from './lazy';
import { bff, integerSchema, username } from './user.schema';

export const period = /* @__PURE__ */ once(() =>
  z
    .enum(PERIODS)
    .register(z.globalRegistry, { description: 'week (ISO, UTC), month (UTC) or all time' }),
);

const leaderboardEntry = /* @__PURE__ */ once(() =>
  z
    .object({
      rank: integerSchema().register(z.globalRegistry, { description: 'Ties share a rank' }),
      username: username(),
      displayName: z.string(),
      avatar: z.optional(z.string()),
      points: integerSchema(),
      bff: z.nullable(bff()),
    })
    .register(z.globalRegistry, { id: 'LeaderboardEntry' }),
);

const leaderboard = /* @__PURE__ */ once(() =>
  z
    .object({
      period: period(),
      periodKey: z.string().register(z.globalRegistry, { example: '2026-W48' }),
      entries: z.array(leaderboardEntry()),
    })
    .register(z.globalRegistry, { id: 'Leaderboard' }),
);

export const periodSchema = /* @__PURE__ */ z.lazy(period);

export const leaderboardEntrySchema = /* @__PURE__ */ z.lazy(leaderboardEntry);
export type LeaderboardEntry = z.infer<typeof leaderboardEntrySchema>;

export const leaderboardSchema = /* @__PURE__ */ z.lazy(leaderboard);
export type Leaderboard = z.infer<typeof leaderboardSchema>;
