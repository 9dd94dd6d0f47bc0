/** Seeds the demo users through users-fn itself, so the profiles are exactly what the API writes. */
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requestEvent, type HttpApiEvent } from '@peer-rewards/lambda-events';
import { routeKeyOf } from '@peer-rewards/platform-manifest';
import { DEMO_USERS } from './demo-users';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './local-issuer';

export interface SeedOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly usersFnBuilt: boolean;
  /** Invokes users-fn with the event and answers the HTTP status it returned. */
  readonly invoke: (event: HttpApiEvent) => Promise<number>;
  readonly log: (line: string) => void;
}

/** The `PUT /users/me` event a demo user's own request would produce. */
export const putProfileEvent = (
  username: string,
  body: { displayName: string; avatar: string },
): HttpApiEvent =>
  requestEvent({
    method: 'PUT',
    path: '/users/me',
    headers: { host: 'localhost' },
    body,
    user: username,
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    routeKey: routeKeyOf({ path: '/users/me', methods: ['PUT'], public: false }),
  });

/**
 * Puts every demo user's profile when the table holds no item yet; returns how many it seeded.
 * Local tooling only: one Scan item says whether the table is empty (the functions never Scan).
 */
export const seedDemoUsers = async ({
  client,
  tableName,
  usersFnBuilt,
  invoke,
  log,
}: SeedOptions): Promise<number> => {
  const probe = await client.send(new ScanCommand({ TableName: tableName, Limit: 1 }));
  if ((probe.Count ?? 0) > 0) return 0;
  if (!usersFnBuilt) {
    log(
      '[seed] users-fn is not built: demo users not seeded (npx nx run users-fn:build, then restart).',
    );
    return 0;
  }
  let seeded = 0;
  for (const user of DEMO_USERS) {
    const status = await invoke(
      putProfileEvent(user.username, { displayName: user.displayName, avatar: user.avatar }),
    );
    if (status === 200 || status === 201) seeded += 1;
    else log(`[seed] PUT /users/me for ${user.username} answered ${status}.`);
  }
  log(`[seed] ${seeded} demo users created through users-fn.`);
  return seeded;
};
