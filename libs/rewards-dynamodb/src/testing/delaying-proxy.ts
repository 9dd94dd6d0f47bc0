import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of DynamoDB Local whose requests take as long as a slow network's. */
export interface DelayingProxy {
  /** The endpoint to point a client at. */
  readonly endpoint: string;
  /** How long each chunk a client sends is held before it is passed on; 0 passes at once. */
  delayMs: number;
  /** Resolves once nothing has been held or passed on for `quietMs`. */
  idle(quietMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a proxy to `target` (`http://host:port`). A client that gives up on a request closes
 * its connection, and what the proxy still held of that request is dropped with it, as bytes
 * still on the wire are: the database only sees what arrived before the client gave up.
 */
export const startDelayingProxy = async (target: string): Promise<DelayingProxy> => {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let held = 0;
  let lastActivity = Date.now();
  const touch = () => {
    lastActivity = Date.now();
  };

  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => {
        sockets.delete(socket);
        close();
      });
      socket.on('error', close);
    }
    client.on('data', (chunk) => {
      touch();
      held += 1;
      setTimeout(() => {
        held -= 1;
        touch();
        if (!client.destroyed && !upstream.destroyed) upstream.write(chunk);
      }, proxy.delayMs);
    });
    upstream.on('data', (chunk) => {
      touch();
      if (!client.destroyed) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The proxy has no port.');

  const proxy: DelayingProxy = {
    endpoint: `http://127.0.0.1:${address.port}`,
    delayMs: 0,
    async idle(quietMs) {
      while (held > 0 || Date.now() - lastActivity < quietMs) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return proxy;
};
