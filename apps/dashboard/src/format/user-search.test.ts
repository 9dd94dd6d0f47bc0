import type { User } from '../api/api-types';
import { exactUser, matchUsers } from './user-search';

const user = (username: string, displayName: string): User => ({
  username,
  displayName,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const USERS = [
  user('sam', 'Sam Lee'),
  user('zoe', 'Zoë Martin'),
  user('alex', 'Alex Samson'),
  user('kim', 'Kim Park'),
];

describe('matchUsers', () => {
  it('puts names starting with the text first, then word starts, then anywhere', () => {
    // Act
    const found = matchUsers([...USERS, user('rosa', 'Rosa Mesa')], 'sam', 10);

    // Assert
    expect(found.map((u) => u.username)).toEqual(['sam', 'alex']);
  });

  it('ignores case and accents', () => {
    expect(matchUsers(USERS, 'ZOE', 10).map((u) => u.username)).toEqual(['zoe']);
  });

  it('finds by username and respects the limit', () => {
    expect(matchUsers(USERS, 'k', 1).map((u) => u.username)).toEqual(['kim']);
  });

  it('returns nothing for an empty search', () => {
    expect(matchUsers(USERS, '  ', 10)).toEqual([]);
  });
});

describe('exactUser', () => {
  it('finds the one colleague named exactly, by name or username', () => {
    expect(exactUser(USERS, 'zoë martin')?.username).toBe('zoe');
    expect(exactUser(USERS, 'KIM')?.username).toBe('kim');
    expect(exactUser(USERS, 'Sa')).toBeUndefined();
  });
});
