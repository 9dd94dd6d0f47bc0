import * as z from 'zod';
import { USERNAME_PATTERN, userSchema, usernameSchema } from './user.schema';
import { rewardSchema } from './reward.schema';
import { periodSchema } from './leaderboard.schema';

const limitSchema = (max: number, fallback: number) =>
  z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(fallback);

const cursorSchema = z
  .string()
  .min(1)
  .max(2048)
  .meta({ description: 'Opaque: pass nextCursor back' });

/** Query of `GET /users`. */
export const listUsersQuerySchema = z.strictObject({
  limit: limitSchema(100, 20),
  cursor: cursorSchema.optional(),
  usernames: z
    .string()
    .transform((value) => [
      ...new Set(
        value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().regex(USERNAME_PATTERN, 'each must be a valid username'))
        .min(1, 'must name at least one user')
        .max(100, 'must name at most 100 users'),
    )
    .optional()
    .meta({ description: 'Comma-separated usernames to fetch in one call (≤ 100)' }),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/** Query of `GET /rewards`. */
export const feedQuerySchema = z.strictObject({
  limit: limitSchema(100, 20),
  cursor: cursorSchema.optional(),
  to: usernameSchema.optional(),
  from: usernameSchema.optional(),
});
export type FeedQuery = z.infer<typeof feedQuerySchema>;

/** Query of `GET /leaderboard`. */
export const leaderboardQuerySchema = z.strictObject({
  period: periodSchema.default('week'),
  limit: limitSchema(50, 10),
});
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

export const usernameParamsSchema = z.strictObject({ username: usernameSchema });
export const rewardIdParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a reward id (ULID)'),
});

export const userListSchema = z
  .object({ users: z.array(userSchema), nextCursor: z.string().optional() })
  .meta({ id: 'UserList' });
export type UserList = z.infer<typeof userListSchema>;

export const userBatchSchema = z
  .object({ users: z.array(userSchema), missing: z.array(z.string()) })
  .meta({ id: 'UserBatch' });
export type UserBatch = z.infer<typeof userBatchSchema>;

export const rewardListSchema = z
  .object({ rewards: z.array(rewardSchema), nextCursor: z.string().optional() })
  .meta({ id: 'RewardList' });
export type RewardList = z.infer<typeof rewardListSchema>;

export const apiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation-failed' }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export const healthSchema = z
  .object({ status: z.literal('ok'), version: z.string(), stage: z.string(), time: z.string() })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof healthSchema>;
