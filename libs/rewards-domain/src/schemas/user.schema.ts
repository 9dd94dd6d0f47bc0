import * as z from 'zod/mini';
import {
  AVATAR_MAX_BYTES,
  MAX_CODE_POINTS_PER_CHARACTER,
  countGraphemes,
  findOverlongCharacter,
  hasControlCharacters,
  hasVisibleCharacter,
  hiddenCharacterProblem,
  isEmojiSequence,
  isWellFormedText,
  utf8Length,
} from '../text';
import { once } from './lazy';

/**
 * Refuses text that reads differently from what it shows (bidi controls, invisible characters)
 * or that a character count would understate (a character of more than 10 code points). Text
 * with nothing visible at all is already "empty", which says it better.
 */
export const refuseHiddenCharacters = (value: string, ctx: z.core.$RefinementCtx<string>) => {
  const problem = hasVisibleCharacter(value) ? hiddenCharacterProblem(value) : undefined;
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  const overlong = findOverlongCharacter(value);
  if (overlong) {
    const message = `must not build one character from more than ${MAX_CODE_POINTS_PER_CHARACTER} code points (character ${overlong})`;
    ctx.addIssue({ code: 'custom', message, input: value });
  }
};

// Every schema is built on first use (`once`) and exported as `z.lazy` over its builder; both
// are marked `@__PURE__`, so a bundle drops the schemas it does not reference, and a function
// builds none at its cold start: a schema is made, and joins zod's registry (which the OpenAPI
// document reads), the first time something parses with it or documents it.

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/** Names no profile may take: `/users/me` always means the caller. */
export const RESERVED_USERNAMES: readonly string[] = ['me'];

/** Builders of the schemas, each run once: the schemas below are `z.lazy` over them. */
export const username = /* @__PURE__ */ once(() =>
  z
    .string()
    .check(
      z.regex(
        USERNAME_PATTERN,
        'must be 2-32 characters: a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
      ),
      z.refine((value: string) => !RESERVED_USERNAMES.includes(value), 'is reserved'),
    )
    .register(z.globalRegistry, { description: 'Lower-case handle', example: 'alex' }),
);

const displayName = /* @__PURE__ */ once(() =>
  z
    .string()
    .check(
      z.trim(),
      z.refine(hasVisibleCharacter, 'must not be empty'),
      z.refine(isWellFormedText, 'must be well-formed text'),
      z.refine((value: string) => countGraphemes(value) <= 64, 'must be at most 64 characters'),
      z.refine(
        (value: string) => !hasControlCharacters(value) && !value.includes('\n'),
        'must not contain control characters',
      ),
      z.superRefine(refuseHiddenCharacters),
    )
    .register(z.globalRegistry, {
      description: 'Name shown to colleagues',
      example: 'Alex Krause',
    }),
);

const avatar = /* @__PURE__ */ once(() =>
  z
    .string()
    .check(
      z.superRefine((value: string, ctx) => {
        const message = !(countGraphemes(value) === 1 && isEmojiSequence(value))
          ? 'must be a single emoji'
          : utf8Length(value) > AVATAR_MAX_BYTES
            ? `must be at most ${AVATAR_MAX_BYTES} bytes of UTF-8`
            : undefined;
        if (message) ctx.addIssue({ code: 'custom', message, input: value });
      }),
    )
    .register(z.globalRegistry, {
      description: `One emoji sequence (keycap, flag, ZWJ, modifier or VS16), at most ${AVATAR_MAX_BYTES} bytes`,
      example: '🦊',
    }),
);

export const isoDateTime = /* @__PURE__ */ once(() =>
  z.iso.datetime().register(z.globalRegistry, { example: '2026-11-27T09:30:00.000Z' }),
);

/** A whole number (the counters and points the API answers with). */
export const integerSchema = () => z.number().check(z.int());

export const user = /* @__PURE__ */ once(() =>
  z
    .object({
      username: username(),
      displayName: z.string(),
      avatar: z.optional(z.string()),
      createdAt: isoDateTime(),
    })
    .register(z.globalRegistry, { id: 'User' }),
);

const profileInput = /* @__PURE__ */ once(() =>
  z
    .strictObject({ displayName: displayName(), avatar: z.optional(avatar()) })
    .register(z.globalRegistry, { id: 'ProfileInput' }),
);

export const bff = /* @__PURE__ */ once(() =>
  z
    .object({ username: username(), displayName: z.string(), points: integerSchema() })
    .register(z.globalRegistry, {
      id: 'Bff',
      description: 'The colleague who gave this user the most points',
    }),
);

const userStats = /* @__PURE__ */ once(() =>
  z.object({
    received: integerSchema(),
    given: integerSchema(),
    receivedThisMonth: integerSchema(),
    givenThisMonth: integerSchema(),
    allowanceLeft: z
      .optional(integerSchema())
      .register(z.globalRegistry, { description: 'Only on your own profile' }),
  }),
);

const userProfile = /* @__PURE__ */ once(() =>
  z
    .extend(user(), { stats: userStats(), bff: z.nullable(bff()) })
    .register(z.globalRegistry, { id: 'UserProfile' }),
);

export const usernameSchema = /* @__PURE__ */ z.lazy(username);
export const displayNameSchema = /* @__PURE__ */ z.lazy(displayName);
export const avatarSchema = /* @__PURE__ */ z.lazy(avatar);

export const userSchema = /* @__PURE__ */ z.lazy(user);
export type User = z.infer<typeof userSchema>;

/** Body of `PUT /users/me`. */
export const profileInputSchema = /* @__PURE__ */ z.lazy(profileInput);
export type ProfileInput = z.infer<typeof profileInputSchema>;

export const bffSchema = /* @__PURE__ */ z.lazy(bff);
export type Bff = z.infer<typeof bffSchema>;

export const userStatsSchema = /* @__PURE__ */ z.lazy(userStats);
export type UserStats = z.infer<typeof userStatsSchema>;

export const userProfileSchema = /* @__PURE__ */ z.lazy(userProfile);
export type UserProfile = z.infer<typeof userProfileSchema>;
