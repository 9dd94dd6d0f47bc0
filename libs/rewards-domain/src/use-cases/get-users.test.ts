import { InvalidCursorError } from '../errors';
import { createInMemoryDeps, createSeededDeps } from '../testing';
import { getUsersByName, listUsers } from './get-users';

describe('listUsers', () => {
  it('lists users sorted by username, page by page', async () => {
    // Arrange
    const deps = await createSeededDeps();
    const list = listUsers(deps);

    // Act
    const first = await list({ limit: 3 });
    const second = await list({ limit: 3, cursor: first.nextCursor });

    // Assert
    expect(first.users.map((user) => user.username)).toEqual(['alex', 'andreas', 'markus']);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second).toEqual({ users: [expect.objectContaining({ username: 'zuschauer' })] });
  });

  it('has no next cursor when everything fits on one page', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const page = await listUsers(deps)({ limit: 4 });

    // Assert
    expect(page.users).toHaveLength(4);
    expect(page).not.toHaveProperty('nextCursor');
  });

  it('lists nobody when there are no users', async () => {
    // Act
    const page = await listUsers(createInMemoryDeps())({ limit: 20 });

    // Assert
    expect(page).toEqual({ users: [] });
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a feed cursor', btoa(JSON.stringify({ kind: 'feed', query: '[null,null]', after: 'x' }))],
  ])('refuses %s as a cursor', async (_label, cursor) => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const act = listUsers(deps)({ limit: 2, cursor });

    // Assert
    await expect(act).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('getUsersByName', () => {
  it('returns the users in the order asked and lists the missing ones', async () => {
    // Arrange
    const deps = await createSeededDeps();

    // Act
    const result = await getUsersByName(deps)(['markus', 'nobody', 'alex', 'ghost']);

    // Assert
    expect(result.users.map((user) => user.username)).toEqual(['markus', 'alex']);
    expect(result.missing).toEqual(['nobody', 'ghost']);
  });

  it('returns everybody missing when no name exists', async () => {
    // Act
    const result = await getUsersByName(createInMemoryDeps())(['a1', 'b2']);

    // Assert
    expect(result).toEqual({ users: [], missing: ['a1', 'b2'] });
  });
});
