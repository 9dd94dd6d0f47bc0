import * as z from 'zod/mini';
import { once } from './lazy';
import { USERNAME_PATTERN, user, username } from './user.schema';
import { reward } from './reward.schema';
import { period } from './leaderboard.schema';

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

const cursor = /* @__PURE__ */ once(() =>
  z
    .string()
    .check(z.minLength(1), z.maxLength(2048))
    .register(z.globalRegistry, { description: 'Opaque: pass nextCursor back' }),
);

const listUsersQuery = /* @__PURE__ */ once(() =>
  z.strictObject({
    limit: limitSchema(100, 20),
    cursor: z.optional(cursor()),
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
  }),
);

const feedQuery = /* @__PURE__ */ once(() =>
  z.strictObject({
    limit: limitSchema(100, 20),
    cursor: z.optional(cursor()),
    to: z.optional(username()),
    from: z.optional(username()),
  }),
);

const leaderboardQuery = /* @__PURE__ */ once(() =>
  z.strictObject({ period: z._default(period(), 'week'), limit: limitSchema(50, 10) }),
);

const usernameParams = /* @__PURE__ */ once(() => z.strictObject({ username: username() }));

const rewardIdParams = /* @__PURE__ */ once(() =>
  z.strictObject({
    id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a reward id (ULID)')),
  }),
);

const userList = /* @__PURE__ */ once(() =>
  z
    .object({ users: z.array(user()), nextCursor: z.optional(z.string()) })
    .register(z.globalRegistry, { id: 'UserList' }),
);

const userBatch = /* @__PURE__ */ once(() =>
  z
    .object({ users: z.array(user()), missing: z.array(z.string()) })
    .register(z.globalRegistry, { id: 'UserBatch' }),
);

const rewardList = /* @__PURE__ */ once(() =>
  z
    .object({ rewards: z.array(reward()), nextCursor: z.optional(z.string()) })
    .register(z.globalRegistry, { id: 'RewardList' }),
);

const apiErrorBody = /* @__PURE__ */ once(() =>
  z
    .object({
      error: z.object({
        code: z.string().register(z.globalRegistry, { example: 'validation-failed' }),
        message: z.string(),
        details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
      }),
    })
    .register(z.globalRegistry, { id: 'Error' }),
);

const health = /* @__PURE__ */ once(() =>
  z
    .object({ status: z.literal('ok'), version: z.string(), stage: z.string(), time: z.string() })
    .register(z.globalRegistry, { id: 'Health' }),
);

/** Query of `GET /users`. */
export const listUsersQuerySchema = /* @__PURE__ */ z.lazy(listUsersQuery);
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/** Query of `GET /rewards`. */
export const feedQuerySchema = /* @__PURE__ */ z.lazy(feedQuery);
export type FeedQuery = z.infer<typeof feedQuerySchema>;

/** Query of `GET /leaderboard`. */
export const leaderboardQuerySchema = /* @__PURE__ */ z.lazy(leaderboardQuery);
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

export const usernameParamsSchema = /* @__PURE__ */ z.lazy(usernameParams);
export const rewardIdParamsSchema = /* @__PURE__ */ z.lazy(rewardIdParams);

export const userListSchema = /* @__PURE__ */ z.lazy(userList);
export type UserList = z.infer<typeof userListSchema>;

export const userBatchSchema = /* @__PURE__ */ z.lazy(userBatch);
export type UserBatch = z.infer<typeof userBatchSchema>;

export const rewardListSchema = /* @__PURE__ */ z.lazy(rewardList);
export type RewardList = z.infer<typeof rewardListSchema>;

export const apiErrorBodySchema = /* @__PURE__ */ z.lazy(apiErrorBody);
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export const healthSchema = /* @__PURE__ */ z.lazy(health);
export type Health = z.infer<typeof healthSchema>;
