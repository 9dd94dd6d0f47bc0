import { functionUnderTest } from '@peer-rewards/function-runtime/testing';
import { sampleScheduledEvent } from '@peer-rewards/http-kit/testing';
import { METRICS } from '@peer-rewards/platform-manifest';
import type { GeneratorResult } from './generator.handler';

describe('generator-fn handler', () => {
  const fn = functionUnderTest('generator-fn', () => import('./index'), {
    env: { GENERATOR_REWARDS_PER_RUN: '4' },
    profiles: ['alex', 'andreas', 'markus', 'zuschauer'],
  });
  const run = (event = sampleScheduledEvent()) => fn.invoke<GeneratorResult>(event);

  it('creates rewards between distinct users for AWS sample scheduled event', async () => {
    // Act
    const result = await run();
    // Assert
    expect(result.created).toBe(4);
    const feed = await fn.rewards().feed({ limit: 10 });
    expect(feed.items).toHaveLength(4);
    for (const reward of feed.items) {
      expect(reward.from).not.toBe(reward.to);
      expect([5, 10, 15, 20, 25]).toContain(reward.points);
    }
  });

  it('creates nothing twice when the same event is delivered again', async () => {
    // Arrange
    const event = sampleScheduledEvent('retry-me-1');
    const first = await run(event);
    // Act
    const second = await run(structuredClone(event));
    // Assert
    expect(first.created).toBe(4);
    expect(second.created).toBe(0);
    expect((await fn.rewards().feed({ limit: 100 })).items).toHaveLength(8);
  });

  it('replays the same gifts when a profile was created between two deliveries of one event', async () => {
    // Arrange
    const event = sampleScheduledEvent('retry-after-signup-1');
    const before = (await fn.rewards().feed({ limit: 100 })).items;
    const first = await run(event);
    await fn
      .users()
      .upsert({ username: 'newcomer', displayName: 'Newcomer' }, new Date().toISOString());
    // Act
    const second = await run(structuredClone(event));
    // Assert
    const after = (await fn.rewards().feed({ limit: 100 })).items;
    expect(first.created).toBe(4);
    expect(second).toMatchObject({ created: 0, replayed: 4, rewardIds: [] });
    expect(after).toHaveLength(before.length + 4);
    expect(after.map((reward) => reward.id).sort()).toEqual(
      [...before.map((reward) => reward.id), ...first.rewardIds].sort(),
    );
  });

  it('counts every run in the metric contract, none of them failed', async () => {
    // Act
    await run(sampleScheduledEvent('counted-1'));
    // Assert
    expect(fn.metrics().at(-1)).toMatchObject({
      namespace: METRICS.namespace,
      dimensions: { FunctionName: 'generator-fn', Version: '$LATEST' },
      metrics: { [METRICS.requests]: 1, [METRICS.serverErrors]: 0 },
    });
  });
});
