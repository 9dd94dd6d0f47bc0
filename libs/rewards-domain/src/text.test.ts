import {
  countGraphemes,
  graphemes,
  hasControlCharacters,
  hasVisibleCharacter,
  isSingleEmoji,
  isWellFormedText,
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
  it.each(['🦊', '👩‍💻', '🇩🇪', '👍🏽', '❤️'])('accepts %s', (text) => {
    // Act + Assert
    expect(isSingleEmoji(text)).toBe(true);
  });

  it.each([
    ['two emoji', '🦊🐻'],
    ['a letter', 'a'],
    ['an emoji with text', '🦊x'],
    ['nothing', ''],
  ])('rejects %s', (_label, text) => {
    // Act + Assert
    expect(isSingleEmoji(text)).toBe(false);
  });
});
