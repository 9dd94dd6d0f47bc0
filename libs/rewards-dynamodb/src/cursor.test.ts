import { InvalidCursorError } from '@peer-rewards/rewards-domain';
import { createCursorCodec } from './cursor';

const KEY = 'cursor-test-key-0123456789abcdef0123456789';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const position = { after: '01JDQ4V6ZQ4N2K8X0000000000', month: '2026-11' };

/** A cursor made by hand the way an unsigned one was: base64url JSON of a valid position. */
const handMade = (state: object) => Buffer.from(JSON.stringify(state)).toString('base64url');

const refusal = async (decode: () => Promise<unknown>): Promise<unknown> => {
  try {
    await decode();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('createCursorCodec', () => {
  const codec = createCursorCodec(KEY);

  it('reads back the position of a cursor it made for the same query', async () => {
    // Act
    const cursor = await await codec.encode('feed::', position);
    // Assert
    await expect(codec.decode(cursor, 'feed::', ULID)).resolves.toEqual(position);
  });

  it('signs with a key it loads once, when first needed', async () => {
    // Arrange
    const load = jest.fn(async () => KEY);
    const loaded = createCursorCodec(load);
    // Act
    const cursor = await loaded.encode('users', { after: 'alex' });
    const decoded = await loaded.decode(cursor, 'users', /^[a-z]+$/);
    const plain = await codec.decode(cursor, 'users', /^[a-z]+$/);
    // Assert
    expect(decoded).toEqual({ after: 'alex' });
    expect(plain).toEqual({ after: 'alex' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['hand-built without a signature', async () => handMade({ v: 1, q: 'feed::', ...position })],
    [
      'hand-built with a made-up signature',
      async () => `${handMade({ v: 1, q: 'feed::', ...position })}.${'A'.repeat(43)}`,
    ],
    [
      'edited (another item, the old signature)',
      async () => {
        const [, signature] = (await codec.encode('feed::', position)).split('.');
        const edited = handMade({
          v: 1,
          q: 'feed::',
          ...position,
          after: '01JDQ4V6ZQ4N2K8X0000000001',
        });
        return `${edited}.${signature}`;
      },
    ],
    ['truncated', async () => (await codec.encode('feed::', position)).slice(0, -4)],
    ['cut at the dot', async () => (await codec.encode('feed::', position)).split('.')[0] + '.'],
    [
      'signed with another key',
      async () => await createCursorCodec(`${KEY}-other`).encode('feed::', position),
    ],
    ['with a third part', async () => `${await codec.encode('feed::', position)}.x`],
    ['not base64url', async () => `${await codec.encode('feed::', position)}=`],
  ])('refuses a cursor %s', async (_name, make) => {
    // Act
    const error = await refusal(async () => codec.decode(await make(), 'feed::', ULID));
    // Assert
    expect(error).toBeInstanceOf(InvalidCursorError);
    expect(error).toMatchObject({ code: 'validation-failed', details: [{ path: 'cursor' }] });
  });

  it('refuses a genuine cursor of another query', async () => {
    // Arrange
    const cursor = await codec.encode('feed:alex:', position);
    // Act
    const error = await refusal(() => codec.decode(cursor, 'feed::', ULID));
    // Assert
    expect(error).toMatchObject({ message: expect.stringMatching(/different query/) });
  });

  it('refuses a key too short to sign with', () => {
    // Act
    const create = () => createCursorCodec('short');
    // Assert
    expect(create).toThrow(/at least 32 bytes/);
  });
});
