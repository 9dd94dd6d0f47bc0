/**
 * The local API's `node:http` server: answers each request through API Gateway's emulation,
 * adds CORS headers, logs an access line, and turns a failure of the emulation itself into a
 * 500 (or a 413 for a body over the limit) as API Gateway would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { RespondFn } from './api-gateway';
import { applyCors } from './cors';
import { json, payloadTooLarge, type HttpResponse } from './http-response';
import { BodyTooLargeError } from './request-body';

export interface HttpServerOptions {
  readonly respond: RespondFn;
  readonly corsOrigins: readonly string[];
  readonly log: (line: string) => void;
  readonly quiet: boolean;
  /** 0 = a free port. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

export interface ListeningServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
}

const send = (
  res: ServerResponse,
  response: HttpResponse,
  request: IncomingMessage,
  corsOrigins: readonly string[],
) => {
  // A preflight answer already is API Gateway's own CORS response.
  const headers =
    request.method === 'OPTIONS'
      ? response.headers
      : applyCors(response.headers, corsOrigins, request.headers.origin);
  // API Gateway sends a length, not a chunked body (and one write is cheaper than the framing);
  // a 204 or 304 has no body to measure, and a HEAD answer keeps the length of its GET.
  const bodiless = response.statusCode === 204 || response.statusCode === 304;
  if (!bodiless && request.method !== 'HEAD' && headers['content-length'] === undefined) {
    headers['content-length'] = String(
      typeof response.body === 'string'
        ? Buffer.byteLength(response.body)
        : response.body.byteLength,
    );
  }
  res.writeHead(response.statusCode, headers);
  res.end(response.body);
};

/** Sends the response and logs the access line (unless quiet). */
const answer = (
  req: IncomingMessage,
  res: ServerResponse,
  response: HttpResponse,
  { corsOrigins, log, quiet }: HttpServerOptions,
  started: number,
) => {
  try {
    send(res, response, req, corsOrigins);
  } catch (error) {
    log(`[http] could not answer ${req.method} ${req.url}: ${String(error)}`);
    res.destroy();
    return;
  }
  if (!quiet) {
    log(
      `[http] ${req.method} ${req.url} ${response.statusCode} ${(performance.now() - started).toFixed(1)} ms`,
    );
  }
};

/** The address to print: `localhost` for a wildcard bind, brackets around an IPv6 host. */
const urlFor = (host: string | undefined, port: number): string => {
  const displayHost = host && host !== '0.0.0.0' && host !== '::' ? host : 'localhost';
  return `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;
};

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
};

/**
 * A request the HTTP parser refuses (a request line and headers over 16 KB, a malformed line):
 * the status, then what the client still sends is read and dropped before the socket closes.
 * Node's own handler destroys the socket at once, and a socket closed with unread data is reset:
 * the client saw a reset connection instead of the answer. No body: the request may be a HEAD.
 */
const answerClientError = (error: NodeJS.ErrnoException, socket: Duplex) => {
  // Pipelined behind a response already under way, a status line now would corrupt that one.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || error.code === 'ECONNRESET' || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request'];
  socket.on('data', () => undefined);
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
  setTimeout(() => socket.destroy(), 2_000).unref();
};

export const listen = async (options: HttpServerOptions): Promise<ListeningServer> => {
  const { respond, log, quiet } = options;
  let listeningPort = 0;
  const server = createServer((req, res) => {
    const started = quiet ? 0 : performance.now();
    // One promise per request: the chain of catch/then/catch it replaced cost more than routing.
    respond(req, listeningPort).then(
      (response) => answer(req, res, response, options, started),
      (error: unknown) => {
        if (error instanceof BodyTooLargeError) {
          answer(req, res, payloadTooLarge(), options, started);
          return;
        }
        log(`[http] ${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
        answer(req, res, json(500, { message: 'Internal Server Error' }), options, started);
      },
    );
  });
  // Keep-alive longer than a client's idle pool (autocannon, browsers) avoids reset connections.
  server.keepAliveTimeout = 65_000;
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  listeningPort = port;
  return { server, port, url: urlFor(options.host, port) };
};

/** Stops accepting connections and closes the open ones. */
export const close = async (server: Server): Promise<void> => {
  const closing = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closing;
};
