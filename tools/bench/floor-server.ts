/**
 * The floor of `npm run bench:floor`: a bare `node:http` server that `require`s a built function
 * and calls its handler in-process with a minimal payload 2.0 event and context — nothing of what
 * the local stack adds (authorizer, full event, versions, REPORT lines, response mapping rules).
 *
 *   node --import tsx tools/bench/floor-server.ts <dist/apps/rewards-fn/index.js>
 *
 * Prints `{"port": n, "pid": p}` on stderr once it listens (stdout gets the function's own output).
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { floorCall, type FloorHandler } from './floor-call';

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: floor-server.ts <bundle>');
// Loaded once, through Node's own module system, as Lambda's runtime loads it.
const { handler } = createRequire(__filename)(bundle) as { handler: FloorHandler };

const server = createServer((req, res) => {
  floorCall(handler, req).then(
    (result) => {
      res.writeHead(result.statusCode ?? 200, result.headers);
      res.end(result.body);
    },
    () => {
      res.writeHead(500);
      res.end();
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stderr.write(
    `${JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid })}\n`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
