/**
 * The fuzz run: `npm start` (in memory) as a child, a few real rewards so the counters are not
 * zero, the books read through the API, then `requests` generated requests sent over raw
 * HTTP/1.1 to 127.0.0.1. What must hold: no 5xx, no answer later than the function timeout, no
 * stack trace or token in any body or in anything the stack printed, and nothing written but by
 * the requests that were accepted (the feed, the leaderboard and every profile's totals).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_USERS, freePort, spawnStack, type StackProcess } from '@peer-rewards/local-stack';
import { readBooks, unbalanced, type Books, type FeedReward } from './books';
import { fuzzRequest, type FuzzRequest } from './fuzz-requests';
import { leakIn, serverErrorLines } from './stack-output';

export interface FuzzRunOptions {
  readonly seed: number;
  readonly requests: number;
  /** Requests in flight at once. */
  readonly concurrency?: number;
  /** The run stops sending after this long, whatever `requests` says. */
  readonly maxDurationMs?: number;
  /** Sent first, one at a time on one connection (regression cases). */
  readonly first?: readonly FuzzRequest[];
}

export interface FuzzResponse {
  readonly status: number;
  readonly body: string;
}

export interface FuzzRunResult {
  readonly seed: number;
  readonly sent: number;
  /** `status → count`; 0 is "no answer within the function timeout". */
  readonly statuses: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
  readonly durationMs: number;
}

const USERS = DEMO_USERS.map((user) => user.username);
/** rewards-fn's and users-fn's timeout, plus a margin: later than this is a hang. */
const ANSWER_WITHIN_MS = 15_000;
/** Enough of a body to look for leaks; the rest is drained. */
const BODY_KEPT_BYTES = 256 * 1024;

const authorization = (stack: StackProcess, fuzz: FuzzRequest): string | undefined => {
  switch (fuzz.auth.type) {
    case 'user':
      return `Bearer ${stack.tokenFor(fuzz.auth.username)}`;
    case 'claims':
      return `Bearer ${stack.tokenFor('fuzz', { claims: fuzz.auth.claims })}`;
    case 'raw':
      return fuzz.auth.header;
    default:
      return undefined;
  }
};

/** Sends one request as it was generated: raw headers, any method, the path as it is. */
export const sendRaw = (
  stack: StackProcess,
  fuzz: FuzzRequest,
  agent: Agent,
): Promise<FuzzResponse> =>
  new Promise((resolve) => {
    const url = new URL(stack.url);
    // Raw headers get no Host of Node's own, and an HTTP/1.1 request without one is refused.
    const headers: string[] = ['host', url.host];
    for (const [name, value] of fuzz.headers) headers.push(name, value);
    const auth = authorization(stack, fuzz);
    if (auth !== undefined) headers.push('authorization', auth);
    if (fuzz.body) headers.push('content-length', String(fuzz.body.length));
    const req = request({
      host: url.hostname,
      port: url.port,
      method: fuzz.method,
      path: fuzz.path,
      headers,
      agent,
      timeout: ANSWER_WITHIN_MS,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < BODY_KEPT_BYTES) chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, body: String(error) }));
    req.end(fuzz.body);
  });

const describe = (fuzz: FuzzRequest) =>
  `#${fuzz.index} ${fuzz.method} ${fuzz.path.slice(0, 120)} [${fuzz.kind}, auth ${fuzz.auth.type}]`;

/** Problems with one answer: a 5xx, no answer, a leak in the body. */
export const answerProblems = (fuzz: FuzzRequest, response: FuzzResponse): string[] => {
  const problems: string[] = [];
  if (response.status === 0) problems.push(`${describe(fuzz)}: no answer (${response.body})`);
  if (response.status >= 500)
    problems.push(`${describe(fuzz)}: ${response.status} ${response.body.slice(0, 200)}`);
  // The local issuer's endpoint hands out tokens: that is what it is for.
  const issuesTokens = fuzz.path.startsWith('/local/token') && response.status === 200;
  const leak = issuesTokens ? null : leakIn(response.body);
  if (leak) problems.push(`${describe(fuzz)}: ${leak} in the body`);
  return problems;
};

/** The books after the run must be the books before plus the rewards that were accepted. */
const bookProblems = (before: Books, after: Books, accepted: readonly FeedReward[]): string[] => {
  const problems = unbalanced(after);
  const expected = new Set([...before.feed, ...accepted].map((reward) => reward.id));
  const found = new Set(after.feed.map((reward) => reward.id));
  for (const id of found)
    if (!expected.has(id)) problems.push(`reward ${id} was written by a refused request`);
  for (const id of expected)
    if (!found.has(id)) problems.push(`reward ${id} is gone from the feed`);
  for (const username of USERS) {
    const delta = { received: 0, given: 0 };
    for (const reward of accepted) {
      if (reward.to === username) delta.received += reward.points;
      if (reward.from === username) delta.given += reward.points;
    }
    const was = before.stats[username];
    const is = after.stats[username];
    if (is.received !== was.received + delta.received || is.given !== was.given + delta.given)
      problems.push(
        `${username}: totals moved from ${JSON.stringify(was)} to ${JSON.stringify(is)}`,
      );
  }
  return problems;
};

const seedRewards = async (stack: StackProcess) => {
  for (const [from, to, points] of [
    ['alex', 'andreas', 10],
    ['markus', 'alex', 7],
    ['jana', 'andreas', 3],
  ] as const) {
    const response = await fetch(`${stack.url}/rewards`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stack.tokenFor(from)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ to, points, message: 'before the fuzz 🎯' }),
    });
    if (response.status !== 201) throw new Error(`a seed reward got ${response.status}`);
  }
};

export const runFuzz = async (options: FuzzRunOptions): Promise<FuzzRunResult> => {
  const started = Date.now();
  const { seed, concurrency = 8, maxDurationMs = 30 * 60_000 } = options;
  const requests = Array.from({ length: options.requests }, (_, i) => fuzzRequest(seed, i));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fuzz-'));
  const stack = spawnStack({ port: await freePort(), dataDir, via: 'node', args: ['--in-memory'] });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses: Record<string, number> = {};
  const problems: string[] = [];
  const accepted: FeedReward[] = [];
  let sent = 0;
  try {
    await stack.waitUntilHealthy();
    await seedRewards(stack);
    const reader = stack.tokenFor('lena');
    const before = await readBooks(stack.url, reader, USERS);
    const handle = async (fuzz: FuzzRequest, via: Agent) => {
      const response = await sendRaw(stack, fuzz, via);
      sent += 1;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      problems.push(...answerProblems(fuzz, response));
      if (response.status === 201 && fuzz.method === 'POST' && fuzz.path.startsWith('/rewards')) {
        accepted.push(JSON.parse(response.body) as FeedReward);
      }
    };
    const oneConnection = new Agent({ keepAlive: true, maxSockets: 1 });
    for (const fuzz of options.first ?? []) await handle(fuzz, oneConnection);
    oneConnection.destroy();
    let next = 0;
    const worker = async () => {
      while (next < requests.length && Date.now() - started < maxDurationMs)
        await handle(requests[next++], agent);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const after = await readBooks(stack.url, reader, USERS);
    problems.push(...bookProblems(before, after, accepted));
  } finally {
    agent.destroy();
    await stack.stop();
    problems.push(...serverErrorLines(stack.output()));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { seed, sent, statuses, problems, durationMs: Date.now() - started };
};
