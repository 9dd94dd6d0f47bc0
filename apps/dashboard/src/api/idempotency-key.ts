/**
 * A random UUID v4 for the `Idempotency-Key` header. `crypto.randomUUID` exists only in secure
 * contexts, and a dashboard opened over plain http on a LAN address is not one.
 */
export const newIdempotencyKey = (cryptoImpl: Crypto = crypto): string => {
  if (typeof cryptoImpl.randomUUID === 'function') return cryptoImpl.randomUUID();
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * One `Idempotency-Key` per composed reward: the same body gets the same key until the API
 * confirms it (`settled`), so a retry or a second click after a lost answer replays the reward
 * instead of giving it twice; an edited body is a new reward and gets a new key.
 */
export const createKeyKeeper = (makeKey: () => string = newIdempotencyKey) => {
  let current: { key: string; fingerprint: string } | undefined;
  return {
    keyFor(body: unknown): string {
      const fingerprint = JSON.stringify(body);
      if (current?.fingerprint !== fingerprint) current = { key: makeKey(), fingerprint };
      return current.key;
    },
    settled(): void {
      current = undefined;
    },
  };
};
