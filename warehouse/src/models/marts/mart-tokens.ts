import type { Db } from '../../db/index.ts';

/**
 * Temp table (connection-local, never in a published snapshot) where `buildMarts` records the marts
 * it updated by key: the mart, its lineage token before and after, and the temp tables holding the
 * rows it inserted (`new_rows`) and the rows it deleted (`old_rows`), both shaped like the mart.
 * Steps that ran on the `from_token` state (metric pre-aggregates, data tests) can apply just that
 * delta. Cleared at the start of every `buildMarts`.
 */
export const MART_DELTA_TABLE = 'temp.main.mart_delta';
export const MART_DELTA_DDL = `CREATE OR REPLACE TEMP TABLE mart_delta (
  mart VARCHAR NOT NULL, from_token VARCHAR NOT NULL, to_token VARCHAR NOT NULL,
  new_rows VARCHAR NOT NULL, old_rows VARCHAR NOT NULL)`;

export interface MartDelta {
  readonly mart: string;
  readonly fromToken: string;
  readonly toToken: string;
  /** Temp table of the rows inserted into the mart. */
  readonly newRows: string;
  /** Temp table of the rows deleted from the mart. */
  readonly oldRows: string;
}

const exists = async (db: Db, schema: string, table: string, temporary: boolean): Promise<boolean> => {
  const [row] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = ? AND table_name = ? AND temporary = ?`,
    [schema, table, temporary],
  );
  return Number(row?.n ?? 0) > 0;
};

/**
 * The lineage token of every mart of the last `buildMarts` on this database (`meta.mart_state`):
 * equal tokens mean equal content. Empty when no build recorded them.
 */
export async function readMartTokens(db: Db): Promise<Map<string, string>> {
  if (!(await exists(db, 'meta', 'mart_state', false))) return new Map();
  const rows = await db.all<{ name: string; signature: string }>(
    `SELECT name, signature FROM meta.mart_state WHERE kind = 'token'`,
  );
  return new Map(rows.map((r) => [r.name, r.signature]));
}

/** The marts the last `buildMarts` on this connection updated by key (see `MART_DELTA_TABLE`). */
export async function readMartDeltas(db: Db): Promise<Map<string, MartDelta>> {
  if (!(await exists(db, 'main', 'mart_delta', true))) return new Map();
  const rows = await db.all<{
    mart: string;
    from_token: string;
    to_token: string;
    new_rows: string;
    old_rows: string;
  }>(`SELECT * FROM ${MART_DELTA_TABLE}`);
  return new Map(
    rows.map((r) => [
      r.mart,
      {
        mart: r.mart,
        fromToken: r.from_token,
        toToken: r.to_token,
        newRows: r.new_rows,
        oldRows: r.old_rows,
      },
    ]),
  );
}
