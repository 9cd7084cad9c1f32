import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import knexFactory, { type Knex } from 'knex';

/**
 * A connection to the operational source, wherever it lives.
 *
 * With a URL we talk to that PostgreSQL server. Without one we start an embedded PGlite
 * (a WASM PostgreSQL) on disk and put a PostgreSQL wire-protocol socket in front of it, so
 * that from here on there is exactly one code path: knex + pg, COPY TO STDOUT, the same SQL.
 */
export interface SourceConnection {
  readonly knex: Knex;
  /** Connection string a `pg` client can use (the embedded socket's address, or the server's). */
  readonly url: string;
  readonly embedded: boolean;
  /** Server supports `COPY ... FROM STDIN` (PGlite's socket breaks on it). */
  readonly supportsCopyFrom: boolean;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** A PostgreSQL URL; undefined → embedded PGlite. */
  url?: string | undefined;
  /** Directory for the embedded database; ignored with a URL. `memory://` keeps it in memory. */
  embeddedDir?: string;
  /** Pool size for a real server. The embedded socket serialises queries anyway. */
  poolMax?: number;
}

export async function connectSource(options: ConnectOptions): Promise<SourceConnection> {
  if (options.url) {
    const knex = knexFactory({
      client: 'pg',
      connection: options.url,
      pool: { min: 0, max: options.poolMax ?? 4 },
    });
    await knex.raw('select 1');
    return { knex, url: options.url, embedded: false, supportsCopyFrom: true, close: () => knex.destroy() };
  }
  return connectEmbedded(options.embeddedDir ?? 'memory://');
}

async function connectEmbedded(dir: string): Promise<SourceConnection> {
  if (!dir.startsWith('memory://')) await mkdir(dir, { recursive: true });
  const db = await PGlite.create(dir);
  // maxConnections > 1 turns on the socket's multiplexer: knex's pool and a COPY stream may
  // each hold a connection; the socket still runs one query at a time inside PGlite.
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  const port = portOf(server);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 4 } });
  await knex.raw('select 1');
  return {
    knex,
    url,
    embedded: true,
    supportsCopyFrom: false,
    async close() {
      await knex.destroy();
      await server.stop();
      await db.close();
    },
  };
}

function portOf(server: PGLiteSocketServer): number {
  // getServerConn() reports "host:port"; with port 0 the OS picked the port at listen time.
  const conn = server.getServerConn();
  const port = Number(conn.split(':').pop());
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(`embedded source did not report a port (${conn})`);
  return port;
}
