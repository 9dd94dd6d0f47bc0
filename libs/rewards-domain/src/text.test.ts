import {
  countGraphemes,
  findHiddenCharacter,
  findOverlongCharacter,
  graphemes,
  hasControlCharacters,
  hasVisibleCharacter,
  hiddenCharacterProblem,
  isEmojiSequence,
  isSingleEmoji,
  isWellFormedText,
  utf8Length,
} from './text';

describe('isWellFormedText', () => {
  it.each([
    ['plain text', 'hello', true],
    ['an emoji sequence', '👩‍💻🇩🇪', true],
    ['a lone high surrogate', 'a\uD83D', false],
    ['a lone low surrogate', '\uDE00b', false],
  ])('says %s is %s', (_label, text, expected) => {
    // Act + Assert
    expect(isWellFormedText(text as string)).toBe(expected);
  });
});

describe('hasVisibleCharacter', () => {
  it.each([
    ['a word', 'hi', true],
    ['an emoji', '🎉', true],
    ['spaces', '  ', false],
    ['zero-width characters only', '\u200B\u200D\uFEFF', false],
  ])('says %s is %s', (_label, text, expected) => {
    // Act + Assert
    expect(hasVisibleCharacter(text as string)).toBe(expected);
  });
});

describe('countGraphemes', () => {
  it.each([
    ['plain letters', 'abc', 3],
    ['a person at a laptop (ZWJ sequence)', '👩‍💻', 1],
    ['a flag (regional indicators)', '🇩🇪', 1],
    ['a thumb with a skin tone', '👍🏽', 1],
    ['a family', '👨‍👩‍👧‍👦', 1],
    ['a letter with a combining accent', 'e\u0301', 1],
    ['mixed text', 'Danke 🇩🇪👩‍💻!', 9],
    ['nothing', '', 0],
  ])('counts %s as user-perceived characters', (_label, text, expected) => {
    // Act
    const count = countGraphemes(text);

    // Assert
    expect(count).toBe(expected);
  });
});

describe('graphemes', () => {
  it('splits text into user-perceived characters', () => {
    // Act
    const parts = graphemes('a👍🏽🇩🇪');

    // Assert
    expect(parts).toEqual(['a', '👍🏽', '🇩🇪']);
  });
});

describe('hasControlCharacters', () => {
  it.each([
    ['NUL', '\u0000'],
    ['tab', 'a\tb'],
    ['carriage return', 'a\rb'],
    ['escape', '\u001b[31m'],
    ['DEL', '\u007f'],
    ['a C1 control', '\u0085'],
  ])('finds %s', (_label, text) => {
    // Act + Assert
    expect(hasControlCharacters(text)).toBe(true);
  });

  it.each([
    ['a newline', 'line one\nline two'],
    ['emoji with joiners', '👩‍💻'],
    ['accented letters', 'Grüße'],
  ])('accepts %s', (_label, text) => {
    // Act + Assert
    expect(hasControlCharacters(text)).toBe(false);
  });
});

describe('isSingleEmoji', () => {
  it.each([
    ['an animal', '🦊'],
    ['a ZWJ sequence', '👩‍💻'],
    ['a family of four (25 bytes)', '👨‍👩‍👧‍👦'],
    ['a flag', '🇩🇪'],
    ['a subdivision flag (tag sequence)', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['a modifier sequence', '👍🏽'],
    ['a text-default base with a modifier', '☝🏽'],
    ['a VS16 presentation sequence', '❤️'],
    ['a ZWJ sequence with VS16', '🏳️‍🌈'],
    ['a ZWJ sequence whose part lacks VS16', '🏳‍🌈'],
    ['a ZWJ sequence ending in VS16', '🐻‍❄️'],
    ['two people with two skin tones', '🧑🏻‍🤝‍🧑🏼'],
    ['the keycap 1', '1️⃣'],
    ['the keycap #', '#️⃣'],
    ['the keycap * without VS16', '*\u20E3'],
    ['a new emoji', '🫠'],
  ])('accepts %s: %s', (_label, text) => {
    // Act + Assert
    expect(isSingleEmoji(text)).toBe(true);
  });

  it.each([
    ['two emoji', '🦊🐻'],
    ['a letter', 'a'],
    ['an emoji with text', '🦊x'],
    ['nothing', ''],
    ['a fox under 1,000 combining accents (2 KB)', '🦊' + '\u0301'.repeat(1000)],
    ['a fox with one combining accent', '🦊\u0301'],
    ['a bare digit', '1'],
    ['a bare #', '#'],
    ['a digit with VS16 but no keycap', '1\uFE0F'],
    ['a text-presentation symbol', '©'],
    ['a heart without VS16', '❤'],
    ['a heart asking for text presentation', '❤\uFE0E'],
    ['a lone regional indicator', '🇩'],
    ['three regional indicators', '🇩🇪🇩'],
    ['an emoji with a trailing ZWJ', '🦊\u200D'],
    ['an emoji with a zero-width space', '🦊\u200B'],
    ['an emoji behind a bidi override', '\u202E🦊'],
    ['a tag sequence without its cancel tag', '🏴\u{E0067}\u{E0062}'],
    ['a kiss with two skin tones (35 bytes, over the 32-byte cap)', '👩🏻‍❤️‍💋‍👨🏼'],
  ])('refuses %s', (_label, text) => {
    // Act + Assert
    expect(isSingleEmoji(text)).toBe(false);
  });
});

describe('isEmojiSequence', () => {
  it('refuses a sequence of 5,000 joined emoji that ends in a joiner, at once', () => {
    // Arrange: one pattern over the whole sequence would backtrack for ever on this
    const text = `${Array(5_000).fill('🦊').join('\u200D')}\u200D`;

    // Act + Assert
    expect(isEmojiSequence(text)).toBe(false);
  });
});

describe('utf8Length', () => {
  it.each([
    ['ASCII', 'abc', 3],
    ['two-byte letters', 'üß', 4],
    ['a three-byte character', '€', 3],
    ['an astral emoji', '🦊', 4],
    ['a family', '👨‍👩‍👧‍👦', 25],
  ])('counts %s in UTF-8 bytes', (_label, text, bytes) => {
    // Act + Assert
    expect(utf8Length(text)).toBe(bytes);
  });
});

describe('findHiddenCharacter', () => {
  it.each([
    ['a zero-width space after a name', 'Alex Krause\u200B', 0x200b, 'invisible character', 12],
    ['a right-to-left override', 'Alex \u202Egave', 0x202e, 'text-direction control', 6],
    ['a left-to-right embedding', '\u202Aabc', 0x202a, 'text-direction control', 1],
    ['a pop directional formatting', 'abc\u202C', 0x202c, 'text-direction control', 4],
    ['a first-strong isolate', 'a\u2068b', 0x2068, 'text-direction control', 2],
    ['a pop directional isolate', 'a\u2069', 0x2069, 'text-direction control', 2],
    ['a left-to-right mark', 'a\u200Eb', 0x200e, 'text-direction control', 2],
    ['a right-to-left mark', 'a\u200Fb', 0x200f, 'text-direction control', 2],
    ['an Arabic letter mark', 'a\u061Cb', 0x061c, 'text-direction control', 2],
    ['a word joiner', 'Al\u2060ex', 0x2060, 'invisible character', 3],
    ['a byte order mark inside', 'Al\uFEFFex', 0xfeff, 'invisible character', 3],
    ['a soft hyphen', 'Al\u00ADex', 0x00ad, 'invisible character', 3],
    ['a Hangul filler', 'Alex\u3164', 0x3164, 'invisible character', 5],
    ['a Braille blank', 'Alex\u2800', 0x2800, 'invisible character', 5],
    ['a ZWJ between Latin letters', 'Ale\u200Dx', 0x200d, 'joiner outside a word or emoji', 3],
    ['a ZWNJ between Latin letters', 'Ale\u200Cx', 0x200c, 'joiner outside a word or emoji', 3],
    ['a ZWJ after an emoji', '🦊\u200D', 0x200d, 'joiner outside a word or emoji', 1],
    ['a ZWJ at the start', '\u200Dabc', 0x200d, 'joiner outside a word or emoji', 1],
    ['VS16 after a letter', 'x\uFE0F', 0xfe0f, 'variation selector outside an emoji', 1],
    ['VS1 after a letter', 'x\uFE00', 0xfe00, 'variation selector outside an emoji', 1],
    ['a tag character after a letter', 'a\u{E0041}', 0xe0041, 'tag character outside a flag', 1],
    ['a language tag', '\u{E0001}en', 0xe0001, 'tag character outside a flag', 1],
    ['a line separator', 'a\u2028b', 0x2028, 'line or paragraph separator', 2],
    ['a paragraph separator', 'a\u2029b', 0x2029, 'line or paragraph separator', 2],
  ])('finds %s', (_label, text, codePoint, kind, position) => {
    // Act
    const found = findHiddenCharacter(text);

    // Assert
    expect(found).toEqual({ codePoint, kind, position });
  });

  it.each([
    ['plain text', 'Alex Krause'],
    ['emoji ZWJ sequences', 'Danke 👩‍💻 und 👨‍👩‍👧‍👦'],
    ['VS16 presentation', 'I ❤️ it'],
    ['VS15 text presentation of an emoji', 'I ❤\uFE0E it'],
    ['a keycap', 'Top 1️⃣'],
    ['a subdivision flag', 'Go 🏴󠁧󠁢󠁳󠁣󠁴󠁿!'],
    ['Persian with a ZWNJ inside a word', 'می\u200Cخواهم'],
    ['Devanagari with a ZWJ inside a conjunct', 'क्\u200Dष'],
    ['an ideographic variation sequence', '葛\u{E0100}城'],
    ['an Arabic number sign, which shows', '\u0600١٢'],
    ['newlines', 'line one\nline two'],
    ['accents and umlauts', 'Grüße, Zoë'],
  ])('finds nothing in %s', (_label, text) => {
    // Act + Assert
    expect(findHiddenCharacter(text)).toBeUndefined();
  });
});

describe('hiddenCharacterProblem', () => {
  it('names the character, what it is and where it is', () => {
    // Act + Assert
    expect(hiddenCharacterProblem('Alex Krause\u200B')).toBe(
      'must not contain U+200B (an invisible character) at character 12',
    );
    expect(hiddenCharacterProblem('a\u202Eb')).toBe(
      'must not contain U+202E (a text-direction control) at character 2',
    );
    expect(hiddenCharacterProblem('fine 🎉')).toBeUndefined();
  });
});

describe('findOverlongCharacter', () => {
  it.each([
    [
      'a kiss with two skin tones, the longest recommended emoji (10 code points)',
      'ok 👩🏻‍❤️‍💋‍👨🏼',
      undefined,
    ],
    ['a subdivision flag', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', undefined],
    ['Vietnamese with stacked accents', 'Nguyê\u0303n', undefined],
    ['a letter under 10 combining accents', `ab${'e' + '\u0301'.repeat(10)}`, 3],
    ['40 foxes glued by joiners into one character', Array(40).fill('🦊').join('\u200D'), 1],
  ])('judges %s', (_label, text, position) => {
    // Act + Assert
    expect(findOverlongCharacter(text)).toBe(position);
  });
});
