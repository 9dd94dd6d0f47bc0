import { randomBytes } from 'node:crypto';

/**
 * Random bytes from a pool refilled 4 KB at a time: one `randomBytes` call per request costs a
 * measurable share of a local request's time.
 */
let pool = Buffer.alloc(0);
let poolOffset = 0;
export const pooledRandomBytes = (size: number): Buffer => {
  if (poolOffset + size > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  poolOffset += size;
  return pool.subarray(poolOffset - size, poolOffset);
};
