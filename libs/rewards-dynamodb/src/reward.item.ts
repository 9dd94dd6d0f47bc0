import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Reward } from '@peer-rewards/rewards-domain';
import { guarded } from './errors';
import { feedPartition, giverPartition, receiverPartition, rewardKey } from './keys';
import type { RepositoryOptions } from './repository-options';

/** Reward ids are ULIDs: anything else cannot be a reward, so it is not looked up. */
export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The month (`2026-11`) of a reward, which names its feed partition. */
export const feedMonthOf = (reward: Pick<Reward, 'createdAt'>): string =>
  reward.createdAt.slice(0, 7);

/** The stored reward: its fields, its key and the partitions of the three feed indexes. */
export const rewardItem = (reward: Reward): Record<string, unknown> => ({
  ...rewardKey(reward.id),
  ...reward,
  type: 'reward',
  feedPk: feedPartition(feedMonthOf(reward)),
  toPk: receiverPartition(reward.to),
  fromPk: giverPartition(reward.from),
});

export const toReward = (item: Record<string, unknown>): Reward => ({
  id: item.id as string,
  from: item.from as string,
  to: item.to as string,
  points: item.points as number,
  message: item.message as string,
  createdAt: item.createdAt as string,
});

/** One reward by id; `consistent` right after a write (an idempotent replay). */
export const readReward = async (
  { client, tableName }: RepositoryOptions,
  id: string,
  consistent = false,
): Promise<Reward | null> => {
  if (!ULID.test(id)) return null;
  const response = await guarded(() =>
    client.send(
      new GetCommand({
        TableName: tableName,
        Key: rewardKey(id),
        ...(consistent ? { ConsistentRead: true } : {}),
      }),
    ),
  );
  return response.Item ? toReward(response.Item) : null;
};
