import * as z from 'zod/mini';
import { DEFAULT_RULES, type RewardRules } from '../rules';
import {
  countGraphemes,
  hasControlCharacters,
  hasVisibleCharacter,
  isWellFormedText,
} from '../text';
import { once } from './lazy';
import { integerSchema, isoDateTime, refuseHiddenCharacters, username } from './user.schema';

export const pointsSchema = (rules: RewardRules = DEFAULT_RULES) =>
  z
    .number()
    .check(
      z.int('must be a whole number'),
      z.minimum(rules.minPoints, `must be at least ${rules.minPoints}`),
      z.maximum(rules.maxPoints, `must be at most ${rules.maxPoints}`),
    )
    .register(z.globalRegistry, { description: 'Points given', example: 10 });

export const messageSchema = (rules: RewardRules = DEFAULT_RULES) =>
  z
    .string()
    .check(
      z.trim(),
      z.refine(hasVisibleCharacter, 'must not be empty'),
      z.refine(isWellFormedText, 'must be well-formed text (no broken emoji)'),
      z.refine(
        (value: string) => countGraphemes(value) <= rules.maxMessageLength,
        `must be at most ${rules.maxMessageLength} characters (an emoji counts as one)`,
      ),
      z.refine(
        (value: string) => !hasControlCharacters(value),
        'must not contain control characters (newlines are fine)',
      ),
      z.superRefine(refuseHiddenCharacters),
    )
    .register(z.globalRegistry, {
      description: 'Why; emoji welcome',
      example: 'Thanks for the great demo! 🎉',
    });

const bodySchemas = new WeakMap<RewardRules, ReturnType<typeof buildGiveRewardBodySchema>>();

const buildGiveRewardBodySchema = (rules: RewardRules) =>
  z.strictObject({
    to: username(),
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

export const reward = /* @__PURE__ */ once(() =>
  z
    .object({
      id: z.string().register(z.globalRegistry, {
        description: 'ULID: sorts by creation time',
        example: '01JDQ4V6ZQ4N2K8X7B3M5C9T1R',
      }),
      from: username(),
      to: username(),
      points: integerSchema(),
      message: z.string(),
      createdAt: isoDateTime(),
    })
    .register(z.globalRegistry, { id: 'Reward' }),
);
export const rewardSchema = /* @__PURE__ */ z.lazy(reward);
export type Reward = z.infer<typeof rewardSchema>;
