import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Api, type ApiOptions, createApi } from './create-api.ts';

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4000 (GraphQL at `${url}/graphql`). */
  readonly url: string;
  readonly api: Api;
  /**
   * Graceful shutdown: stop accepting connections, let in-flight requests finish (up to
   * `graceMs`), close idle keep-alive sockets, then close Apollo and the snapshot reader.
   */
  close(graceMs?: number): Promise<void>;
}

export async function startServer(options: ApiOptions = {}): Promise<RunningServer> {
  const api = await createApi(options);
  const server = createServer({ keepAliveTimeout: 5_000 }, api.handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(api.config.PORT, api.config.HOST, () => resolve());
  });
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
    close(graceMs = 10_000) {
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
