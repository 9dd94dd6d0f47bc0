// Made on first use: creating a segmenter loads ICU's break data, a large part of a cold start.
let segmenter: Intl.Segmenter | undefined;
const segment = (text: string) =>
  (segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(text);

/** Counts user-perceived characters: an emoji sequence (👩‍💻, 🇩🇪, 👍🏽) counts once. */
export const countGraphemes = (text: string): number => {
  let count = 0;
  for (const _ of segment(text)) count += 1;
  return count;
};

/** Splits text into user-perceived characters. */
export const graphemes = (text: string): string[] =>
  Array.from(segment(text), (part) => part.segment);

// The patterns with Unicode property classes (`\p{Cf}`, `\p{sc=Arabic}`, …) are built on first
// use from strings: V8 checks a regular expression literal when it parses the file, and looking
// up these classes then was a noticeable part of every cold start, the emoji patterns' too.
let classes:
  | {
      visible: RegExp;
      invisible: RegExp;
      joiningLetter: RegExp;
      emojiCharacter: RegExp;
      variationBase: RegExp;
    }
  | undefined;
const unicodeClasses = () =>
  (classes ??= {
    visible: new RegExp(String.raw`[^\s\p{Cf}]`, 'u'),
    // Format characters and blanks that show nothing (the visible ones are VISIBLE_FORMAT).
    invisible: new RegExp(String.raw`[\p{Cf}\u034F\u115F\u1160\u2800\u3164\uFFA0]`, 'u'),
    // Scripts whose letters a ZWNJ or ZWJ shapes differently (Persian, Hindi, Malayalam, …).
    joiningLetter: new RegExp(
      String.raw`^(?=[\p{L}\p{M}])[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Nko}\p{sc=Mongolian}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{sc=Myanmar}\p{sc=Khmer}\p{sc=Tibetan}]$`,
      'u',
    ),
    emojiCharacter: new RegExp(String.raw`^\p{Emoji}$`, 'u'),
    // Standardized and ideographic variation sequences start on an ideograph or a math symbol.
    variationBase: new RegExp(String.raw`^[\p{sc=Han}\p{Sm}\p{sc=Myanmar}]$`, 'u'),
  });

// Control characters (C0, DEL, C1) other than the newline.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/u;

/** True when the text holds a control character other than a newline. */
export const hasControlCharacters = (text: string): boolean => FORBIDDEN_CONTROL.test(text);

// One element of an emoji sequence, after Unicode's emoji grammar (UTS #51, ED-14–ED-17):
// a keycap, a flag, a subdivision flag (🏴 + tag characters + cancel tag), a modifier
// sequence (👍🏽), a presentation sequence (❤️) or an emoji shown as emoji by default (🦊).
const KEYCAP = String.raw`[0-9#*]\uFE0F?\u20E3`;
const FLAG = String.raw`\p{Regional_Indicator}{2}`;
const TAG_FLAG = String.raw`\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}`;
const MODIFIED = String.raw`\p{Emoji_Modifier_Base}\p{Emoji_Modifier}`;
const NOT_KEYCAP_OR_FLAG_PART = String.raw`(?![0-9#*\p{Regional_Indicator}])`;
const PRESENTED = String.raw`${NOT_KEYCAP_OR_FLAG_PART}\p{Emoji}\uFE0F`;
const DEFAULT_EMOJI = String.raw`${NOT_KEYCAP_OR_FLAG_PART}\p{Emoji_Presentation}`;
const ELEMENT = `(?:${KEYCAP}|${FLAG}|${TAG_FLAG}|${MODIFIED}|${PRESENTED}|${DEFAULT_EMOJI})`;
// Inside a ZWJ sequence a part may also be a pictograph without its VS16 (🏳‍🌈 as typed by some
// keyboards), because the sequence as a whole is shown as one emoji. Both are built on first
// use: parsing their Unicode property classes is a noticeable part of a cold start.
let emojiPatterns: { single: RegExp; zwjPart: RegExp } | undefined;
const patterns = () =>
  (emojiPatterns ??= {
    single: new RegExp(`^${ELEMENT}$`, 'u'),
    zwjPart: new RegExp(
      `^(?:${ELEMENT}|${NOT_KEYCAP_OR_FLAG_PART}\\p{Extended_Pictographic}\\uFE0F?)$`,
      'u',
    ),
  });

/**
 * True when the text is exactly one emoji sequence by Unicode's emoji properties. The parts of a
 * ZWJ sequence are matched one by one: one pattern over the whole sequence would backtrack
 * exponentially on a long sequence that fails at its end.
 */
export const isEmojiSequence = (text: string): boolean => {
  const parts = text.split('\u200D');
  const { single, zwjPart } = patterns();
  return parts.length === 1 ? single.test(text) : parts.every((part) => zwjPart.test(part));
};

/** Bytes the text takes in UTF-8 (what a database and the wire count). */
export const utf8Length = (text: string): number => {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
};

/** Longest avatar in UTF-8 bytes: room for 👨‍👩‍👧‍👦 and 🏴󠁧󠁢󠁳󠁣󠁴󠁿, not for a pictograph buried in marks. */
export const AVATAR_MAX_BYTES = 32;

/** True when the text is one emoji (keycap, flag, ZWJ, modifier or VS16 sequence) of ≤ 32 bytes. */
export const isSingleEmoji = (text: string): boolean =>
  utf8Length(text) <= AVATAR_MAX_BYTES && countGraphemes(text) === 1 && isEmojiSequence(text);

/**
 * Most code points one user-perceived character may hold: the longest emoji sequence Unicode
 * recommends (👩🏻‍❤️‍💋‍👨🏼) has 10. More is a pile of combining marks, or emoji glued by joiners that
 * show one by one but would count as one character.
 */
export const MAX_CODE_POINTS_PER_CHARACTER = 10;

/** Position (from 1) of the first user-perceived character over the limit, if any. */
export const findOverlongCharacter = (text: string): number | undefined => {
  const index = graphemes(text).findIndex(
    (grapheme) => Array.from(grapheme).length > MAX_CODE_POINTS_PER_CHARACTER,
  );
  return index === -1 ? undefined : index + 1;
};

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text is well-formed UTF-16 (no half of an emoji left over). */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/** True when something would show: not only spaces and invisible format characters. */
export const hasVisibleCharacter = (text: string): boolean => unicodeClasses().visible.test(text);

/** Why a character hides what the text says. */
export type HiddenCharacterKind =
  | 'text-direction control'
  | 'invisible character'
  | 'joiner outside a word or emoji'
  | 'variation selector outside an emoji'
  | 'tag character outside a flag'
  | 'line or paragraph separator';

/** A character that makes text read differently from what it shows. */
export interface HiddenCharacter {
  /** Which user-perceived character holds it, counting from 1. */
  readonly position: number;
  readonly codePoint: number;
  readonly kind: HiddenCharacterKind;
}

// U+061C, U+200E/F, U+202A–E, U+2066–9: they reorder the text around them.
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// The Arabic, Syriac and Kaithi number signs are format characters that do show, so they stay.
const VISIBLE_FORMAT = /[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}]/u;
const JOINER = /[\u200C\u200D]/u;
const SEPARATOR = /[\u2028\u2029]/u;
const TAG = /[\u{E0000}-\u{E007F}]/u;
const EMOJI_VARIATION = /[\uFE0E\uFE0F]/u;
const OTHER_VARIATION = /[\uFE00-\uFE0D\u{E0100}-\u{E01EF}]/u;

const kindOf = (char: string, before: string, after: string): HiddenCharacterKind | undefined => {
  const { joiningLetter, emojiCharacter, variationBase, invisible } = unicodeClasses();
  if (BIDI_CONTROL.test(char)) return 'text-direction control';
  if (SEPARATOR.test(char)) return 'line or paragraph separator';
  if (TAG.test(char)) return 'tag character outside a flag';
  if (JOINER.test(char)) {
    return joiningLetter.test(before) && joiningLetter.test(after)
      ? undefined
      : 'joiner outside a word or emoji';
  }
  if (EMOJI_VARIATION.test(char)) {
    return emojiCharacter.test(before) ? undefined : 'variation selector outside an emoji';
  }
  if (OTHER_VARIATION.test(char)) {
    return variationBase.test(before) ? undefined : 'variation selector outside an emoji';
  }
  if (invisible.test(char) && !VISIBLE_FORMAT.test(char)) return 'invisible character';
  return undefined;
};

/**
 * The first bidi control or invisible character outside the sequences that need one: ZWJ and
 * variation selectors inside an emoji sequence (👩‍💻, ❤️), tag characters inside a subdivision
 * flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿), ZWNJ/ZWJ between letters of a script they shape (Persian, Indic scripts).
 */
export const findHiddenCharacter = (text: string): HiddenCharacter | undefined => {
  const chars = Array.from(text);
  let next = 0;
  let position = 0;
  for (const grapheme of graphemes(text)) {
    position += 1;
    const first = next;
    next += Array.from(grapheme).length;
    if (isEmojiSequence(grapheme)) continue;
    for (let at = first; at < next; at += 1) {
      const char = chars[at] ?? '';
      const kind = kindOf(char, chars[at - 1] ?? '', chars[at + 1] ?? '');
      if (kind) return { position, codePoint: char.codePointAt(0) ?? 0, kind };
    }
  }
  return undefined;
};

const hex = (codePoint: number) => codePoint.toString(16).toUpperCase().padStart(4, '0');

/** The validation message for a text with a hidden character, or undefined when it has none. */
export const hiddenCharacterProblem = (text: string): string | undefined => {
  const found = findHiddenCharacter(text);
  if (!found) return undefined;
  const article = /^[aeiou]/.test(found.kind) ? 'an' : 'a';
  return `must not contain U+${hex(found.codePoint)} (${article} ${found.kind}) at character ${found.position}`;
};
