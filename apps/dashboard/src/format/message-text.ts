/** Longest message the API accepts, in user-perceived characters. */
export const MESSAGE_MAX = 280;

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : undefined;

/**
 * Characters as a person counts them, like the API does: an emoji sequence such as 👩‍💻 or ❤️ is
 * one, not the two to five UTF-16 units `length` would say.
 */
export const charCount = (text: string): number => {
  if (!segmenter) return [...text].length;
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
};

/** Inserts `insert` in place of the selection and says where the caret goes next. */
export const insertAt = (
  text: string,
  selectionStart: number,
  selectionEnd: number,
  insert: string,
): { text: string; caret: number } => {
  const start = Math.max(0, Math.min(selectionStart, text.length));
  const end = Math.max(start, Math.min(selectionEnd, text.length));
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
};
