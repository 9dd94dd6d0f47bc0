/**
 * The built artifact keeps the metric contract: what CloudWatch would read from its stdout when
 * it answers a 5xx is the namespace, metric and dimensions the delivery alarms watch.
 * Needs `npm run build` (which `npm test` runs first).
 */
import { existsSync } from 'node:fs';
import { METRICS, METRIC_DIMENSION_SETS } from '@peer-rewards/platform-manifest';
import { BUNDLE, bundleEnv, invokeBundle } from '../test/invoke-bundle';

describe('the built rewards-fn bundle', () => {
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first.`);
    env = await bundleEnv();
  });

  it('prints one EMF line with ServerErrors 1 for its version when DynamoDB is down', () => {
    // Act
    const { response, metrics } = invokeBundle(
      { method: 'GET', path: '/rewards', user: 'alex' },
      env,
    );
    // Assert
    expect(response).toMatchObject({ statusCode: 503, headers: { 'retry-after': '1' } });
    expect(metrics).toEqual([
      {
        timestamp: expect.any(Number),
        namespace: METRICS.namespace,
        dimensionSets: METRIC_DIMENSION_SETS,
        dimensions: {
          [METRICS.dimensions.functionName]: 'rewards-fn',
          [METRICS.dimensions.version]: '7',
        },
        metrics: { [METRICS.requests]: 1, [METRICS.serverErrors]: 1 },
        units: { [METRICS.requests]: 'Count', [METRICS.serverErrors]: 'Count' },
      },
    ]);
  });

  it('serves every component of the OpenAPI document, though bundling drops unused schemas', () => {
    // Act
    const { response } = invokeBundle({ method: 'GET', path: '/openapi.json' }, env);
    const document = JSON.parse(response.body) as { components: { schemas: object } };
    // Assert
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'Bff',
      'Error',
      'GiveReward',
      'Health',
      'Leaderboard',
      'LeaderboardEntry',
      'ProfileInput',
      'Reward',
      'RewardList',
      'User',
      'UserBatch',
      'UserList',
      'UserProfile',
    ]);
  });

  it('prints ServerErrors 0 for an answer that needs no database', () => {
    // Act
    const { response, metrics } = invokeBundle({ method: 'GET', path: '/health' }, env);
    // Assert
    expect(response).toMatchObject({ statusCode: 200 });
    expect(metrics).toMatchObject([
      { metrics: { [METRICS.requests]: 1, [METRICS.serverErrors]: 0 } },
    ]);
  });
});
