import { type Db, STG_TABLES } from '@asn/warehouse';
import { SOURCE_TABLES, type SourceTableName, tableSpec } from '../source-schema/catalog.ts';
import { keyColumn, type LandingTableName } from '../validate/checkedColumns.ts';
import { NATURAL_REFERENCES, naturalOrphanSql } from '../validate/naturalReferences.ts';
import { ident, lit } from '../validate/sql.ts';
import { KEYED_TABLES, PseudonymKeyChangedError, readKeyFingerprint } from './keyFingerprint.ts';
import { keepSweptDropRows, sweepSelf } from './sweepOrphans.ts';

/** Derived from the statements by every run (`rebuildXapiEnrollments`): never carried. */
const DERIVED = new Set(['xapi_enrollments']);

/**
 * A full run rebuilds from its sources, but a spreadsheet drop or an xAPI export is read once: its
 * rows live on only in the warehouse. So a full run first copies the live snapshot's stg rows that
 * came from any source but PostgreSQL into the new build (already validated and pseudonymised: no
 * raw file is kept anywhere). This run's own rows then replace any of them with the same key, as in
 * an incremental run, and `sweepCarried` removes those whose parent the new build does not hold.
 * Returns the rows carried per table (tables with none left out).
 */
export async function carryForward(
  db: Db,
  liveFile: string,
  options: {
    readonly fingerprint?: string;
    /** Called when the live snapshot was keyed under another key (its fingerprint): this run re-keys. */
    readonly onRekey?: (before: string) => void;
  } = {},
): Promise<Map<LandingTableName, number>> {
  const carried = new Map<LandingTableName, number>();
  await db.exec(`ATTACH ${lit(liveFile)} AS carry_prev (READ_ONLY)`);
  try {
    // Rows keyed under another PSEUDONYM_KEY cannot be re-keyed (no NIP or mailbox is kept).
    const before = options.fingerprint ? await readKeyFingerprint(db, 'carry_prev') : null;
    const rekey = before !== null && before !== options.fingerprint;
    if (rekey) options.onRekey?.(before);
    // A snapshot built another way (the demo's, or one before a table existed) may lack stg tables
    // or columns: nothing to carry there, and a column it lacks is NULL.
    const present = await db.all<{ t: string; c: string }>(
      `SELECT table_name AS t, column_name AS c FROM information_schema.columns
       WHERE table_catalog = 'carry_prev' AND table_schema = 'stg'`,
    );
    const has = new Set(present.map((r) => `${r.t}.${r.c}`));
    for (const spec of STG_TABLES) {
      if (DERIVED.has(spec.name) || !has.has(`${spec.name}._source`)) continue;
      if (rekey && KEYED_TABLES.includes(spec.name)) {
        const [row] = await db.all<{ n: number | bigint }>(
          `SELECT count(*) AS n FROM carry_prev.stg.${ident(spec.name)} WHERE _source <> 'postgres'`,
        );
        if (Number(row?.n ?? 0) > 0)
          throw new PseudonymKeyChangedError(
            `PSEUDONYM_KEY changed since the live snapshot: its ${Number(row?.n)} file-drop / xAPI rows of stg.${spec.name} ` +
              'are keyed under the previous key and cannot be re-keyed (their NIPs and mailboxes are not kept); ' +
              'run `npm run etl -- --full --discard-drops` with those files given again (--files, --xapi)',
          );
      }
      const columns = spec.columns.map((c) => ident(c.name)).join(', ');
      const values = spec.columns
        .map((c) => (has.has(`${spec.name}.${c.name}`) ? ident(c.name) : 'NULL'))
        .join(', ');
      const n = await db
        .run(
          `INSERT INTO stg.${ident(spec.name)} (${columns})
           SELECT ${values} FROM carry_prev.stg.${ident(spec.name)} WHERE _source <> 'postgres'`,
        )
        .catch((error: unknown) => {
          throw new Error(
            `cannot carry the file-drop and xAPI rows of stg.${spec.name} forward from the live snapshot (${(error as Error).message}); run with --discard-drops to build from the sources alone`,
          );
        });
      if (n > 0) carried.set(spec.name as LandingTableName, n);
    }
  } finally {
    await db.exec('DETACH carry_prev');
  }
  return carried;
}

/**
 * After a full run loaded its sources: removes carried rows whose parent the new build does not
 * hold (an incremental run's orphan sweep would have removed them when the parent went), then, as
 * that sweep does, every row pointing at a removed row, parents first. Returns the rows removed per
 * table.
 */
export async function sweepCarried(
  db: Db,
  carried: ReadonlyMap<LandingTableName, number>,
): Promise<Map<SourceTableName, number>> {
  const removed = new Map<SourceTableName, number>();
  for (const table of SOURCE_TABLES) {
    const refs = tableSpec(table).columns.filter((c) => c.references && c.references !== table);
    const orphan = (c: (typeof refs)[number]) =>
      `(${ident(c.name)} IS NOT NULL AND ${ident(c.name)} NOT IN (SELECT ${ident(keyColumn(c.references as SourceTableName))} FROM stg.${ident(c.references as string)}))`;
    const conditions: string[] = [];
    // Carried rows: every reference checked. Other rows: only those to a table that lost rows here.
    if (carried.has(table) && refs.length > 0) {
      conditions.push(`(_source <> 'postgres' AND (${refs.map(orphan).join(' OR ')}))`);
    }
    // References by natural key (a service type, an agency code), as the ids above.
    for (const ref of NATURAL_REFERENCES.filter((r) => r.table === table)) {
      if (carried.has(table)) conditions.push(`(_source <> 'postgres' AND ${naturalOrphanSql(ref)})`);
      if (removed.has(ref.parent)) conditions.push(naturalOrphanSql(ref));
    }
    const toRemoved = refs.filter((c) => removed.has(c.references as SourceTableName));
    if (toRemoved.length > 0) conditions.push(`(${toRemoved.map(orphan).join(' OR ')})`);
    let n = 0;
    if (conditions.length > 0) {
      const where = conditions.join(' OR ');
      await keepSweptDropRows(db, table, where);
      n += await db.run(`DELETE FROM stg.${ident(table)} WHERE ${where}`);
    }
    // Carried rows whose parent in the same table the sources no longer hold (agencies.parent_id),
    // until none is left: the incremental run's own sweep. (PostgreSQL's rows with no parent were
    // quarantined when read, so only carried rows match.)
    if (carried.has(table) || n > 0) n += await sweepSelf(db, table);
    if (n > 0) removed.set(table, n);
  }
  return removed;
}
