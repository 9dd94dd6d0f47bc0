import * as z from 'zod/mini';
import { USERNAME_PATTERN, userSchema, usernameSchema } from './user.schema';
import { rewardSchema } from './reward.schema';
import { periodSchema } from './leaderboard.schema';

const limitSchema = (max: number, fallback: number) =>
  z._default(
    z.coerce
      .number()
      .check(
        z.int('must be a whole number'),
        z.minimum(1, 'must be at least 1'),
        z.maximum(max, `must be at most ${max}`),
      ),
    fallback,
  );

const cursorSchema = /* @__PURE__ */ z
  .string()
  .check(z.minLength(1), z.maxLength(2048))
  .register(z.globalRegistry, { description: 'Opaque: pass nextCursor back' });

/** Query of `GET /users`. */
export const listUsersQuerySchema = /* @__PURE__ */ z.strictObject({
  limit: limitSchema(100, 20),
  cursor: z.optional(cursorSchema),
  usernames: z
    .optional(
      z.pipe(
        z.pipe(
          z.string(),
          z.transform((value: string) => [
            ...new Set(
              value
                .split(',')
                .map((name) => name.trim())
                .filter(Boolean),
            ),
          ]),
        ),
        z
          .array(z.string().check(z.regex(USERNAME_PATTERN, 'each must be a valid username')))
          .check(
            z.minLength(1, 'must name at least one user'),
            z.maxLength(100, 'must name at most 100 users'),
          ),
      ),
    )
    .register(z.globalRegistry, {
      description: 'Comma-separated usernames to fetch in one call (≤ 100)',
    }),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/** Query of `GET /rewards`. */
export const feedQuerySchema = /* @__PURE__ */ z.strictObject({
  limit: limitSchema(100, 20),
  cursor: z.optional(cursorSchema),
  to: z.optional(usernameSchema),
  from: z.optional(usernameSchema),
});
export type FeedQuery = z.infer<typeof feedQuerySchema>;

/** Query of `GET /leaderboard`. */
export const leaderboardQuerySchema = /* @__PURE__ */ z.strictObject({
  period: z._default(periodSchema, 'week'),
  limit: limitSchema(50, 10),
});
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

export const usernameParamsSchema = /* @__PURE__ */ z.strictObject({ username: usernameSchema });
export const rewardIdParamsSchema = /* @__PURE__ */ z.strictObject({
  id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a reward id (ULID)')),
});

export const userListSchema = /* @__PURE__ */ z
  .object({ users: z.array(userSchema), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'UserList' });
export type UserList = z.infer<typeof userListSchema>;

export const userBatchSchema = /* @__PURE__ */ z
  .object({ users: z.array(userSchema), missing: z.array(z.string()) })
  .register(z.globalRegistry, { id: 'UserBatch' });
export type UserBatch = z.infer<typeof userBatchSchema>;

export const rewardListSchema = /* @__PURE__ */ z
  .object({ rewards: z.array(rewardSchema), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'RewardList' });
export type RewardList = z.infer<typeof rewardListSchema>;

export const apiErrorBodySchema = /* @__PURE__ */ z
  .object({
    error: z.object({
      code: z.string().register(z.globalRegistry, { example: 'validation-failed' }),
      message: z.string(),
      details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    }),
  })
  .register(z.globalRegistry, { id: 'Error' });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export const healthSchema = /* @__PURE__ */ z
  .object({ status: z.literal('ok'), version: z.string(), stage: z.string(), time: z.string() })
  .register(z.globalRegistry, { id: 'Health' });
export type Health = z.infer<typeof healthSchema>;
