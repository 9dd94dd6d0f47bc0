import * as z from 'zod';
import { DEFAULT_RULES, type RewardRules } from '../rules';
import {
  countGraphemes,
  hasControlCharacters,
  hasVisibleCharacter,
  isWellFormedText,
} from '../text';
import { isoDateTimeSchema, refuseHiddenCharacters, usernameSchema } from './user.schema';

export const pointsSchema = (rules: RewardRules = DEFAULT_RULES) =>
  z
    .number()
    .int('must be a whole number')
    .min(rules.minPoints, `must be at least ${rules.minPoints}`)
    .max(rules.maxPoints, `must be at most ${rules.maxPoints}`)
    .meta({ description: 'Points given', example: 10 });

export const messageSchema = (rules: RewardRules = DEFAULT_RULES) =>
  z
    .string()
    .trim()
    .refine(hasVisibleCharacter, 'must not be empty')
    .refine(isWellFormedText, 'must be well-formed text (no broken emoji)')
    .refine(
      (value) => countGraphemes(value) <= rules.maxMessageLength,
      `must be at most ${rules.maxMessageLength} characters (an emoji counts as one)`,
    )
    .refine(
      (value) => !hasControlCharacters(value),
      'must not contain control characters (newlines are fine)',
    )
    .superRefine(refuseHiddenCharacters)
    .meta({ description: 'Why; emoji welcome', example: 'Thanks for the great demo! 🎉' });

const bodySchemas = new WeakMap<RewardRules, ReturnType<typeof buildGiveRewardBodySchema>>();

const buildGiveRewardBodySchema = (rules: RewardRules) =>
  z.strictObject({
    to: usernameSchema,
    points: pointsSchema(rules),
    message: messageSchema(rules),
  });

/** Body of `POST /rewards`. The giver is always the caller, so `from` is refused. */
export const giveRewardBodySchema = (rules: RewardRules = DEFAULT_RULES) => {
  let schema = bodySchemas.get(rules);
  if (!schema) {
    schema = buildGiveRewardBodySchema(rules);
    bodySchemas.set(rules, schema);
  }
  return schema;
};
export type GiveRewardBody = z.infer<ReturnType<typeof giveRewardBodySchema>>;

export const rewardSchema = z
  .object({
    id: z
      .string()
      .meta({ description: 'ULID: sorts by creation time', example: '01JDQ4V6ZQ4N2K8X7B3M5C9T1R' }),
    from: usernameSchema,
    to: usernameSchema,
    points: z.number().int(),
    message: z.string(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'Reward' });
export type Reward = z.infer<typeof rewardSchema>;
