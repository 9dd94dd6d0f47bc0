import {
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type {
  Page,
  PageRequest,
  ProfileWrite,
  User,
  UserRepository,
} from '@peer-rewards/rewards-domain';
import { createCursorCodec, type CursorCodec } from './cursor';
import { batchGet } from './batch-get';
import { carryNamesToBoards } from './board-names';
import { guarded } from './errors';
import { USERS_PARTITION, userKey } from './keys';
import type { RepositoryOptions, SignedCursorOptions } from './repository-options';
import { INDEX } from './table.definition';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

const toUser = (item: Record<string, unknown>): User => ({
  username: item.username as string,
  displayName: item.displayName as string,
  ...(item.avatar ? { avatar: item.avatar as string } : {}),
  createdAt: item.createdAt as string,
});

/**
 * Profiles: one item per user, also indexed by username in one `USERS` partition for paging.
 * A new name or avatar is carried onto the boards that show it (`board-names`).
 */
export class DynamoDbUserRepository implements UserRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly cursors: CursorCodec;

  constructor(options: RepositoryOptions & SignedCursorOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.cursors = createCursorCodec(options.cursorSigningKey);
  }

  upsert(profile: ProfileWrite, now: string): Promise<{ user: User; created: boolean }> {
    return guarded(async () => {
      const response = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: userKey(profile.username),
          UpdateExpression:
            'SET username = :username, displayName = :displayName, usersPk = :usersPk, ' +
            'createdAt = if_not_exists(createdAt, :now), updatedAt = :now' +
            (profile.avatar ? ', avatar = :avatar' : ' REMOVE avatar'),
          ExpressionAttributeValues: {
            ':username': profile.username,
            ':displayName': profile.displayName,
            ':usersPk': USERS_PARTITION,
            ':now': now,
            ...(profile.avatar ? { ':avatar': profile.avatar } : {}),
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const previous = response.Attributes;
      const renamed =
        previous &&
        (previous.displayName !== profile.displayName || previous.avatar !== profile.avatar);
      if (renamed) {
        await carryNamesToBoards(
          { client: this.client, tableName: this.tableName },
          profile.username,
          profile,
          now,
        );
      }
      const user: User = {
        username: profile.username,
        displayName: profile.displayName,
        ...(profile.avatar ? { avatar: profile.avatar } : {}),
        createdAt: (previous?.createdAt as string | undefined) ?? now,
      };
      return { user, created: !previous };
    });
  }

  get(username: string): Promise<User | null> {
    return guarded(async () => {
      const response = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: userKey(username) }),
      );
      return response.Item ? toUser(response.Item) : null;
    });
  }

  getMany(usernames: readonly string[]): Promise<User[]> {
    return guarded(async () => {
      const keys = [...new Set(usernames)].map(userKey);
      return (await batchGet({ client: this.client, tableName: this.tableName }, keys)).map(toUser);
    });
  }

  list(page: PageRequest): Promise<Page<User>> {
    return guarded(async () => {
      const after = page.cursor
        ? (await this.cursors.decode(page.cursor, 'users', USERNAME)).after
        : undefined;
      const response = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEX.users,
          KeyConditionExpression: 'usersPk = :users',
          ExpressionAttributeValues: { ':users': USERS_PARTITION },
          Limit: page.limit + 1,
          ...(after
            ? {
                ExclusiveStartKey: { ...userKey(after), usersPk: USERS_PARTITION, username: after },
              }
            : {}),
        }),
      );
      const users = (response.Items ?? []).map(toUser);
      const items = users.slice(0, page.limit);
      const last = items.at(-1);
      return users.length > page.limit && last
        ? { items, nextCursor: await this.cursors.encode('users', { after: last.username }) }
        : { items };
    });
  }
}
