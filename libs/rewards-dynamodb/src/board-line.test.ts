import { SCORED_NAME_LENGTH, bffAfterGift, boardScore, byBoardOrder } from './board-line';

const line = (username: string, points: number) => ({ username, points });

describe('boardScore', () => {
  it('sorts, descending, as the board does: most points, then username', () => {
    // Arrange
    const lines = [
      line('zed', 10),
      line('al', 10),
      line('alex', 10),
      line('al-x', 10),
      line('al.x', 10),
      line('al_x', 10),
      line('al0', 10),
      line('b', 999_999_999),
      line('a', 1),
      line('abcdefghijklmnopqr', 10),
    ];
    // Act
    const byScore = [...lines].sort((a, b) => {
      const [x, y] = [boardScore(a.points, a.username), boardScore(b.points, b.username)];
      return x > y ? -1 : x < y ? 1 : 0;
    });
    // Assert
    expect(byScore).toEqual([...lines].sort(byBoardOrder as never));
    expect(String(boardScore(999_999_999, 'a')).length).toBeLessThanOrEqual(38);
  });

  it('tells names apart by their first 18 characters only', () => {
    // Arrange
    const prefix = 'a'.repeat(SCORED_NAME_LENGTH);
    // Act + Assert
    expect(boardScore(5, `${prefix}-one`)).toBe(boardScore(5, `${prefix}-two`));
    expect(boardScore(5, prefix)).not.toBe(boardScore(5, `${prefix.slice(1)}b`));
  });
});

describe('bffAfterGift', () => {
  const current = { username: 'markus', points: 20, bff: 'lena', bffPoints: 10 };

  it('makes the giver the BFF with more points, or as many and an earlier username', () => {
    // Assert
    expect(bffAfterGift(undefined, 'tom', 3)).toEqual({ username: 'tom', points: 3 });
    expect(bffAfterGift(current, 'tom', 11)).toEqual({ username: 'tom', points: 11 });
    expect(bffAfterGift(current, 'alex', 10)).toEqual({ username: 'alex', points: 10 });
    expect(bffAfterGift(current, 'lena', 12)).toEqual({ username: 'lena', points: 12 });
  });

  it('keeps the BFF against fewer points, or as many and a later username', () => {
    // Assert
    expect(bffAfterGift(current, 'tom', 9)).toBeNull();
    expect(bffAfterGift(current, 'tom', 10)).toBeNull();
  });
});
