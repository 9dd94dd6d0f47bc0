import { clearSlackLinkCode, pendingSlackLinkCode, takeSlackLinkCode } from './slack-link-code';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
};

describe('takeSlackLinkCode', () => {
  it('keeps the code of a Slack link and takes it off the address', () => {
    // Arrange
    const storage = memoryStorage();
    // Act
    const address = takeSlackLinkCode('https://rewards.example.com/?code=abc123&x=1#top', storage);
    // Assert
    expect(address).toBe('/?x=1#top');
    expect(pendingSlackLinkCode(storage)).toBe('abc123');
  });

  it('leaves an OAuth redirect (code with state, or an error) to the sign-in', () => {
    // Arrange
    const storage = memoryStorage();
    // Act
    const redirect = takeSlackLinkCode('https://rewards.example.com/?code=c&state=s', storage);
    const failure = takeSlackLinkCode('https://rewards.example.com/?code=c&error=denied', storage);
    const plain = takeSlackLinkCode('https://rewards.example.com/', storage);
    // Assert
    expect([redirect, failure, plain]).toEqual([undefined, undefined, undefined]);
    expect(pendingSlackLinkCode(storage)).toBeUndefined();
  });

  it('forgets a code once it is redeemed', () => {
    // Arrange
    const storage = memoryStorage();
    takeSlackLinkCode('https://rewards.example.com/?code=abc123', storage);
    // Act
    clearSlackLinkCode(storage);
    // Assert
    expect(pendingSlackLinkCode(storage)).toBeUndefined();
  });
});
