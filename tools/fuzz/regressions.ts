/**
 * Requests the fuzzer once found a defect with, kept so they run on every test run. They are
 * sent one after the other on one keep-alive connection (as a browser would), before the
 * generated requests. Each says what was wrong.
 */
import type { FuzzRequest } from './fuzz-requests';

const user = { type: 'user', username: 'alex' } as const;

export const REGRESSIONS: readonly FuzzRequest[] = [
  {
    index: -1,
    kind: 'an ordinary request first, so the next ones reuse its connection',
    method: 'GET',
    path: '/health',
    headers: [],
    auth: { type: 'none' },
  },
  {
    // On a connection that had answered before, Node's own handler for a request its parser
    // refuses (request line and headers over 16 KB) sends nothing and resets the socket: the
    // client got no answer at all instead of a 431.
    index: -2,
    kind: 'request line over 16 KB with a 1 MB body behind it',
    method: 'POST',
    path: `/rewards?cursor=${'a'.repeat(20_000)}`,
    headers: [['content-type', 'application/json']],
    auth: user,
    body: Buffer.from(JSON.stringify({ to: 'andreas', points: 1, message: 'x'.repeat(1_000_000) })),
  },
  {
    index: -3,
    kind: 'headers over 16 KB on a GET',
    method: 'GET',
    path: '/rewards',
    headers: [['x-padding', 'p'.repeat(20_000)]],
    auth: user,
  },
];
