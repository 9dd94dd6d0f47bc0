import { estimateMonthlyCost, type CostFigures, type RequestCost, type Usage } from './model';
import { PRICES, type Prices } from './prices';

const request = (overrides: Partial<RequestCost> = {}): RequestCost => ({
  readUnits: 0,
  writeUnits: 0,
  durationMs: 0,
  responseBytes: 0,
  logBytes: 0,
  memoryMb: 1024,
  ...overrides,
});

const NOTHING: CostFigures = {
  leaderboard: request(),
  leaderboardUnchanged: request(),
  feed: request(),
  feedUnchanged: request(),
  ownProfile: request(),
  ownProfileUnchanged: request(),
  giveReward: request(),
  dashboardBytes: 0,
};

/** Prices of one dollar per unit of one thing and nothing for the rest. */
const only = (key: keyof Omit<Prices, 'asOf' | 'region'>): Prices =>
  ({
    ...Object.fromEntries(Object.keys(PRICES).map((name) => [name, 0])),
    asOf: PRICES.asOf,
    region: PRICES.region,
    [key]: 1,
  }) as unknown as Prices;

/** One viewer for one hour polling every 10 s: 360 polls; 1 person giving 36 rewards. */
const HOUR: Usage = {
  users: 1,
  rewardsPerUserMonth: 36,
  viewers: 1,
  pollSeconds: 10,
  hoursPerMonth: 1,
  historyMonths: 1,
};

describe('estimateMonthlyCost', () => {
  it('counts three requests per poll and one per reward, for Lambda and the HTTP API alike', () => {
    // Act
    const lambda = estimateMonthlyCost(HOUR, NOTHING, only('lambdaRequest'));
    const api = estimateMonthlyCost(HOUR, NOTHING, only('httpApiRequest'));
    // Assert: 360 polls × 3 + 36 rewards
    expect(lambda.parts.lambda).toBe(1116);
    expect(api.parts.apiGateway).toBe(1116);
    expect(api.monthlyUsd).toBe(1116);
  });

  it('answers a poll in full only when a reward came in since the last one', () => {
    // Arrange: 36 rewards an hour and a poll every 10 s: one poll in ten sees a change
    const figures = {
      ...NOTHING,
      leaderboard: request({ readUnits: 10, responseBytes: 1024 ** 3 }),
      leaderboardUnchanged: request({ readUnits: 1 }),
    };
    // Act
    const reads = estimateMonthlyCost(HOUR, figures, only('dynamodbReadUnit'));
    const transfer = estimateMonthlyCost(HOUR, figures, only('dataTransferOutGb'));
    // Assert
    expect(reads.parts.dynamodb).toBeCloseTo(36 * 10 + 324 * 1, 6);
    expect(transfer.parts.dataTransfer).toBeCloseTo(36, 6);
  });

  it('bills Lambda by memory and duration rounded up to the millisecond', () => {
    // Arrange: 1.2 ms billed as 2 ms at 512 MB, for 36 rewards
    const figures = { ...NOTHING, giveReward: request({ durationMs: 1.2, memoryMb: 512 }) };
    // Act
    const estimate = estimateMonthlyCost(HOUR, figures, only('lambdaGbSecond'));
    // Assert
    expect(estimate.parts.lambda).toBeCloseTo(36 * 0.002 * 0.5, 6);
  });

  it('prices writes, logs, storage and the dashboard from the measured units and bytes', () => {
    // Arrange
    const figures = {
      ...NOTHING,
      giveReward: request({ writeUnits: 16, logBytes: 1024 ** 3 }),
      dashboardBytes: 1024 ** 3,
    };
    // Act
    const writes = estimateMonthlyCost(HOUR, figures, only('dynamodbWriteUnit'));
    const logs = estimateMonthlyCost(HOUR, figures, only('logsIngestionGb'));
    const storage = estimateMonthlyCost(
      { ...HOUR, historyMonths: 12 },
      figures,
      only('dynamodbStorageGbMonth'),
    );
    const cdn = estimateMonthlyCost({ ...HOUR, hoursPerMonth: 10 }, figures, only('cloudfrontGb'));
    // Assert
    expect(writes.parts.dynamodb).toBe(36 * 16);
    expect(logs.parts.cloudwatchLogs).toBe(36);
    expect(storage.parts.dynamodb).toBeCloseTo((36 * 12 * 2000) / 1024 ** 3, 4);
    expect(cdn.parts.cloudfront).toBe(1);
  });

  it('costs nothing when nobody gives or looks', () => {
    // Act
    const estimate = estimateMonthlyCost(
      { ...HOUR, users: 0, viewers: 0 },
      { ...NOTHING, giveReward: request({ writeUnits: 16 }) },
      PRICES,
    );
    // Assert
    expect(estimate.monthlyUsd).toBe(0);
    expect(Object.values(estimate.parts)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
