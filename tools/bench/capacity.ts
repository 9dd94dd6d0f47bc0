/**
 * Consumed capacity and latency of every repository operation, measured on DynamoDB Local at two
 * table sizes. The point: what a request costs must not grow with the number of rewards.
 * (`npm run bench:calls` counts the same per HTTP request, through the built functions.)
 *
 *   npm run bench                      # 200 and 2,000 rewards
 *   npm run bench -- --sizes 100,1000,5000
 */
import { createTestTable } from '@peer-rewards/rewards-dynamodb/testing';
import { DynamoDbRewardRepository, DynamoDbUserRepository } from '@peer-rewards/rewards-dynamodb';
import {
  getLeaderboard,
  getProfile,
  giveReward,
  DEFAULT_RULES,
  periodKeysOf,
  type Clock,
} from '@peer-rewards/rewards-domain';
import { monotonicFactory } from 'ulid';
import { startDynamoDbLocal } from '@peer-rewards/local-stack';

interface Sample {
  readonly capacity: number;
  readonly ms: number;
}

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};

const sizes = argument('sizes', '200,2000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);

const USERS = 60;

const main = async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const local = process.env.DYNAMODB_ENDPOINT
    ? undefined
    : await startDynamoDbLocal({ inMemory: true });
  process.env.DYNAMODB_ENDPOINT ??= local?.endpoint;
  console.log(
    `DynamoDB at ${process.env.DYNAMODB_ENDPOINT}; ${USERS} users; table sizes ${sizes.join(', ')} rewards`,
  );
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const size of sizes) rows.push(...(await measure(size)));
  } finally {
    await local?.stop();
  }
  console.table(rows);
};

const measure = async (size: number) => {
  const table = await createTestTable('bench');
  let consumed = 0;
  // Ask every call for its consumed capacity and add it up.
  table.client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as {
        ConsumedCapacity?: Array<{ CapacityUnits?: number }> | { CapacityUnits?: number };
      };
      const list = Array.isArray(output.ConsumedCapacity)
        ? output.ConsumedCapacity
        : output.ConsumedCapacity
          ? [output.ConsumedCapacity]
          : [];
      consumed += list.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
      return result;
    },
    { step: 'initialize', name: 'consumedCapacity' },
  );
  const users = new DynamoDbUserRepository(table);
  const rewards = new DynamoDbRewardRepository(table);
  const clock: Clock = { now: () => new Date() };
  const ids = monotonicFactory();
  const rules = { ...DEFAULT_RULES, monthlyAllowance: 1_000_000 };
  const names = Array.from({ length: USERS }, (_, i) => `user-${String(i).padStart(2, '0')}`);
  const now = clock.now().toISOString();
  for (const name of names) await users.upsert({ username: name, displayName: name }, now);
  const give = giveReward({ rewards, clock, ids: { next: () => ids() }, rules });

  process.stdout.write(`filling ${size} rewards `);
  for (let i = 0; i < size; i += 1) {
    const from = names[i % USERS];
    const to =
      names[(i * 7 + 3) % USERS] === from ? names[(i + 1) % USERS] : names[(i * 7 + 3) % USERS];
    await give({ giver: from, body: { to, points: 1 + (i % 5), message: `bench ${i} 🎉` } });
    if (i % Math.max(1, Math.floor(size / 20)) === 0) process.stdout.write('.');
  }
  process.stdout.write(' done\n');

  const run = async (
    name: string,
    operation: () => Promise<unknown>,
    times = 20,
  ): Promise<Record<string, string | number>> => {
    const samples: Sample[] = [];
    for (let i = 0; i < times; i += 1) {
      consumed = 0;
      const started = performance.now();
      await operation();
      samples.push({ capacity: consumed, ms: performance.now() - started });
    }
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    return {
      rewards: size,
      operation: name,
      'capacity units': Number(
        (samples.reduce((sum, s) => sum + s.capacity, 0) / times).toFixed(2),
      ),
      'p50 ms': Number(ms[Math.floor(times / 2)].toFixed(1)),
      'p95 ms': Number(ms[Math.floor(times * 0.95)].toFixed(1)),
    };
  };

  const periods = periodKeysOf(clock.now());
  let n = 0;
  const result = [
    await run('give reward (transaction)', () =>
      give({
        giver: names[n % USERS],
        body: { to: names[(n++ + 1) % USERS], points: 1, message: 'measured 🙌' },
      }),
    ),
    await run('feed page of 20', () => rewards.feed({ limit: 20 })),
    await run('feed page of 20, to one user', () => rewards.feed({ limit: 20, to: names[5] })),
    await run('leaderboard of 10 (week) with BFFs', () =>
      getLeaderboard({ rewards, clock })({ period: 'week', limit: 10 }),
    ),
    await run('leaderboard of 10 (all) with BFFs', () =>
      getLeaderboard({ rewards, clock })({ period: 'all', limit: 10 }),
    ),
    await run('leaderboard of 50 (month) with BFFs', () =>
      getLeaderboard({ rewards, clock })({ period: 'month', limit: 50 }),
    ),
    await run('profile with stats and BFF', () =>
      getProfile({ users, rewards, clock, rules })({ username: names[3], caller: names[3] }),
    ),
    await run('users page of 20', () => users.list({ limit: 20 })),
    await run('standing of one user (totals, BFF)', () => rewards.standing(names[3], periods)),
  ];
  await table.drop();
  return result;
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
