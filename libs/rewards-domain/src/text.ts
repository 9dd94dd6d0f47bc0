const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Counts user-perceived characters: an emoji sequence (👩‍💻, 🇩🇪, 👍🏽) counts once. */
export const countGraphemes = (text: string): number => {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
};

/** Splits text into user-perceived characters. */
export const graphemes = (text: string): string[] =>
  Array.from(segmenter.segment(text), (part) => part.segment);

// Control characters (C0, DEL, C1) other than the newline.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/u;

/** True when the text holds a control character other than a newline. */
export const hasControlCharacters = (text: string): boolean => FORBIDDEN_CONTROL.test(text);

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** True when the text is exactly one user-perceived character and that one is an emoji. */
export const isSingleEmoji = (text: string): boolean =>
  countGraphemes(text) === 1 && EMOJI.test(text);

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text is well-formed UTF-16 (no half of an emoji left over). */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/** True when something would show: not only spaces and invisible format characters. */
export const hasVisibleCharacter = (text: string): boolean => /[^\s\p{Cf}]/u.test(text);
