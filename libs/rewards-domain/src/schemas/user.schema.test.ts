import {
  USERNAME_PATTERN,
  avatarSchema,
  displayNameSchema,
  profileInputSchema,
  userProfileSchema,
  usernameSchema,
} from './user.schema';

describe('usernameSchema', () => {
  it.each(['al', 'alex', 'a.krause', 'dev_ops-1', '0day', 'a'.repeat(32)])('accepts %p', (name) => {
    // Act + Assert
    expect(usernameSchema.safeParse(name).success).toBe(true);
  });

  it.each([
    ['one character', 'a'],
    ['33 characters', 'a'.repeat(33)],
    ['upper case', 'Alex'],
    ['a leading dot', '.alex'],
    ['a leading dash', '-alex'],
    ['a space', 'al ex'],
    ['an at sign', 'alex@example.com'],
    ['an umlaut', 'jürgen'],
    ['empty', ''],
  ])('rejects %s', (_label, name) => {
    // Act
    const result = usernameSchema.safeParse(name);

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/^must be 2-32 characters/);
  });

  it('reserves "me", which always means the caller', () => {
    // Act
    const result = usernameSchema.safeParse('me');
    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('is reserved');
  });

  it('exports the pattern it checks', () => {
    // Assert
    expect(USERNAME_PATTERN.source).toBe('^[a-z0-9][a-z0-9._-]{1,31}$');
  });
});

describe('displayNameSchema', () => {
  it('trims the name', () => {
    // Act + Assert
    expect(displayNameSchema.parse('  Alex Krause ')).toBe('Alex Krause');
  });

  it('accepts 64 characters, emoji counting once, and refuses 65', () => {
    // Act + Assert
    expect(displayNameSchema.safeParse('👩‍💻'.repeat(64)).success).toBe(true);
    expect(displayNameSchema.safeParse('a'.repeat(65)).error?.issues[0].message).toBe(
      'must be at most 64 characters',
    );
  });

  it.each([
    ['empty', '', 'must not be empty'],
    ['whitespace', '   ', 'must not be empty'],
    ['a newline', 'Alex\nKrause', 'must not contain control characters'],
    ['a tab', 'Alex\tKrause', 'must not contain control characters'],
  ])('refuses a name that is %s', (_label, name, message) => {
    // Act + Assert
    expect(displayNameSchema.safeParse(name).error?.issues.map((issue) => issue.message)).toEqual([
      message,
    ]);
  });
});

describe('avatarSchema', () => {
  it.each(['🦊', '👩‍💻', '🇩🇪', '1️⃣', '#️⃣', '👍🏽', '❤️', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '👨‍👩‍👧‍👦'])('accepts %s', (avatar) => {
    // Act + Assert
    expect(avatarSchema.safeParse(avatar).success).toBe(true);
  });

  it.each(['A', '🦊🐻', '', '1', '❤', '🦊\u200B', '🦊' + '\u0301'.repeat(1000)])(
    'refuses %p',
    (avatar) => {
      // Act + Assert
      expect(avatarSchema.safeParse(avatar).error?.issues[0].message).toBe(
        'must be a single emoji',
      );
    },
  );

  it('refuses one emoji over 32 bytes of UTF-8', () => {
    // Arrange: a couple with two skin tones, 35 bytes
    const avatar = '👩🏻‍❤️‍💋‍👨🏼';

    // Act + Assert
    expect(avatarSchema.safeParse(avatar).error?.issues.map((issue) => issue.message)).toEqual([
      'must be at most 32 bytes of UTF-8',
    ]);
  });
});

describe('displayNameSchema with hidden characters', () => {
  it.each([
    [
      'a zero-width space that impersonates Alex',
      'Alex Krause\u200B',
      'U+200B (an invisible character) at character 12',
    ],
    [
      'a right-to-left override',
      '\u202EesuarK xelA',
      'U+202E (a text-direction control) at character 1',
    ],
    [
      'a ZWJ between letters',
      'Al\u200Dex',
      'U+200D (a joiner outside a word or emoji) at character 2',
    ],
    [
      'a left-to-right isolate',
      'Alex \u2066Krause',
      'U+2066 (a text-direction control) at character 6',
    ],
  ])('refuses %s', (_label, name, where) => {
    // Act + Assert
    expect(displayNameSchema.safeParse(name).error?.issues.map((issue) => issue.message)).toEqual([
      `must not contain ${where}`,
    ]);
  });

  it.each([
    ['an emoji ZWJ sequence', 'Alex 👩‍💻'],
    ['a flag', 'Jana 🇩🇪'],
    ['a Persian name with a ZWNJ', 'مهدی\u200Cزاده'],
  ])('accepts %s', (_label, name) => {
    // Act + Assert
    expect(displayNameSchema.safeParse(name).success).toBe(true);
  });

  it('drops a byte order mark at the start with the rest of the trimmed space', () => {
    // Act + Assert
    expect(displayNameSchema.parse('\uFEFF Alex')).toBe('Alex');
  });
});

describe('profileInputSchema', () => {
  it('accepts a name with or without an avatar', () => {
    // Act + Assert
    expect(profileInputSchema.parse({ displayName: 'Alex' })).toEqual({ displayName: 'Alex' });
    expect(profileInputSchema.parse({ displayName: 'Alex', avatar: '🦊' })).toEqual({
      displayName: 'Alex',
      avatar: '🦊',
    });
  });

  it('refuses unknown fields such as a username', () => {
    // Act + Assert
    expect(profileInputSchema.safeParse({ displayName: 'Alex', username: 'bob' }).success).toBe(
      false,
    );
  });
});

describe('userProfileSchema', () => {
  it('describes a profile with stats and a BFF', () => {
    // Arrange
    const profile = {
      username: 'alex',
      displayName: 'Alex',
      createdAt: '2026-11-27T09:00:00.000Z',
      stats: { received: 1, given: 2, receivedThisMonth: 1, givenThisMonth: 2, allowanceLeft: 98 },
      bff: { username: 'markus', displayName: 'Markus', points: 1 },
    };

    // Act + Assert
    expect(userProfileSchema.parse(profile)).toEqual(profile);
    expect(userProfileSchema.parse({ ...profile, bff: null }).bff).toBeNull();
  });
});
