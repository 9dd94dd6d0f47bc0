import { createKeyKeeper, newIdempotencyKey } from './idempotency-key';

const reward = { to: 'jana', points: 10, message: 'Danke' };

describe('createKeyKeeper', () => {
  it('keeps the key of a reward until the API confirms it', () => {
    // Arrange
    const keeper = createKeyKeeper();

    // Act
    const first = keeper.keyFor(reward);
    const again = keeper.keyFor({ ...reward });
    keeper.settled();
    const next = keeper.keyFor(reward);

    // Assert: a second click sends the same key; the same reward given again later is new
    expect(again).toBe(first);
    expect(next).not.toBe(first);
  });

  it.each([
    ['recipient', { ...reward, to: 'tom' }],
    ['points', { ...reward, points: 11 }],
    ['message', { ...reward, message: 'Danke!' }],
  ])('makes a new key when the %s is edited', (_field, edited) => {
    // Arrange
    const keeper = createKeyKeeper();
    const first = keeper.keyFor(reward);

    // Act
    const after = keeper.keyFor(edited);

    // Assert
    expect(after).not.toBe(first);
  });
});

describe('newIdempotencyKey', () => {
  it('makes a UUID v4 even where randomUUID is missing (plain http on a LAN address)', () => {
    // Arrange
    const noRandomUuid = {
      getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff),
    } as unknown as Crypto;

    // Act
    const key = newIdempotencyKey(noRandomUuid);

    // Assert
    expect(key).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
