/**
 * `npm run bench:writes`: `POST /rewards` through the local stack against DynamoDB Local alone
 * serving the same TransactWriteItems, side by side in one run on one DynamoDB Local.
 *
 *   npm run bench:writes -- [--duration 10] [--workers 8] [--rounds 2] [--dist dist/apps]
 *
 * Each of `--workers` callers gives rewards in a loop, always from its own giver to its own
 * receiver, so no two writes conflict and both sides measure throughput, not retries. The floor
 * builds each transaction with the adapter's own code from a snapshot it keeps itself (it is
 * the only writer of its items), so it sends what the function sends, minus the function's read.
 * Rounds alternate floor and stack; the ratio is of the summed rewards per second. Figures only.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, DynamoDbUserRepository } from '@peer-rewards/rewards-dynamodb';
import {
  giveRewardEntries,
  readGiveSnapshot,
  snapshotAfterGift,
  transactionToken,
  type GiveSnapshotWithProfiles,
} from '@peer-rewards/rewards-dynamodb/testing';
import { tableNameFor } from '@peer-rewards/platform-manifest';
import { periodKeysOf, type GiveRewardCommand } from '@peer-rewards/rewards-domain';
import { monotonicFactory } from 'ulid';
import {
  LOCAL_CREDENTIALS,
  createLocalIssuer,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from '@peer-rewards/local-stack';
import { parseBenchFlags } from './bench-args';
import { formatTable } from './format-table';
import { startStackProcess, stopStackProcess, type StackProcess } from './stack-process';

interface WritesOptions {
  durationSeconds: number;
  workers: number;
  rounds: number;
  distDir?: string;
}

const USAGE =
  'usage: npm run bench:writes -- [--duration 10] [--workers 8] [--rounds 2] [--dist dist/apps]';

export const parseWritesArgs = (argv: readonly string[]): WritesOptions => {
  const flags = parseBenchFlags(argv, USAGE, {
    duration: 120,
    workers: 64,
    rounds: 10,
    dist: 'path',
  });
  return {
    durationSeconds: (flags.duration as number | undefined) ?? 10,
    workers: (flags.workers as number | undefined) ?? 8,
    rounds: (flags.rounds as number | undefined) ?? 2,
    ...(flags.dist ? { distDir: flags.dist as string } : {}),
  };
};

const MESSAGE = 'Thanks for the review 🙌';
/** Allowance of the benchmark's givers (the stack runs with the same). */
const ALLOWANCE = 100_000_000;

/** Runs `work` in `workers` loops for `seconds`; how many of its calls succeeded. */
const loops = async (
  workers: number,
  seconds: number,
  work: (worker: number) => Promise<boolean>,
): Promise<{ done: number; failed: number }> => {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < until) {
        if (await work(worker)) done += 1;
        else failed += 1;
      }
    }),
  );
  return { done, failed };
};

/** The floor, the floor with the function's read, and the function behind the local stack. */
const SIDES = ['floor', 'read', 'stack'] as const;
type Side = (typeof SIDES)[number];
const LABELS: Record<Side, string> = {
  floor: 'DynamoDB Local alone: TransactWriteItems',
  read: 'DynamoDB Local alone: BatchGetItem + TransactWriteItems',
  stack: 'POST /rewards through the local stack',
};

const giverOf = (side: string, worker: number) => `${side}-giver-${worker}`;
const receiverOf = (side: string, worker: number) => `${side}-receiver-${worker}`;

export const main = async (argv: readonly string[]): Promise<number> => {
  let options: WritesOptions;
  try {
    options = parseWritesArgs(argv);
  } catch (error) {
    console.error(`bench:writes: ${(error as Error).message}`);
    return 2;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'peer-rewards-writes-'));
  let local: DynamoDbLocal | undefined;
  let started: StackProcess | undefined;
  const client = { current: undefined as ReturnType<typeof createDocumentClient> | undefined };
  try {
    console.log(`machine: ${cpus().length} cores, Node ${process.version}`);
    local = await startDynamoDbLocal({ inMemory: true });
    process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
    started = await startStackProcess({
      dataDir,
      distDir: options.distDir,
      dynamodbEndpoint: local.endpoint,
    });
    const { url, tableName } = { url: started.stack.url, tableName: tableNameFor('local') };
    const documents = createDocumentClient({ endpoint: local.endpoint, region: 'us-east-1' });
    client.current = documents;
    const users = new DynamoDbUserRepository({ client: documents, tableName });
    const now = new Date().toISOString();
    for (let worker = 0; worker < options.workers; worker += 1) {
      for (const side of SIDES) {
        for (const username of [giverOf(side, worker), receiverOf(side, worker)])
          await users.upsert({ username, displayName: `Bench ${username}` }, now);
      }
    }
    const issuer = createLocalIssuer({ keyFile: path.join(dataDir, 'local-issuer.json') });
    const tokens = Array.from({ length: options.workers }, (_, worker) =>
      issuer.sign(giverOf('stack', worker)),
    );

    const ids = monotonicFactory();
    const commandOf = (worker: number, side: Side = 'floor'): GiveRewardCommand => {
      const createdAt = new Date().toISOString();
      const to = receiverOf(side, worker);
      return {
        reward: {
          id: ids(),
          from: giverOf(side, worker),
          to,
          points: 1,
          message: MESSAGE,
          createdAt,
        },
        periods: periodKeysOf(new Date(createdAt)),
        allowance: ALLOWANCE,
        idempotency: { key: randomUUID(), fingerprint: JSON.stringify([to, 1, MESSAGE]) },
      };
    };
    const snapshots = await Promise.all(
      Array.from({ length: options.workers }, (_, worker) =>
        readGiveSnapshot({ client: documents, tableName }, commandOf(worker), true),
      ),
    );
    const transact = async (command: GiveRewardCommand, snapshot: GiveSnapshotWithProfiles) => {
      const entries = giveRewardEntries(tableName, command, snapshot);
      await documents.send(
        new TransactWriteCommand({
          TransactItems: entries.map((entry) => entry.item),
          ClientRequestToken: transactionToken(entries, 1),
        }),
      );
    };
    const floor = async (worker: number): Promise<boolean> => {
      const command = commandOf(worker);
      const snapshot = snapshots[worker] as GiveSnapshotWithProfiles;
      try {
        await transact(command, snapshot);
        snapshots[worker] = snapshotAfterGift(snapshot, command);
        return true;
      } catch {
        return false;
      }
    };
    const read = async (worker: number): Promise<boolean> => {
      const command = commandOf(worker, 'read');
      try {
        const snapshot = await readGiveSnapshot({ client: documents, tableName }, command, false);
        await transact(command, snapshot as GiveSnapshotWithProfiles);
        return true;
      } catch {
        return false;
      }
    };
    const stack = async (worker: number): Promise<boolean> => {
      const response = await fetch(`${url}/rewards`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens[worker]}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({ to: receiverOf('stack', worker), points: 1, message: MESSAGE }),
      });
      await response.arrayBuffer();
      return response.status === 201;
    };

    // A short warm-up of both sides: the JVM's JIT and the function's first invocation.
    const work: Record<Side, (worker: number) => Promise<boolean>> = { floor, read, stack };
    for (const side of SIDES) await loops(options.workers, 1, work[side]);
    const totals = Object.fromEntries(
      SIDES.map((side) => [side, { done: 0, failed: 0 }]),
    ) as Record<Side, { done: number; failed: number }>;
    const rows: string[][] = [['round', 'side', 'rewards/s', 'rewards', 'failed']];
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const side of SIDES) {
        const result = await loops(options.workers, options.durationSeconds, work[side]);
        totals[side].done += result.done;
        totals[side].failed += result.failed;
        rows.push([
          String(round),
          LABELS[side],
          (result.done / options.durationSeconds).toFixed(1),
          String(result.done),
          String(result.failed),
        ]);
        console.log(rows.at(-1)?.join('  '));
      }
    }
    console.log(`\n${options.workers} workers, ${options.durationSeconds} s per side and round\n`);
    console.log(formatTable(rows));
    const ratio = (side: Side) => (totals[side].done / Math.max(1, totals.floor.done)).toFixed(2);
    console.log(`\nPOST /rewards / DynamoDB Local alone (TransactWriteItems): ${ratio('stack')}`);
    console.log(`BatchGetItem + TransactWriteItems / TransactWriteItems alone: ${ratio('read')}`);
    return 0;
  } catch (error) {
    console.error(`bench:writes: ${(error as Error).message}`);
    return 1;
  } finally {
    client.current?.destroy();
    if (started) await stopStackProcess(started.child);
    await local?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
