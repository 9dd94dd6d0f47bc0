import fc from 'fast-check';
import { createRules } from './rules';
import { messageSchema } from './schemas/reward.schema';
import { avatarSchema, displayNameSchema } from './schemas/user.schema';
import { countGraphemes, findHiddenCharacter, isSingleEmoji } from './text';

const RUNS = { seed: 280_2026, numRuns: 200 };

/** Emoji sequences of every kind the avatar rule names. */
const EMOJI = [
  '🦊',
  '🎉',
  '⭐',
  '👩‍💻',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🐻‍❄️',
  '❤️',
  '❤️‍🔥',
  '👍🏽',
  '☝🏿',
  '🇩🇪',
  '🇯🇵',
  '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  '1️⃣',
  '#️⃣',
  '*️⃣',
];

/** One user-perceived character each, none of which merges with its neighbours. */
const units = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...'abcxyzABCXYZ019.,!?-'.split('')) },
  { weight: 2, arbitrary: fc.constant(' ') },
  { weight: 1, arbitrary: fc.constantFrom('ü', 'ß', 'é', 'e\u0301', 'Ω', 'ж', '한', '葛', 'ก') },
  { weight: 3, arbitrary: fc.constantFrom(...EMOJI) },
);
const text = (maxLength: number) => fc.array(units, { minLength: 1, maxLength });
/** Also words whose joiners are part of their spelling (Persian ZWNJ, a Devanagari conjunct). */
const words = (maxLength: number) =>
  fc.array(fc.oneof(units, fc.constantFrom('می\u200Cخواهم', 'क्\u200Dष')), {
    minLength: 1,
    maxLength,
  });

/** Characters that hide what text says wherever they stand outside an emoji sequence. */
const HIDDEN = [
  ...'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C',
  ...'\u200B\u2060\u2061\u2062\u2063\u2064\uFEFF\u00AD\u180E\u2028\u2029\u2800\u3164',
  '\u{E0001}',
  '\u{E0041}',
  '\u{E007F}',
];
// A joiner or a variation selector is stray after a Latin letter: it shapes nothing there.
const STRAY = ['x\u200D', 'x\u200C', 'x\uFE0F', 'x\uFE0E', '\u200Dx', '\u200Cx'];
const hidden = fc.constantFrom(...HIDDEN, ...STRAY);

describe('text rules (property)', () => {
  it('refuses a name or message with a bidi or invisible character outside an emoji sequence', () => {
    fc.assert(
      fc.property(words(20), words(20), hidden, (before, after, char) => {
        // Arrange: visible text on both sides, so that trimming cannot take the character away
        const value = `a${before.join('')}${char}${after.join('')}a`;

        // Act
        const name = displayNameSchema.safeParse(value);
        const message = messageSchema().safeParse(value);

        // Assert
        expect(findHiddenCharacter(value)).toBeDefined();
        expect(message.success).toBe(false);
        expect(message.error?.issues.map((issue) => issue.message)).toContainEqual(
          expect.stringMatching(
            /^must not contain U\+[0-9A-F]{4,5} \(an? [a-z -]+\) at character \d+$/,
          ),
        );
        expect(name.success).toBe(false);
      }),
      RUNS,
    );
  });

  it('accepts text of letters, spaces and emoji sequences, and counts each sequence once', () => {
    fc.assert(
      fc.property(text(64), (parts) => {
        // Arrange
        const value = parts.join('');
        const trimmed = value.trim();

        // Act
        const message = messageSchema().safeParse(value);

        // Assert
        expect(countGraphemes(value)).toBe(parts.length);
        expect(findHiddenCharacter(value)).toBeUndefined();
        if (trimmed === '') {
          expect(message.success).toBe(false);
        } else {
          expect(message.data).toBe(trimmed);
          expect(displayNameSchema.parse(value)).toBe(trimmed);
        }
      }),
      RUNS,
    );
  });

  it('accepts joiners that are part of a word, wherever the word stands', () => {
    fc.assert(
      fc.property(words(30), (parts) => {
        // Arrange
        const value = `a${parts.join('')}`;

        // Act + Assert
        expect(findHiddenCharacter(value)).toBeUndefined();
        expect(messageSchema().safeParse(value).success).toBe(true);
      }),
      RUNS,
    );
  });

  it('trims first, then counts user-perceived characters against the limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(' ', '\n'), maxLength: 4 }),
        text(12),
        fc.string({ unit: fc.constantFrom(' ', '\n'), maxLength: 4 }),
        fc.integer({ min: 1, max: 12 }),
        (lead, parts, trail, limit) => {
          // Arrange: the parts start and end with something visible
          const body = `a${parts.join('')}a`;
          const schema = messageSchema(createRules({ maxMessageLength: limit }));

          // Act
          const result = schema.safeParse(`${lead}${body}${trail}`);

          // Assert
          expect(result.success).toBe(countGraphemes(body) <= limit);
          if (result.success) expect(result.data).toBe(body);
        },
      ),
      RUNS,
    );
  });

  it('accepts one emoji sequence as an avatar and nothing more', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EMOJI),
        fc.constantFrom('a', '\u0301', '\u200B', '\u200D', '🦊', ' ', '\u202E'),
        fc.boolean(),
        (emoji, extra, atEnd) => {
          // Arrange
          const padded = atEnd ? `${emoji}${extra}` : `${extra}${emoji}`;

          // Act + Assert
          expect(avatarSchema.safeParse(emoji).success).toBe(true);
          expect(isSingleEmoji(padded)).toBe(false);
          expect(avatarSchema.safeParse(padded).success).toBe(false);
        },
      ),
      RUNS,
    );
  });
});
