import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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
  /**
   * Served by PGlite: started here, or another process's PGlite reached through its socket URL.
   * PGlite is one session underneath, so callers use one connection (parallel snapshot-sharing
   * transactions would wait on each other forever).
   */
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

/**
 * knex's logger, minus "Acquire connection error: <stack>": knex prints it (with a stack) on
 * every failed connect, then rejects with the same error, which the caller reports readably (the
 * ETL CLI adds what to check). Every other warning still goes to stderr.
 */
export const KNEX_LOG = {
  warn(message: string): void {
    if (typeof message === 'string' && message.startsWith('Acquire connection error')) return;
    console.warn(message);
  },
};

export async function connectSource(options: ConnectOptions): Promise<SourceConnection> {
  if (options.url) {
    const knex = knexFactory({
      client: 'pg',
      connection: options.url,
      pool: { min: 0, max: options.poolMax ?? 4 },
      log: KNEX_LOG,
    });
    // A URL can point at a PGlite socket (e.g. `npm run etl` started with the URL of a PGlite another
    // process serves): it must be treated as embedded, or the extract's parallel REPEATABLE READ
    // workers queue behind the leader's open transaction on PGlite's single session and hang.
    const { rows } = await knex.raw<{ rows: { v: string }[] }>('select version() as v');
    const pglite = /\bPGlite\b/.test(rows[0]?.v ?? '');
    return {
      knex,
      url: options.url,
      embedded: pglite,
      supportsCopyFrom: !pglite,
      close: () => knex.destroy(),
    };
  }
  return connectEmbedded(options.embeddedDir ?? 'memory://');
}

/** The embedded source directory is open in another live process (or already in this one). */
export class EmbeddedSourceBusyError extends Error {
  readonly code = 'SOURCE_BUSY';
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded source ${dir} is open in process ${pid}${pid === process.pid ? ' (this one)' : ''}: ` +
        'PGlite serves one process at a time. Wait for that process to finish or stop it, ' +
        'or set SOURCE_DATABASE_URL to a PostgreSQL server.',
    );
    this.name = 'EmbeddedSourceBusyError';
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite has no inter-process lock: its `postmaster.pid` holds a fake pid (-42) and is ignored on
 * open (a SIGKILLed run leaves it behind harmlessly: the next open runs crash recovery). Two
 * processes on one directory, though, each cache pages the other never sees: the second reads
 * stale data, and both write WAL and pg_control. So we hold `<dir>.lock` (created exclusively, with
 * our pid) while connected. A lock whose process is gone, e.g. a killed ETL run, is stale: taken over.
 */
async function lockEmbeddedDir(dir: string): Promise<() => Promise<void>> {
  const path = `${dir.replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (pid > 0 && isAlive(pid)) throw new EmbeddedSourceBusyError(dir, pid);
    await rm(path, { force: true });
  }
  throw new Error(`could not lock the embedded source ${dir} (${path} keeps reappearing)`);
}

async function connectEmbedded(dir: string): Promise<SourceConnection> {
  if (dir.startsWith('memory://')) return startEmbedded(dir, async () => undefined);
  await mkdir(dir, { recursive: true });
  const unlock = await lockEmbeddedDir(dir);
  try {
    return await startEmbedded(dir, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function startEmbedded(dir: string, unlock: () => Promise<void>): Promise<SourceConnection> {
  const db = await PGlite.create(dir);
  // maxConnections > 1 turns on the socket's multiplexer: knex's pool and a COPY stream may
  // each hold a connection; the socket still runs one query at a time inside PGlite.
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  const port = portOf(server);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 4 }, log: KNEX_LOG });
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
      await unlock();
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
