import { charCount, insertAt } from './message-text';

describe('charCount', () => {
  it('counts emoji sequences once, as a person would', () => {
    expect(charCount('Thanks!')).toBe(7);
    expect(charCount('🎉🙏')).toBe(2);
    expect(charCount('❤️ 👩‍💻')).toBe(3);
    expect(charCount('')).toBe(0);
  });
});

describe('insertAt', () => {
  it('inserts at the caret and moves the caret after the insertion', () => {
    expect(insertAt('Great job', 5, 5, ' 🚀')).toEqual({ text: 'Great 🚀 job', caret: 8 });
  });

  it('replaces a selection', () => {
    expect(insertAt('Great job', 6, 9, '💯')).toEqual({ text: 'Great 💯', caret: 8 });
  });

  it('clamps positions outside the text', () => {
    expect(insertAt('Hi', 10, 12, '!')).toEqual({ text: 'Hi!', caret: 3 });
  });
});
