import {
  type DuckDBConnection,
  DuckDBDataChunkWriter,
  DuckDBInstance,
  type DuckDBValue,
  JSToDuckDBValueConverter,
  timestampValue,
} from '@duckdb/node-api';
import { type PlainRow, plainValueConverter } from './plainValue.ts';
import { SerialQueue } from './serialQueue.ts';

/**
 * `read-write` is for the one process building a snapshot; `read-only` for the API, which may open the
 * same file from many processes. DuckDB allows one writer process or many readers per file, never both,
 * which is why the snapshot manager never opens a published file for writing.
 */
export type DbMode = 'read-write' | 'read-only';

/** A bound parameter: anything DuckDB binds natively, or a JS Date (bound as a UTC TIMESTAMP). */
export type SqlParam = DuckDBValue | Date;
export type SqlParams = readonly SqlParam[] | Readonly<Record<string, SqlParam>>;

/** A value for `appendRows`. Dates may be Date objects or ISO strings; DECIMAL/BIGINT take numbers. */
export type AppendValue = null | boolean | number | bigint | string | Date | Uint8Array;

export interface QueryEvent {
  readonly kind: 'all' | 'run' | 'exec' | 'append';
  readonly sql: string;
  readonly durationMs: number;
  /** Rows returned (`all`), changed (`run`) or appended (`append`). */
  readonly rowCount: number;
  readonly error?: unknown;
}

/** The storage format of files the warehouse creates (see `Db.open`). */
export const STORAGE_VERSION = 'v1.5.0';

export interface OpenDbOptions {
  readonly mode: DbMode;
  /**
   * Connections in the pool (read-only only; default 1). Each has its own queue, and a call goes to
   * the least busy one, so independent API queries can run in parallel. A read-write Db always has
   * exactly one connection so that writes apply in call order.
   */
  readonly connections?: number;
  /** DuckDB worker threads for this instance (DuckDB's default is the number of cores). */
  readonly threads?: number;
  readonly onQuery?: (event: QueryEvent) => void;
}

/**
 * A statement of an aborted operation (`Db.withSignal`): refused before it started, or interrupted
 * while it ran. The caller no longer wants the answer; nothing about the database or the query is wrong.
 */
export class QueryAbortedError extends Error {
  readonly code = 'OPERATION_ABORTED' as const;
  constructor(options?: { cause?: unknown }) {
    super('warehouse statement stopped: its operation was aborted', options);
    this.name = 'QueryAbortedError';
  }
}

/**
 * How often an abort's interrupt is repeated while the interrupted call has not returned. DuckDB
 * clears a connection's interrupt flag when a statement begins, so one that lands between the steps
 * of a call (prepare, then execute) would be lost.
 */
const INTERRUPT_REPEAT_MS = 25;

interface DbCore {
  readonly path: string;
  readonly mode: DbMode;
  readonly instance: DuckDBInstance;
  readonly lanes: readonly { readonly connection: DuckDBConnection; readonly queue: SerialQueue }[];
  closed: boolean;
}

/**
 * A thin wrapper over one DuckDB instance and its connection(s): plain-JS rows, serialised calls per
 * connection, and a query counter.
 *
 * Thread pool: DuckDB's Node client runs every query on libuv's thread pool, which Node also uses for
 * fs, dns and crypto. The default of 4 threads is easily exhausted by a few concurrent queries, stalling
 * unrelated I/O. Processes that use this (API, ETL) should start with `UV_THREADPOOL_SIZE=8` or more
 * (at least connections + 4).
 *
 * `session()` returns a view that shares the connections but has its own `queryCount` and `onQuery`,
 * so the API can count the warehouse queries of one GraphQL operation while other requests run.
 * `withSignal(signal)` returns one whose statements stop at an abort signal (the API's operation
 * timeout): none starts after it, and the one running is interrupted.
 */
export class Db {
  /** Called after every query of this Db (and, for the root, of all its sessions). */
  onQuery: ((event: QueryEvent) => void) | undefined;
  private count = 0;

  private constructor(
    private readonly core: DbCore,
    private readonly parent: Db | undefined,
    onQuery: ((event: QueryEvent) => void) | undefined,
    private readonly signal: AbortSignal | undefined = parent?.signal,
  ) {
    this.onQuery = onQuery;
  }

  static async open(path: string, options: OpenDbOptions): Promise<Db> {
    const config: Record<string, string> = {
      access_mode: options.mode === 'read-only' ? 'READ_ONLY' : 'READ_WRITE',
    };
    if (options.threads !== undefined) config.threads = String(options.threads);
    // A file this instance creates is written in the current storage format (DuckDB defaults to
    // v0.10.2's for old readers): its DICT_FSST string compression writes the ETL's wide tables
    // about 30 % faster and smaller. Only this DuckDB reads the warehouse; existing files keep
    // the format they were created with.
    if (options.mode === 'read-write') config.storage_compatibility_version = STORAGE_VERSION;
    const instance = await DuckDBInstance.create(path, config);
    const size = options.mode === 'read-only' ? Math.max(1, options.connections ?? 1) : 1;
    const lanes = [];
    for (let i = 0; i < size; i += 1) {
      lanes.push({ connection: await instance.connect(), queue: new SerialQueue() });
    }
    return new Db({ path, mode: options.mode, instance, lanes, closed: false }, undefined, options.onQuery);
  }

  get path(): string {
    return this.core.path;
  }

  get mode(): DbMode {
    return this.core.mode;
  }

  get closed(): boolean {
    return this.core.closed;
  }

  /** Queries issued through this Db (a root counts its sessions' queries too). */
  get queryCount(): number {
    return this.count;
  }

  resetQueryCount(): void {
    this.count = 0;
  }

  /**
   * A view sharing this Db's connections with its own counter; closing the root closes it too. It
   * stops at this Db's signal, if it has one (`withSignal`).
   */
  session(onQuery?: (event: QueryEvent) => void): Db {
    return new Db(this.core, this, onQuery);
  }

  /**
   * A session (`session()`, its queries counted here too) whose statements stop once `signal` is
   * aborted: a call made after it, or still queued behind other statements on its connection, is
   * refused before it starts, and the one this session is running is interrupted (DuckDB's
   * `interrupt`); both reject with QueryAbortedError. A connection runs one statement at a time, so
   * the statement interrupted is this session's own, never another caller's; the connection is
   * usable again at once. For reading: a write interrupted half-way is the caller's to roll back.
   */
  withSignal(signal: AbortSignal): Db {
    return new Db(this.core, this, undefined, signal);
  }

  /** Runs a query and returns its rows as plain objects (see `plainValueConverter` for the mapping). */
  async all<T extends object = PlainRow>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.track('all', sql, async (connection) => {
      const reader = await connection.runAndReadAll(sql, toDuckDBParams(params));
      const rows = reader.convertRowObjects(plainValueConverter) as T[];
      return { result: rows, rowCount: rows.length };
    });
  }

  /** Runs one statement; returns the number of rows it changed. */
  async run(sql: string, params?: SqlParams): Promise<number> {
    return this.track('run', sql, async (connection) => {
      const result = await connection.run(sql, toDuckDBParams(params));
      return { result: result.rowsChanged, rowCount: result.rowsChanged };
    });
  }

  /** Runs a script of several `;`-separated statements (DDL, model builds). Takes no parameters. */
  async exec(sql: string): Promise<void> {
    await this.track('exec', sql, async (connection) => {
      await connection.run(sql);
      return { result: undefined, rowCount: 0 };
    });
  }

  /**
   * Bulk-loads rows through DuckDB's appender, which is far faster than INSERTs. `columns` names the
   * position of each value in a row; table columns not listed are filled with NULL (the appender
   * writes whole rows, so column defaults do not apply). DATE/TIMESTAMP values may be ISO strings.
   */
  async appendRows(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly AppendValue[]>,
  ): Promise<number> {
    const { schema, name } = splitTableName(table);
    return this.track('append', `APPEND ${table}`, async (connection) => {
      const tableColumns = await describeTable(connection, schema, name);
      const positions = columns.map((column) => {
        const index = tableColumns.findIndex((c) => c.name === column);
        if (index < 0) throw new Error(`appendRows: table ${table} has no column "${column}"`);
        return index;
      });
      const temporal = tableColumns.map((c) => /^(DATE|TIMESTAMP)/.test(c.type));
      const appender = await connection.createAppender(name, schema);
      let appended = 0;
      try {
        const writer = DuckDBDataChunkWriter.forAppender(appender, { converter: JSToDuckDBValueConverter });
        const buffer: AppendValue[] = new Array(tableColumns.length).fill(null);
        for (const row of rows) {
          if (row.length !== columns.length) {
            throw new Error(
              `appendRows: row ${appended} has ${row.length} values for ${columns.length} columns`,
            );
          }
          for (let i = 0; i < positions.length; i += 1) {
            const position = positions[i]!;
            const value = row[i] ?? null;
            buffer[position] = temporal[position] && typeof value === 'string' ? new Date(value) : value;
          }
          writer.appendRow(buffer);
          appended += 1;
        }
        writer.flush();
      } catch (error) {
        // Discard what is still buffered so closing does not flush it. Chunks the appender already
        // flushed stay; callers wanting all-or-nothing run BEGIN/COMMIT around the call (a read-write
        // Db has a single connection, so the transaction spans the calls).
        appender.clear();
        throw error;
      } finally {
        appender.closeSync();
      }
      return { result: appended, rowCount: appended };
    });
  }

  /** Waits for queued calls, then closes the connections and the instance (releasing the file lock). */
  async close(): Promise<void> {
    if (this.parent) return;
    if (this.core.closed) return;
    this.core.closed = true;
    await Promise.all(this.core.lanes.map((lane) => lane.queue.drain()));
    for (const lane of this.core.lanes) lane.connection.closeSync();
    this.core.instance.closeSync();
  }

  private async track<T>(
    kind: QueryEvent['kind'],
    sql: string,
    work: (connection: DuckDBConnection) => Promise<{ result: T; rowCount: number }>,
  ): Promise<T> {
    if (this.core.closed) throw new Error(`Db ${this.core.path} is closed`);
    const { signal } = this;
    if (signal?.aborted) throw new QueryAbortedError();
    const lane = this.core.lanes.reduce((best, lane) =>
      lane.queue.pending < best.queue.pending ? lane : best,
    );
    return lane.queue.push(async () => {
      // Aborted while queued behind other statements: it does not start (and is not counted).
      if (signal?.aborted) throw new QueryAbortedError();
      const stopWatching = signal ? interruptOnAbort(lane.connection, signal) : undefined;
      const started = performance.now();
      try {
        const { result, rowCount } = await work(lane.connection);
        this.record({ kind, sql, rowCount, durationMs: performance.now() - started });
        return result;
      } catch (cause) {
        // Whatever stopped it (DuckDB's "INTERRUPT Error: Interrupted!"), an aborted caller gets
        // the abort, not a database failure.
        const error = signal?.aborted ? new QueryAbortedError({ cause }) : cause;
        this.record({ kind, sql, rowCount: 0, durationMs: performance.now() - started, error });
        throw error;
      } finally {
        // Before the queue moves on: no interrupt of this call can reach the next one.
        stopWatching?.();
      }
    });
  }

  private record(event: QueryEvent): void {
    this.count += 1;
    this.onQuery?.(event);
    this.parent?.record(event);
  }
}

/**
 * Interrupts `connection` when `signal` aborts, and again every INTERRUPT_REPEAT_MS until the
 * returned function is called (when the call running on it has returned).
 */
function interruptOnAbort(connection: DuckDBConnection, signal: AbortSignal): () => void {
  let timer: NodeJS.Timeout | undefined;
  const interrupt = () => {
    connection.interrupt();
    timer = setInterval(() => connection.interrupt(), INTERRUPT_REPEAT_MS);
    timer.unref();
  };
  signal.addEventListener('abort', interrupt, { once: true });
  return () => {
    signal.removeEventListener('abort', interrupt);
    clearInterval(timer);
  };
}

/** Opens a Db; shorthand for `Db.open`. */
export function openDb(path: string, options: OpenDbOptions): Promise<Db> {
  return Db.open(path, options);
}

function toDuckDBParams(
  params: SqlParams | undefined,
): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  if (params === undefined) return undefined;
  const convert = (value: SqlParam): DuckDBValue =>
    value instanceof Date ? timestampValue(BigInt(value.getTime()) * 1000n) : value;
  if (Array.isArray(params)) return params.map(convert);
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, convert(value)]));
}

function splitTableName(table: string): { schema: string; name: string } {
  const dot = table.indexOf('.');
  return dot < 0
    ? { schema: 'main', name: table }
    : { schema: table.slice(0, dot), name: table.slice(dot + 1) };
}

async function describeTable(
  connection: DuckDBConnection,
  schema: string,
  name: string,
): Promise<{ name: string; type: string }[]> {
  const reader = await connection.runAndReadAll(
    `select column_name as name, data_type as type from duckdb_columns()
     where schema_name = $schema and table_name = $name and database_name = current_database()
     order by column_index`,
    { schema, name },
  );
  const rows = reader.getRowObjectsJS() as { name: string; type: string }[];
  if (rows.length === 0) throw new Error(`appendRows: no table ${schema}.${name}`);
  return rows;
}
