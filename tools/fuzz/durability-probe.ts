/**
 * Does DynamoDB Local lose its last acknowledged commit when it is killed? The question apart
 * from our write path: a TransactWriteItems of two items (as a reward's transaction writes
 * several), acknowledged, then SIGKILL at once, a restart on the same `-dbPath`, and a
 * consistent read of both items. `npm run fault -- --durability 20` runs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from '@peer-rewards/local-stack';
import { ensureTable } from '@peer-rewards/rewards-dynamodb';

export interface DurabilityResult {
  readonly rounds: number;
  /** Rounds whose acknowledged transaction was not there after the restart. */
  readonly lost: readonly number[];
}

const TABLE = 'durability-probe';

const clientFor = (endpoint: string) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );

export interface DurabilityOptions {
  readonly rounds: number;
  /** How DynamoDB Local is stopped right after the acknowledgement. */
  readonly signal?: 'SIGKILL' | 'SIGTERM';
  /** Wait this long between the acknowledgement and the signal. */
  readonly afterMs?: number;
  readonly log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const probeDurability = async ({
  rounds,
  signal = 'SIGKILL',
  afterMs = 0,
  log = () => undefined,
}: DurabilityOptions): Promise<DurabilityResult> => {
  const dbPath = mkdtempSync(path.join(tmpdir(), 'durability-'));
  const port = await freePort();
  const lost: number[] = [];
  let dynamodb: DynamoDbLocal | undefined;
  try {
    dynamodb = await startDynamoDbLocal({ port, dbPath });
    const admin = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await ensureTable(admin, TABLE);
    admin.destroy();
    for (let round = 0; round < rounds; round += 1) {
      const client = clientFor(dynamodb.endpoint);
      const keys = [`ROUND#${round}#A`, `ROUND#${round}#B`];
      await client.send(
        new TransactWriteCommand({
          TransactItems: keys.map((pk) => ({
            Put: { TableName: TABLE, Item: { pk, sk: 'x', round } },
          })),
        }),
      );
      // Acknowledged: now stop it, at once or after `afterMs`.
      if (afterMs > 0) await sleep(afterMs);
      process.kill(dynamodb.pid as number, signal);
      client.destroy();
      await dynamodb.stop();
      dynamodb = await startDynamoDbLocal({ port, dbPath });
      const reader = clientFor(dynamodb.endpoint);
      const found = await Promise.all(
        keys.map((pk) =>
          reader.send(
            new GetCommand({ TableName: TABLE, Key: { pk, sk: 'x' }, ConsistentRead: true }),
          ),
        ),
      );
      reader.destroy();
      const present = found.filter((result) => result.Item).length;
      if (present !== keys.length) lost.push(round);
      log(`round ${round + 1}/${rounds}: ${present}/${keys.length} items after ${signal}`);
    }
  } finally {
    await dynamodb?.stop();
    rmSync(dbPath, { recursive: true, force: true });
  }
  return { rounds, lost };
};
