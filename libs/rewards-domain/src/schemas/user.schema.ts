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

// Every schema is marked `@__PURE__`: building one has no effect but the schema (and its entry in
// zod's registry, which the OpenAPI document reads). A bundle drops the schemas it does not
// reference, so a function builds at its cold start only those it validates or documents.

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/** Names no profile may take: `/users/me` always means the caller. */
export const RESERVED_USERNAMES: readonly string[] = ['me'];

export const usernameSchema = /* @__PURE__ */ z
  .string()
  .check(
    z.regex(
      USERNAME_PATTERN,
      'must be 2-32 characters: a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
    ),
    z.refine((value: string) => !RESERVED_USERNAMES.includes(value), 'is reserved'),
  )
  .register(z.globalRegistry, { description: 'Lower-case handle', example: 'alex' });

export const displayNameSchema = /* @__PURE__ */ z
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
  .register(z.globalRegistry, { description: 'Name shown to colleagues', example: 'Alex Krause' });

export const avatarSchema = /* @__PURE__ */ z
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
  });

export const isoDateTimeSchema = /* @__PURE__ */ z.iso
  .datetime()
  .register(z.globalRegistry, { example: '2026-11-27T09:30:00.000Z' });

/** A whole number (the counters and points the API answers with). */
export const integerSchema = () => z.number().check(z.int());

export const userSchema = /* @__PURE__ */ z
  .object({
    username: usernameSchema,
    displayName: z.string(),
    avatar: z.optional(z.string()),
    createdAt: isoDateTimeSchema,
  })
  .register(z.globalRegistry, { id: 'User' });
export type User = z.infer<typeof userSchema>;

/** Body of `PUT /users/me`. */
export const profileInputSchema = /* @__PURE__ */ z
  .strictObject({
    displayName: displayNameSchema,
    avatar: z.optional(avatarSchema),
  })
  .register(z.globalRegistry, { id: 'ProfileInput' });
export type ProfileInput = z.infer<typeof profileInputSchema>;

export const bffSchema = /* @__PURE__ */ z
  .object({
    username: usernameSchema,
    displayName: z.string(),
    points: /* @__PURE__ */ integerSchema(),
  })
  .register(z.globalRegistry, {
    id: 'Bff',
    description: 'The colleague who gave this user the most points',
  });
export type Bff = z.infer<typeof bffSchema>;

export const userStatsSchema = /* @__PURE__ */ z.object({
  received: /* @__PURE__ */ integerSchema(),
  given: /* @__PURE__ */ integerSchema(),
  receivedThisMonth: /* @__PURE__ */ integerSchema(),
  givenThisMonth: /* @__PURE__ */ integerSchema(),
  allowanceLeft: z
    .optional(/* @__PURE__ */ integerSchema())
    .register(z.globalRegistry, { description: 'Only on your own profile' }),
});
export type UserStats = z.infer<typeof userStatsSchema>;

export const userProfileSchema = /* @__PURE__ */ z
  .extend(userSchema, { stats: userStatsSchema, bff: z.nullable(bffSchema) })
  .register(z.globalRegistry, { id: 'UserProfile' });
export type UserProfile = z.infer<typeof userProfileSchema>;
