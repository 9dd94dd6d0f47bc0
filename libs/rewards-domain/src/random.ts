import type { Random } from './ports';

/** A 32-bit hash of a string (FNV-1a), to seed randomness from an event id. */
export const hashSeed = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/** A small, fast, seedable generator (mulberry32): the same seed gives the same sequence. */
export const seededRandom = (seed: number | string): Random => {
  let state = typeof seed === 'string' ? hashSeed(seed) : seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    },
  };
};

/** An integer in [min, max]. */
export const randomInt = (random: Random, min: number, max: number): number =>
  min + Math.floor(random.next() * (max - min + 1));

/** One element of a non-empty list. */
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[randomInt(random, 0, items.length - 1)];
