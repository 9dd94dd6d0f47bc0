import { createRules } from '../rules';
import { giveRewardBodySchema, messageSchema, pointsSchema, rewardSchema } from './reward.schema';

const problems = (result: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
}) => result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('pointsSchema', () => {
  it.each([1, 50, 100])('accepts %p points', (points) => {
    // Act + Assert
    expect(pointsSchema().parse(points)).toBe(points);
  });

  it.each([
    [0, 'must be at least 1'],
    [101, 'must be at most 100'],
    [2.5, 'must be a whole number'],
    [-1, 'must be at least 1'],
  ])('rejects %p points (%s)', (points, message) => {
    // Act
    const result = pointsSchema().safeParse(points);

    // Assert
    expect(problems(result)).toEqual([`: ${message}`]);
  });

  it.each(['10', null, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %p, which is not a number of points',
    (points) => {
      // Act + Assert
      expect(pointsSchema().safeParse(points).success).toBe(false);
    },
  );

  it('follows the rules of the stage', () => {
    // Arrange
    const schema = pointsSchema(createRules({ minPoints: 5, maxPoints: 20 }));

    // Act + Assert
    expect(schema.safeParse(4).success).toBe(false);
    expect(schema.safeParse(5).success).toBe(true);
    expect(schema.safeParse(20).success).toBe(true);
    expect(problems(schema.safeParse(21))).toEqual([': must be at most 20']);
  });
});

describe('messageSchema', () => {
  it('trims the message', () => {
    // Act + Assert
    expect(messageSchema().parse('  Thanks! 🎉 \n')).toBe('Thanks! 🎉');
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['only whitespace and newlines', ' \n\t \n '],
    ['only a zero-width space', '\u200B'],
    ['only zero-width joiners', '\u200D\u200D'],
  ])('rejects a message that is %s', (_label, message) => {
    // Act + Assert
    expect(problems(messageSchema().safeParse(message))).toEqual([': must not be empty']);
  });

  it.each([
    ['person at a laptop', '👩‍💻'],
    ['German flag', '🇩🇪'],
    ['thumbs up, medium skin tone', '👍🏽'],
  ])('counts 280 × %s as 280 characters', (_label, emoji) => {
    // Act + Assert
    expect(messageSchema().safeParse(emoji.repeat(280)).success).toBe(true);
    expect(problems(messageSchema().safeParse(emoji.repeat(281)))).toEqual([
      ': must be at most 280 characters (an emoji counts as one)',
    ]);
  });

  it('accepts 280 letters and refuses 281', () => {
    // Act + Assert
    expect(messageSchema().safeParse('a'.repeat(280)).success).toBe(true);
    expect(messageSchema().safeParse('a'.repeat(281)).success).toBe(false);
  });

  it('counts the length after trimming', () => {
    // Act + Assert
    expect(messageSchema().safeParse(`   ${'a'.repeat(280)}   `).success).toBe(true);
  });

  it('accepts newlines inside a message', () => {
    // Act + Assert
    expect(messageSchema().parse('Thanks\nfor everything')).toBe('Thanks\nfor everything');
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['tab', 'a\tb'],
    ['escape', 'a\u001bb'],
    ['carriage return', 'a\rb'],
    ['DEL', 'a\u007fb'],
  ])('rejects a %s inside the message', (_label, message) => {
    // Act + Assert
    expect(problems(messageSchema().safeParse(message))).toEqual([
      ': must not contain control characters (newlines are fine)',
    ]);
  });

  it('follows the length of the stage', () => {
    // Arrange
    const schema = messageSchema(createRules({ maxMessageLength: 3 }));

    // Act + Assert
    expect(schema.safeParse('🦊🦊🦊').success).toBe(true);
    expect(problems(schema.safeParse('🦊🦊🦊🦊'))).toEqual([
      ': must be at most 3 characters (an emoji counts as one)',
    ]);
  });
});

describe('messageSchema with broken text', () => {
  it.each([
    ['a lone high surrogate', 'thanks \uD83C'],
    ['a lone low surrogate', '\uDF89 thanks'],
  ])('rejects %s', (_label, message) => {
    // Act + Assert
    expect(problems(messageSchema().safeParse(message))).toEqual([
      ': must be well-formed text (no broken emoji)',
    ]);
  });

  it('accepts a complete emoji made of a surrogate pair', () => {
    // Act + Assert
    expect(messageSchema().safeParse('thanks \uD83C\uDF89').success).toBe(true);
  });
});

describe('messageSchema with hidden characters', () => {
  it.each([
    [
      'a right-to-left override that reorders the feed',
      'gave \u202Emarkus',
      'U+202E (a text-direction control) at character 6',
    ],
    ['a zero-width space', 'Thanks\u200B!', 'U+200B (an invisible character) at character 7'],
    ['a stray ZWJ', 'Thanks\u200D!', 'U+200D (a joiner outside a word or emoji) at character 6'],
    [
      'a tag character outside a flag',
      'Thanks\u{E0041}',
      'U+E0041 (a tag character outside a flag) at character 6',
    ],
    [
      'a line separator',
      'Thanks\u2028again',
      'U+2028 (a line or paragraph separator) at character 7',
    ],
  ])('refuses %s', (_label, message, where) => {
    // Act + Assert
    expect(problems(messageSchema().safeParse(message))).toEqual([`: must not contain ${where}`]);
  });

  it('refuses emoji glued by joiners that would count 280 foxes as one character', () => {
    // Arrange
    const message = `Thanks ${Array(280).fill('🦊').join('\u200D')}`;

    // Act + Assert
    expect(problems(messageSchema().safeParse(message))).toEqual([
      ': must not build one character from more than 10 code points (character 8)',
    ]);
  });

  it('keeps joiners, variation selectors and tags inside emoji sequences', () => {
    // Arrange
    const message = 'Danke 👩‍💻 ❤️ 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 👍🏽';

    // Act + Assert
    expect(messageSchema().parse(message)).toBe(message);
  });
});

describe('giveRewardBodySchema', () => {
  it('accepts to, points and message', () => {
    // Act
    const body = giveRewardBodySchema().parse({ to: 'markus', points: 10, message: 'Danke 🇩🇪' });

    // Assert
    expect(body).toEqual({ to: 'markus', points: 10, message: 'Danke 🇩🇪' });
  });

  it('refuses a "from" field: the giver is always the caller', () => {
    // Act
    const result = giveRewardBodySchema().safeParse({
      to: 'markus',
      from: 'alex',
      points: 10,
      message: 'hi',
    });

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['from'] }),
    ]);
  });

  it('refuses a recipient that is not a username', () => {
    // Act + Assert
    expect(
      giveRewardBodySchema().safeParse({ to: 'Markus!', points: 10, message: 'hi' }).success,
    ).toBe(false);
  });
});

describe('rewardSchema', () => {
  it('describes a stored reward', () => {
    // Arrange
    const reward = {
      id: '01JDQ4V6ZQ4N2K8X7B3M5C9T1R',
      from: 'alex',
      to: 'markus',
      points: 10,
      message: 'hi',
      createdAt: '2026-11-27T09:00:00.000Z',
    };

    // Act + Assert
    expect(rewardSchema.parse(reward)).toEqual(reward);
    expect(rewardSchema.safeParse({ ...reward, createdAt: 'yesterday' }).success).toBe(false);
  });
});
