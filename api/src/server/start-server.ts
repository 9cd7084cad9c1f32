import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Api, type ApiOptions, createApi } from './create-api.ts';

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4000 (GraphQL at `${url}/graphql`). */
  readonly url: string;
  readonly api: Api;
  /**
   * Graceful shutdown: stop accepting connections, let in-flight requests finish (up to
   * `graceMs`, by default OPERATION_TIMEOUT_MS + 1 s: no request runs longer, and at 10 s requests
   * still within their timeout were cut without an answer, review of 2026-12-05, revOps), close idle
   * keep-alive sockets, then close Apollo and the snapshot reader.
   */
  close(graceMs?: number): Promise<void>;
}

/** The server could not listen: the port is taken, or not ours to take. `message` says what to do. */
export class ListenError extends Error {
  constructor(
    message: string,
    /** The system error code, e.g. EADDRINUSE. */
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): ListenError {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE')
    return new ListenError(
      `port ${port} is already in use on ${host} (is another server running?): stop it, or set PORT to a free port`,
      error.code,
    );
  if (error.code === 'EACCES')
    return new ListenError(
      `no permission to listen on ${where}: ports below 1024 need privileges; set PORT to 1024 or above`,
      error.code,
    );
  if (error.code === 'EADDRNOTAVAIL')
    return new ListenError(
      `${host} is not an address of this machine: set HOST (e.g. 127.0.0.1 or 0.0.0.0)`,
      error.code,
    );
  return new ListenError(`cannot listen on ${where}: ${error.message}`, error.code);
}

/**
 * How long a client may take to send a whole request, headers and body (Node's default is 300 s):
 * a body trickled one byte every 5 s held its connection for 309 s (review of 2026-12-05, revSec).
 * A request of MAX_BODY_BYTES (1 MB) arrives in 20 s at 400 kbit/s. OPERATION_TIMEOUT_MS starts
 * once the body is read.
 */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * Builds the API and listens on HOST:PORT (PORT 0 picks a free port). When it cannot listen, the
 * API is closed again (snapshot reader, timers) and the promise rejects with a `ListenError` whose
 * message says what to change.
 */
export async function startServer(options: ApiOptions = {}): Promise<RunningServer> {
  const api = await createApi(options);
  const server = createServer(
    {
      keepAliveTimeout: 5_000,
      headersTimeout: REQUEST_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // How often Node checks those two (default 30 s): a slow request is cut within 25 s.
      connectionsCheckingInterval: 5_000,
    },
    api.handler,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(api.config.PORT, api.config.HOST, () => resolve());
    });
  } catch (error) {
    await api.close();
    throw listenError(error as NodeJS.ErrnoException, api.config.HOST, api.config.PORT);
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  api.logger.log('info', 'listening', {
    url,
    graphql: `${url}/graphql`,
    warehouse: api.config.WAREHOUSE_DIR,
  });
  let closing: Promise<void> | undefined;
  return {
    url,
    api,
    close(graceMs = api.config.OPERATION_TIMEOUT_MS + 1_000) {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const until = Date.now() + graceMs;
        while (api.inFlight() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        server.closeAllConnections();
        await stopped;
        await api.close();
      })();
      return closing;
    },
  };
}
