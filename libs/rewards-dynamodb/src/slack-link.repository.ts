import { createHash, randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  DependencyUnavailableError,
  LinkCodeInvalidError,
  ProfileRequiredError,
  SlackUserLinkedError,
  type SlackIdentity,
  type SlackLink,
  type SlackLinkRepository,
} from '@peer-rewards/rewards-domain';
import { guarded, translateError, withCause } from './errors';
import { slackLinkCodeKey, slackLinkKey, userKey } from './keys';
import type { RepositoryOptions } from './repository-options';

const epochSeconds = (instant: string) => Math.floor(Date.parse(instant) / 1000);
const digestOf = (code: string) => createHash('sha256').update(code).digest('hex');

/** Attempts of the redeeming transaction when another write holds one of its items. */
const MAX_ATTEMPTS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const toLink = (item: Record<string, unknown>): SlackLink => ({
  teamId: item.teamId as string,
  userId: item.slackUserId as string,
  username: item.username as string,
  linkedAt: item.linkedAt as string,
});

/**
 * Slack links and their one-time codes. A code item (`SLACKCODE#<sha256>`) lives until its
 * `expiresAt`, which is checked in every condition (DynamoDB's TTL sweeper only tidies up); it
 * is spent, never deleted, in the same transaction that writes the link (`SLACK#<team>#<user>`).
 */
export class DynamoDbSlackLinkRepository implements SlackLinkRepository {
  constructor(private readonly options: RepositoryOptions) {}

  issueCode(code: string, identity: SlackIdentity, expiresAt: string, now: string): Promise<void> {
    return guarded(async () => {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            ...slackLinkCodeKey(digestOf(code)),
            teamId: identity.teamId,
            slackUserId: identity.userId,
            createdAt: now,
            expiresAt: epochSeconds(expiresAt),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    });
  }

  linkOf(identity: SlackIdentity): Promise<SlackLink | null> {
    return guarded(async () => {
      const { Item } = await this.options.client.send(
        new GetCommand({
          TableName: this.options.tableName,
          Key: slackLinkKey(identity.teamId, identity.userId),
          // A command right after linking must see the link.
          ConsistentRead: true,
        }),
      );
      return Item ? toLink(Item) : null;
    });
  }

  /**
   * 1. read the code (unknown, spent or expired: refused) and the Slack user's link (to another
   *    profile: refused);
   * 2. one transaction spends the code, writes the link and checks the profile, each under the
   *    condition read in step 1, so a race changes nothing; a cancellation names the refusal.
   */
  async redeemCode(code: string, username: string, now: string): Promise<SlackLink> {
    const { client, tableName } = this.options;
    const codeKey = slackLinkCodeKey(digestOf(code));
    const { Item: stored } = await guarded(() =>
      client.send(new GetCommand({ TableName: tableName, Key: codeKey, ConsistentRead: true })),
    );
    if (!stored || stored.usedAt || (stored.expiresAt as number) <= epochSeconds(now)) {
      throw new LinkCodeInvalidError();
    }
    const identity = { teamId: stored.teamId as string, userId: stored.slackUserId as string };
    const existing = await this.linkOf(identity);
    if (existing && existing.username !== username) throw new SlackUserLinkedError();

    const items = [
      {
        Update: {
          TableName: tableName,
          Key: codeKey,
          UpdateExpression: 'SET usedAt = :now, usedBy = :username',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :nowSeconds',
          ExpressionAttributeValues: {
            ':now': now,
            ':username': username,
            ':nowSeconds': epochSeconds(now),
          },
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: slackLinkKey(identity.teamId, identity.userId),
          UpdateExpression:
            'SET teamId = :teamId, slackUserId = :userId, username = :username, ' +
            'linkedAt = if_not_exists(linkedAt, :now)',
          ConditionExpression: 'attribute_not_exists(pk) OR username = :username',
          ExpressionAttributeValues: {
            ':teamId': identity.teamId,
            ':userId': identity.userId,
            ':username': username,
            ':now': now,
          },
        },
      },
      {
        ConditionCheck: {
          TableName: tableName,
          Key: userKey(username),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    ];
    // One token per call: the SDK's own retry of a write that landed is answered as done, while
    // two calls (two tabs redeeming one code) stay two requests and only one gets through.
    const token = randomBytes(15).toString('hex');
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: items,
            ClientRequestToken: `${token}-${attempt}`,
          }),
        );
        return existing ?? { ...identity, username, linkedAt: now };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) return translateError(error);
        const [spent, linked, profile] = (error.CancellationReasons ?? []).map(
          (reason) => reason.Code === 'ConditionalCheckFailed',
        );
        if (spent) throw new LinkCodeInvalidError();
        if (linked) throw new SlackUserLinkedError();
        if (profile) throw new ProfileRequiredError(username);
        if (attempt >= MAX_ATTEMPTS) {
          throw withCause(new DependencyUnavailableError(), error);
        }
        await sleep(Math.random() * 20 * 2 ** attempt);
      }
    }
  }
}
