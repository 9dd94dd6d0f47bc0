import * as z from 'zod';
import { PERIODS } from '../periods';
import { bffSchema, usernameSchema } from './user.schema';

export const periodSchema = z
  .enum(PERIODS)
  .meta({ description: 'week (ISO, UTC), month (UTC) or all time' });

export const leaderboardEntrySchema = z
  .object({
    rank: z.number().int().meta({ description: 'Ties share a rank' }),
    username: usernameSchema,
    displayName: z.string(),
    avatar: z.string().optional(),
    points: z.number().int(),
    bff: bffSchema.nullable(),
  })
  .meta({ id: 'LeaderboardEntry' });
export type LeaderboardEntry = z.infer<typeof leaderboardEntrySchema>;

export const leaderboardSchema = z
  .object({
    period: periodSchema,
    periodKey: z.string().meta({ example: '2026-W48' }),
    entries: z.array(leaderboardEntrySchema),
  })
  .meta({ id: 'Leaderboard' });
export type Leaderboard = z.infer<typeof leaderboardSchema>;
