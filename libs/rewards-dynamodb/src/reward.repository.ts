import type {
  BoardLine,
  FeedRequest,
  GiveRewardCommand,
  GiveRewardOutcome,
  Page,
  PeriodKeys,
  Reward,
  RewardRepository,
  UserStanding,
} from '@peer-rewards/rewards-domain';
import { feed, type FeedQueryOptions } from './feed.queries';
import { FeedMonths } from './feed-months';
import { giveInOneTransaction } from './give-reward.transaction';
import { createCursorCodec } from './cursor';
import type { RepositoryOptions, SignedCursorOptions } from './repository-options';
import { readReward } from './reward.item';
import { spent, standing, topReceivers } from './tallies.queries';

/** Default of `filteredReadLimit`: items one page of a filtered feed may read at most. */
const FILTERED_READ_LIMIT = 1_000;

export interface RewardRepositoryOptions extends RepositoryOptions, SignedCursorOptions {
  /**
   * Most items one page of `GET /rewards?to=a&from=b` reads. Only one of the two is a key; the
   * other is a filter, so a page could otherwise read a whole partition to find a match. When
   * the limit is reached the page ends early, with a cursor that continues where it stopped.
   */
  readonly filteredReadLimit?: number;
}

/**
 * Rewards and their counters. Giving is one BatchGetItem and one TransactWriteItems
 * (`give-reward.transaction`); every read is a GetItem, BatchGetItem or a Query with a limit
 * (`feed.queries`, `tallies.queries`), so no request's cost grows with the table. This class
 * only wires them.
 */
export class DynamoDbRewardRepository implements RewardRepository {
  private readonly options: FeedQueryOptions;

  constructor(options: RewardRepositoryOptions) {
    const table = { client: options.client, tableName: options.tableName };
    this.options = {
      ...table,
      feedMonths: new FeedMonths(table),
      filteredReadLimit: Math.max(1, options.filteredReadLimit ?? FILTERED_READ_LIMIT),
      cursors: createCursorCodec(options.cursorSigningKey),
    };
  }

  give(command: GiveRewardCommand): Promise<GiveRewardOutcome> {
    return giveInOneTransaction(this.options, command);
  }

  get(id: string): Promise<Reward | null> {
    return readReward(this.options, id);
  }

  feed(request: FeedRequest): Promise<Page<Reward>> {
    return feed(this.options, request);
  }

  topReceivers(periodKey: string, limit: number): Promise<BoardLine[]> {
    return topReceivers(this.options, periodKey, limit);
  }

  standing(username: string, periods: PeriodKeys): Promise<UserStanding> {
    return standing(this.options, username, periods);
  }

  spent(username: string, monthKey: string): Promise<number> {
    return spent(this.options, username, monthKey);
  }
}
