import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { guarded } from './errors';
import { feedMonthsKey } from './keys';
import type { RepositoryOptions } from './repository-options';

/**
 * The months that have a feed partition (`META/FEED_MONTHS`), so the whole feed can page back
 * month by month without guessing. A month is added once per container, before its first
 * reward is written (an idempotent `ADD` to a string set).
 */
export class FeedMonths {
  private readonly known = new Set<string>();

  constructor(private readonly options: RepositoryOptions) {}

  async register(month: string): Promise<void> {
    if (this.known.has(month)) return;
    const { client, tableName } = this.options;
    await guarded(() =>
      client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: feedMonthsKey,
          UpdateExpression: 'ADD months :month',
          ExpressionAttributeValues: { ':month': new Set([month]) },
        }),
      ),
    );
    this.known.add(month);
  }

  /** Months with a feed partition, newest first. */
  async newestFirst(): Promise<string[]> {
    const { client, tableName } = this.options;
    const response = await guarded(() =>
      client.send(
        new GetCommand({ TableName: tableName, Key: feedMonthsKey, ConsistentRead: true }),
      ),
    );
    const months = [...((response.Item?.months as Set<string> | undefined) ?? [])];
    return months.sort().reverse();
  }
}
