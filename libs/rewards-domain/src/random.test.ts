import { hashSeed, pick, randomInt, seededRandom } from './random';

const take = (seed: number | string, count: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe('seededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    // Act + Assert
    expect(take(42, 20)).toEqual(take(42, 20));
    expect(take('event-1', 20)).toEqual(take('event-1', 20));
  });

  it('gives another sequence for another seed', () => {
    // Act + Assert
    expect(take(42, 5)).not.toEqual(take(43, 5));
    expect(take('event-1', 5)).not.toEqual(take('event-2', 5));
  });

  it('seeds from a string through its hash', () => {
    // Act + Assert
    expect(take('event-1', 5)).toEqual(take(hashSeed('event-1'), 5));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    // Act
    const values = take(7, 10_000);

    // Assert
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe('hashSeed', () => {
  it('is the 32-bit FNV-1a hash', () => {
    // Act + Assert: published FNV-1a test vectors
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
    expect(hashSeed('foobar')).toBe(0xbf9cf968);
  });
});

describe('randomInt', () => {
  it('hits every integer of the range and nothing outside it', () => {
    // Arrange
    const random = seededRandom(1);

    // Act
    const seen = new Set(Array.from({ length: 500 }, () => randomInt(random, 1, 5)));

    // Assert
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives the bounds for the extremes of the generator', () => {
    // Act + Assert
    expect(randomInt({ next: () => 0 }, 3, 7)).toBe(3);
    expect(randomInt({ next: () => 0.999999 }, 3, 7)).toBe(7);
  });
});

describe('pick', () => {
  it('picks every element of a list over many draws', () => {
    // Arrange
    const random = seededRandom(2);

    // Act
    const seen = new Set(Array.from({ length: 200 }, () => pick(random, ['a', 'b', 'c'])));

    // Assert
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
  });
});
