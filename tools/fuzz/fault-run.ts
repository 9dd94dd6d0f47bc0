/**
 * Fault injection from outside: `npm start` on a DynamoDB Local of our own (`-dbPath`, so its
 * data outlives it), a steady stream of gifts, then DynamoDB Local paused (SIGSTOP), killed and
 * started again on the same port and data — the stack itself is never restarted. What must hold:
 * only 201s and 503s with Retry-After (no 500, no answer later than the function timeout),
 * recovery, every gift present exactly once after retrying the 503s with their keys, and books
 * that balance.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEMO_USERS,
  freePort,
  spawnStack,
  startDynamoDbLocal,
  type DynamoDbLocal,
  type StackProcess,
} from '@peer-rewards/local-stack';
import { FUNCTIONS } from '@peer-rewards/platform-manifest';
import { readBooks, unbalanced } from './books';
import { serverErrorLines } from './stack-output';

export interface FaultRunOptions {
  /** Gifts before the pause and after the restart, in ms. */
  readonly steadyMs?: number;
  /** How long DynamoDB Local stays stopped before it is killed. */
  readonly pauseMs?: number;
  /** Concurrent senders. */
  readonly senders?: number;
  /**
   * How DynamoDB Local is killed after the pause. SIGTERM (the default) lets it finish writing
   * what it acknowledged; SIGKILL can lose its last ~0.2 s of acknowledged writes (the emulator's
   * own write-behind, see docs/local-stack.md "Faults and durability"), which is not our write path.
   */
  readonly kill?: 'SIGKILL' | 'SIGTERM';
  /** Bound on the number of gifts. */
  readonly maxGifts?: number;
  readonly log?: (line: string) => void;
}

export interface GiftAttempt {
  readonly key: string;
  readonly status: number;
  readonly retryAfter: string | null;
  readonly id?: string;
  /** The error code of a refusal, or API Gateway's own message when the function gave none. */
  readonly said?: string;
  readonly phase: Phase;
}

type Phase = 'steady' | 'paused' | 'down' | 'recovered';

export interface FaultRunResult {
  readonly attempts: readonly GiftAttempt[];
  /** `status → count` of the first attempt of every gift. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Everything that went wrong; empty when the run held up. */
  readonly problems: readonly string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const USERS = DEMO_USERS.map((user) => user.username);
const REWARDS_TIMEOUT_MS =
  (FUNCTIONS.find((fn) => fn.name === 'rewards-fn')?.timeoutSeconds ?? 10) * 1000;
/** An answer later than the function timeout plus this is a hang. */
const HANG_MARGIN_MS = 5_000;

const giftOf = (n: number) => {
  const from = USERS[n % USERS.length];
  const to = USERS[(n + 1 + (Math.floor(n / USERS.length) % (USERS.length - 1))) % USERS.length];
  return { from, body: { to, points: (n % 5) + 1, message: `fault gift ${n}` }, key: `fault-${n}` };
};

const send = async (stack: StackProcess, n: number) => {
  const gift = giftOf(n);
  try {
    const response = await fetch(`${stack.url}/rewards`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.tokenFor(gift.from)}`,
        'content-type': 'application/json',
        'idempotency-key': gift.key,
      },
      body: JSON.stringify(gift.body),
      signal: AbortSignal.timeout(REWARDS_TIMEOUT_MS + HANG_MARGIN_MS),
    });
    const body = (await response.json().catch(() => ({}))) as {
      id?: string;
      message?: string;
      error?: { code?: string };
    };
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      id: body.id,
      said: body.error?.code ?? body.message,
    };
  } catch {
    return { status: 0, retryAfter: null };
  }
};

export const runFaultInjection = async (options: FaultRunOptions = {}): Promise<FaultRunResult> => {
  const { steadyMs = 3_000, pauseMs = 5_000, senders = 4, kill = 'SIGTERM' } = options;
  const maxGifts = options.maxGifts ?? 3_000;
  const log = options.log ?? (() => undefined);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fault-'));
  const dbPath = path.join(dataDir, 'dynamodb');
  mkdirSync(dbPath);
  const problems: string[] = [];
  const attempts: GiftAttempt[] = [];
  let dynamodb: DynamoDbLocal | undefined;
  let stack: StackProcess | undefined;
  try {
    const dynamodbPort = await freePort();
    dynamodb = await startDynamoDbLocal({ port: dynamodbPort, dbPath });
    stack = spawnStack({
      port: await freePort(),
      dataDir,
      via: 'node',
      env: { DYNAMODB_ENDPOINT: dynamodb.endpoint },
      args: ['--function-env', 'MONTHLY_ALLOWANCE=1000000'],
    });
    await stack.waitUntilHealthy();

    let phase: Phase = 'steady';
    let next = 0;
    let sending = true;
    let recoveredAt = 0;
    const sender = async (running: StackProcess) => {
      while (sending && next < maxGifts) {
        const n = next++;
        const at = phase;
        const result = await send(running, n);
        attempts.push({ key: giftOf(n).key, phase: at, ...result });
        if (result.status === 201 && phase === 'recovered' && !recoveredAt)
          recoveredAt = Date.now();
        // A sender told to wait does, as a client honouring Retry-After would.
        if (result.status === 503) await sleep(100);
      }
    };
    const senderRuns = Array.from({ length: senders }, () => sender(stack as StackProcess));

    await sleep(steadyMs);
    log(`pausing DynamoDB Local (pid ${dynamodb.pid}) for ${pauseMs} ms`);
    phase = 'paused';
    process.kill(dynamodb.pid as number, 'SIGSTOP');
    await sleep(pauseMs);
    log(`killing it with ${kill}`);
    phase = 'down';
    process.kill(dynamodb.pid as number, kill);
    // A stopped process handles SIGTERM only once it runs again.
    if (kill !== 'SIGKILL') process.kill(dynamodb.pid as number, 'SIGCONT');
    await dynamodb.stop();
    await sleep(1_000);
    dynamodb = await startDynamoDbLocal({ port: dynamodbPort, dbPath });
    log('DynamoDB Local is back on the same port and data');
    phase = 'recovered';
    const backAt = Date.now();
    while (!recoveredAt && Date.now() - backAt < 60_000) await sleep(100);
    if (!recoveredAt) problems.push('no gift succeeded within 60 s of the restart');
    await sleep(steadyMs);
    sending = false;
    await Promise.all(senderRuns);

    problems.push(...(await settle(stack, attempts)));
    problems.push(...serverErrorLines(stack.output(), { allowStackTraces: true }));
  } finally {
    await stack?.stop();
    await dynamodb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const statuses: Record<string, number> = {};
  for (const attempt of attempts) statuses[attempt.status] = (statuses[attempt.status] ?? 0) + 1;
  return { attempts, statuses, problems };
};

/**
 * Checks every answer, retries every gift that got no 201 with its key until it does, then reads
 * the books: each gift exactly once, acknowledged ones with their id, everything balancing.
 */
const settle = async (stack: StackProcess, attempts: readonly GiftAttempt[]): Promise<string[]> => {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const attempt of attempts) {
    if (attempt.status === 201 && attempt.id) ids.set(attempt.key, attempt.id);
    else if (attempt.status === 0)
      problems.push(`${attempt.key} (${attempt.phase}): no answer within the function timeout`);
    else if (attempt.status !== 503)
      problems.push(`${attempt.key} (${attempt.phase}): ${attempt.status} (${attempt.said})`);
    else if (!attempt.retryAfter)
      problems.push(
        `${attempt.key} (${attempt.phase}): a 503 without Retry-After (${attempt.said})`,
      );
  }
  const acknowledged = new Map(ids);
  for (const attempt of attempts.filter((a) => a.status !== 201)) {
    const n = Number(attempt.key.slice('fault-'.length));
    let retried: { status: number; id?: string } = { status: 0 };
    for (let tries = 0; tries < 10 && retried.status !== 200 && retried.status !== 201; tries++) {
      retried = await send(stack, n);
      if (retried.status === 503) await sleep(1_000);
    }
    if (retried.id && (retried.status === 200 || retried.status === 201))
      ids.set(attempt.key, retried.id);
    else problems.push(`${attempt.key}: its retry with the same key answered ${retried.status}`);
  }
  const books = await readBooks(stack.url, stack.tokenFor('alex'), USERS);
  const byMessage = new Map<string, string[]>();
  for (const reward of books.feed) {
    byMessage.set(reward.message, [...(byMessage.get(reward.message) ?? []), reward.id]);
  }
  for (const [key, id] of ids) {
    const found = byMessage.get(`fault gift ${key.slice('fault-'.length)}`) ?? [];
    const was = acknowledged.has(key) ? 'acknowledged' : 'retried';
    if (found.length !== 1) problems.push(`${key} (${was}) is in the feed ${found.length} times`);
    else if (found[0] !== id)
      problems.push(`${key} (${was}) is in the feed as ${found[0]}, not ${id}`);
  }
  if (books.feed.length !== ids.size)
    problems.push(`the feed holds ${books.feed.length} rewards for ${ids.size} gifts`);
  problems.push(...unbalanced(books));
  return problems;
};
