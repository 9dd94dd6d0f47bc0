import * as z from 'zod/mini';
import { PERIODS } from '../periods';
import { bffSchema, integerSchema, usernameSchema } from './user.schema';

export const periodSchema = /* @__PURE__ */ z
  .enum(PERIODS)
  .register(z.globalRegistry, { description: 'week (ISO, UTC), month (UTC) or all time' });

export const leaderboardEntrySchema = /* @__PURE__ */ z
  .object({
    rank: /* @__PURE__ */ integerSchema().register(z.globalRegistry, {
      description: 'Ties share a rank',
    }),
    username: usernameSchema,
    displayName: z.string(),
    avatar: z.optional(z.string()),
    points: /* @__PURE__ */ integerSchema(),
    bff: z.nullable(bffSchema),
  })
  .register(z.globalRegistry, { id: 'LeaderboardEntry' });
export type LeaderboardEntry = z.infer<typeof leaderboardEntrySchema>;

export const leaderboardSchema = /* @__PURE__ */ z
  .object({
    period: periodSchema,
    periodKey: z.string().register(z.globalRegistry, { example: '2026-W48' }),
    entries: z.array(leaderboardEntrySchema),
  })
  .register(z.globalRegistry, { id: 'Leaderboard' });
export type Leaderboard = z.infer<typeof leaderboardSchema>;
