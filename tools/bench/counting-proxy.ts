/**
 * A node:http proxy in front of DynamoDB (Local) that counts round trips by `X-Amz-Target` and
 * adds up the capacity they consume. It asks every call for `ReturnConsumedCapacity: TOTAL`
 * (DynamoDB Local does not check request signatures), so the figures are those of the real
 * built functions, end to end, without changing their code.
 */
import { createServer, request as httpRequest, Agent, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Calls and capacity of one DynamoDB operation (`Query`, `TransactWriteItems`, …). */
export interface OperationCount {
  calls: number;
  readUnits: number;
  writeUnits: number;
}

export interface CountingProxy {
  /** The endpoint to give the functions instead of DynamoDB's. */
  readonly endpoint: string;
  /** Counts since the last `reset`, by operation. */
  counts(): Record<string, OperationCount>;
  reset(): void;
  close(): Promise<void>;
}

/** Operations that accept `ReturnConsumedCapacity`. */
const WITH_CAPACITY = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);

const WRITES = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

interface Consumed {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** Read and write units of one answer (a single entry or one per table). */
export const unitsOf = (operation: string, body: unknown): { read: number; write: number } => {
  const consumed = (body as { ConsumedCapacity?: Consumed | Consumed[] } | null)?.ConsumedCapacity;
  const entries = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  let read = 0;
  let write = 0;
  for (const entry of entries) {
    if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
      read += entry.ReadCapacityUnits ?? 0;
      write += entry.WriteCapacityUnits ?? 0;
    } else if (WRITES.has(operation)) write += entry.CapacityUnits ?? 0;
    else read += entry.CapacityUnits ?? 0;
  }
  return { read, write };
};

const readBody = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

/** The request body with `ReturnConsumedCapacity: TOTAL` unless the caller chose a value. */
const withCapacity = (operation: string, body: Buffer): Buffer => {
  if (!WITH_CAPACITY.has(operation)) return body;
  try {
    const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    input.ReturnConsumedCapacity ??= 'TOTAL';
    return Buffer.from(JSON.stringify(input));
  } catch {
    return body;
  }
};

/** Starts the proxy on a free port of 127.0.0.1, forwarding to `target`. */
export const startCountingProxy = async (target: string): Promise<CountingProxy> => {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let counts: Record<string, OperationCount> = {};
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? 'other';
      const body = withCapacity(operation, await readBody(incoming));
      const headers = { ...incoming.headers, host: upstream.host, 'content-length': body.length };
      const forwarded = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers,
          agent,
        },
        (answer) => {
          void readBody(answer).then((text) => {
            const entry = (counts[operation] ??= { calls: 0, readUnits: 0, writeUnits: 0 });
            entry.calls += 1;
            try {
              const units = unitsOf(operation, JSON.parse(text.toString('utf8')));
              entry.readUnits += units.read;
              entry.writeUnits += units.write;
            } catch {
              // not JSON (an error page): counted as a call without units
            }
            outgoing.writeHead(answer.statusCode ?? 502, {
              ...answer.headers,
              'content-length': text.length,
            });
            outgoing.end(text);
          });
        },
      );
      forwarded.on('error', (error) => {
        outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(String(error));
      });
      forwarded.end(body);
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => structuredClone(counts),
    reset: () => {
      counts = {};
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          agent.destroy();
          resolve();
        });
      }),
  };
};
