import {
  feedQuerySchema,
  leaderboardQuerySchema,
  listUsersQuerySchema,
  rewardIdParamsSchema,
  usernameParamsSchema,
} from './api.schema';

describe('listUsersQuerySchema', () => {
  it('defaults the limit to 20', () => {
    // Act + Assert
    expect(listUsersQuerySchema.parse({})).toEqual({ limit: 20 });
  });

  it('reads the limit from the query string', () => {
    // Act + Assert
    expect(listUsersQuerySchema.parse({ limit: '100', cursor: 'abc' })).toEqual({
      limit: 100,
      cursor: 'abc',
    });
  });

  it.each([
    ['0', 'must be at least 1'],
    ['101', 'must be at most 100'],
    ['2.5', 'must be a whole number'],
  ])('refuses limit=%s', (limit, message) => {
    // Act
    const result = listUsersQuerySchema.safeParse({ limit });

    // Assert
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['limit', message],
    ]);
  });

  it('refuses a limit that is not a number', () => {
    // Act + Assert
    expect(listUsersQuerySchema.safeParse({ limit: 'ten' }).success).toBe(false);
  });

  it('splits, trims and de-duplicates usernames', () => {
    // Act
    const query = listUsersQuerySchema.parse({ usernames: 'alex, markus,,alex ' });

    // Assert
    expect(query.usernames).toEqual(['alex', 'markus']);
  });

  it.each([
    ['no names', ',,', 'must name at least one user'],
    ['a bad name', 'alex,Bob', 'each must be a valid username'],
    [
      '101 names',
      Array.from({ length: 101 }, (_, i) => `user${i}`).join(','),
      'must name at most 100 users',
    ],
  ])('refuses %s', (_label, usernames, message) => {
    // Act + Assert
    expect(listUsersQuerySchema.safeParse({ usernames }).error?.issues[0].message).toBe(message);
  });

  it('refuses unknown parameters', () => {
    // Act + Assert
    expect(listUsersQuerySchema.safeParse({ sort: 'name' }).success).toBe(false);
  });

  it('refuses an empty or oversized cursor', () => {
    // Act + Assert
    expect(listUsersQuerySchema.safeParse({ cursor: '' }).success).toBe(false);
    expect(listUsersQuerySchema.safeParse({ cursor: 'x'.repeat(2049) }).success).toBe(false);
  });
});

describe('feedQuerySchema', () => {
  it('takes a limit, a cursor and the to/from filters', () => {
    // Act + Assert
    expect(feedQuerySchema.parse({ limit: '5', to: 'alex', from: 'markus' })).toEqual({
      limit: 5,
      to: 'alex',
      from: 'markus',
    });
  });

  it('refuses a filter that is not a username', () => {
    // Act + Assert
    expect(feedQuerySchema.safeParse({ to: 'A' }).success).toBe(false);
  });
});

describe('leaderboardQuerySchema', () => {
  it('defaults to this week and 10 entries', () => {
    // Act + Assert
    expect(leaderboardQuerySchema.parse({})).toEqual({ period: 'week', limit: 10 });
  });

  it('accepts month, all and up to 50 entries', () => {
    // Act + Assert
    expect(leaderboardQuerySchema.parse({ period: 'all', limit: '50' })).toEqual({
      period: 'all',
      limit: 50,
    });
    expect(leaderboardQuerySchema.parse({ period: 'month' }).period).toBe('month');
  });

  it('refuses another period or more than 50 entries', () => {
    // Act + Assert
    expect(leaderboardQuerySchema.safeParse({ period: 'year' }).success).toBe(false);
    expect(leaderboardQuerySchema.safeParse({ limit: '51' }).error?.issues[0].message).toBe(
      'must be at most 50',
    );
  });
});

describe('path parameters', () => {
  it('accept a username and a ULID', () => {
    // Act + Assert
    expect(usernameParamsSchema.safeParse({ username: 'alex' }).success).toBe(true);
    expect(rewardIdParamsSchema.safeParse({ id: '01JDQ4V6ZQ4N2K8X7B3M5C9T1R' }).success).toBe(true);
  });

  it('refuse what is not a ULID', () => {
    // Act + Assert
    expect(
      rewardIdParamsSchema.safeParse({ id: '01JDQ4V6ZQ4N2K8X7B3M5C9T1U' }).error?.issues[0].message,
    ).toBe('must be a reward id (ULID)');
    expect(rewardIdParamsSchema.safeParse({ id: 'abc' }).success).toBe(false);
  });
});
