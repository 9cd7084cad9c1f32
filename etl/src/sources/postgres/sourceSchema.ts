import type pg from 'pg';
import { type ColumnSpec, type SourceTableName, tableSpec } from '../../source-schema/catalog.ts';
import { extractColumns } from './extractColumns.ts';

/**
 * The source tables' columns as PostgreSQL has them, in ONE catalog query: relation kind, and per
 * column its type (`format_type`), the type's name and its category (`pg_type.typcategory`; a
 * domain is read as the type under it, as information_schema does). Each table is resolved as the
 * extract's `COPY … from "<table>"` resolves it (the search path). A table that does not exist has
 * no row: its COPY then fails with 42P01, which `failureHint` explains.
 *
 * `unique_id`: a valid unique index (a primary key or unique constraint) on `id` alone, neither
 * partial nor on an expression, so no two rows the extract reads share an id; found once per table
 * (the materialized `r`), not per column. Without one (a dropped primary key, a view) the extract
 * looks for repeated ids (`tablesWithoutUniqueId`).
 */
export const SOURCE_SCHEMA_SQL = `with r as materialized (
    select s.name, c.oid, c.relkind,
      exists (select 1 from pg_index i join pg_attribute k on k.attrelid = c.oid and k.attname = 'id'
              where i.indrelid = c.oid and i.indisunique and i.indisvalid and i.indpred is null
                and i.indexprs is null and i.indnkeyatts = 1 and i.indkey[0] = k.attnum) as unique_id
    from unnest($1::text[]) as s(name)
    join pg_class c on c.oid = to_regclass(quote_ident(s.name))
  )
  select r.name as table, r.relkind::text as relkind, a.attname as column,
    format_type(a.atttypid, a.atttypmod) as type, coalesce(b.typname, t.typname)::text as base,
    coalesce(b.typcategory, t.typcategory)::text as category, r.unique_id
  from r
  left join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
  left join pg_type t on t.oid = a.atttypid
  left join pg_type b on t.typtype = 'd' and b.oid = t.typbasetype`;

/** One row of `SOURCE_SCHEMA_SQL` (column fields null for a relation without columns). */
export interface SourceColumnRow {
  readonly table: string;
  readonly relkind: string;
  readonly column: string | null;
  readonly type: string | null;
  readonly base: string | null;
  readonly category: string | null;
  /** The relation has a unique index on `id` alone (see `SOURCE_SCHEMA_SQL`); absent = unknown, taken as no. */
  readonly unique_id?: boolean;
}

/**
 * The source lacks a column the ETL reads, or holds one in a type whose values the ETL would read
 * with another meaning (a zone-less timestamp read as UTC) or could never read. Found before any
 * row is copied: nothing is read or published.
 */
export class SourceSchemaError extends Error {
  readonly code = 'SOURCE_SCHEMA_CHANGED';
  constructor(readonly problems: readonly string[]) {
    super(
      `the source schema changed: ${problems.join('; ')}. Nothing was copied; the live snapshot is unchanged`,
    );
    this.name = 'SourceSchemaError';
  }
}

/** An incremental run would read a view (or other non-table) by `xmin`, which it does not have. */
export class SourceNotATableError extends Error {
  readonly code = 'SOURCE_NOT_A_TABLE';
  constructor(readonly relations: readonly { table: string; kind: string }[]) {
    super(
      `${relations.map((r) => `${r.table} is a ${r.kind}, not a table`).join('; ')}: a view (or any relation but a table) ` +
        'cannot be read incrementally: the rows written since the last extract are found by their row version (xmin), ' +
        'which only a table has. Point the source at the table again (e.g. drop the view and give the table its name back), ' +
        'or run full builds (`npm run etl -- --full`). Nothing was copied; the live snapshot is unchanged',
    );
    this.name = 'SourceNotATableError';
  }
}

const RELKINDS: Readonly<Record<string, string>> = {
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
};
/** Ordinary and partitioned tables: both have `xmin` (a partitioned one through its partitions). */
const TABLE_RELKINDS = new Set(['r', 'p']);
const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);

/**
 * Why a column of type `found` cannot stand in for the catalog's `spec`, or null when it can.
 * Widenings (smallint → integer → bigint, another numeric precision, varchar(n) → text, an enum or
 * a domain over text) pass, and so does text where a number or date is expected: each value is
 * then checked row by row (`BAD_TYPE`). Refused: a type whose values would be read with another
 * meaning — a timestamp without time zone (or a date, or text) where the catalog has timestamptz:
 * its wall-clock values carry no zone and the extract, in UTC, would shift them silently — and
 * a type no value of which can be read (a date where a number is expected: every row quarantined).
 */
function typeProblem(
  table: string,
  spec: ColumnSpec,
  found: { type: string; base: string; category: string },
): string | null {
  const where = `${table}.${spec.name} is ${found.type}`;
  if (spec.name === 'id' && !INTEGER_TYPES.has(found.base)) {
    return `${where}, the catalog expects bigint: ids must be integers (the key reconcile computes on them); convert it back to bigint`;
  }
  switch (spec.type) {
    case 'timestamptz':
      if (found.base === 'timestamptz') return null;
      if (found.base === 'timestamp')
        return (
          `${where}, the catalog expects timestamp with time zone: its values carry no time zone and would be read as UTC ` +
          `(a time written in WIB would move 7 hours); convert it back with ALTER TABLE ${table} ALTER COLUMN ${spec.name} ` +
          `TYPE timestamptz USING ${spec.name} AT TIME ZONE 'Asia/Jakarta' (the zone its values were written in)`
        );
      return `${where}, the catalog expects timestamp with time zone (a point in time): convert it back to timestamptz`;
    case 'date':
      if (found.base === 'date' || found.category === 'S') return null;
      return `${where}, the catalog expects date${found.category === 'D' ? ' (the date of a timestamp depends on the zone it is read in)' : ''}: convert it back to date`;
    case 'int':
    case 'bigint':
    case 'numeric':
      if (found.category === 'N' || found.category === 'S') return null;
      return `${where}, the catalog expects ${spec.type === 'numeric' ? 'numeric' : 'an integer'}: no value of it is a number, every row would be quarantined; convert it back`;
    case 'boolean':
      if (found.base === 'bool' || found.category === 'S') return null;
      return `${where}, the catalog expects boolean: convert it back`;
    case 'text':
      // Any value reads as text; the rules check it (accepted values, NIPs) row by row.
      return null;
  }
}

/** A column of `table` the catalog does not know, close enough to `name` to be its new name. */
export function closeName(name: string, candidates: readonly string[]): string | null {
  let best: { name: string; d: number } | null = null;
  for (const c of candidates) {
    const d = c.includes(name) || name.includes(c) ? 0.5 : editDistance(name, c);
    if (d <= Math.max(2, Math.floor(name.length / 3)) && (!best || d < best.d)) best = { name: c, d };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/**
 * Compares the source's columns (`SOURCE_SCHEMA_SQL` rows) with what the extract reads
 * (`extractColumns`: the never-read personal columns may go). Throws `SourceSchemaError` for a
 * missing column or an incompatible type, then `SourceNotATableError` for a relation other than a
 * table among `incremental` (the tables this extract reads by `xmin`). Columns the catalog does not
 * have are ignored; a missing table is left to its COPY (42P01).
 */
export function assertSourceSchema(
  rows: readonly SourceColumnRow[],
  tables: readonly SourceTableName[],
  incremental: (table: SourceTableName) => boolean,
): void {
  const found = new Map<string, { relkind: string; columns: Map<string, SourceColumnRow> }>();
  for (const r of rows) {
    const entry = found.get(r.table) ?? { relkind: r.relkind, columns: new Map() };
    found.set(r.table, entry);
    if (r.column !== null) entry.columns.set(r.column, r);
  }
  const problems: string[] = [];
  const notTables: { table: string; kind: string }[] = [];
  for (const table of tables) {
    const entry = found.get(table);
    if (!entry) continue;
    const known = new Set(tableSpec(table).columns.map((c) => c.name));
    const unknown = [...entry.columns.keys()].filter((c) => !known.has(c));
    for (const spec of extractColumns(table)) {
      const col = entry.columns.get(spec.name);
      if (!col) {
        const close = closeName(spec.name, unknown);
        problems.push(
          `${table} has no column ${spec.name}${close ? ` (found ${close}?)` : ''}: restore the column (rename it back, or add it under this name) or map it in the catalog (etl/src/source-schema/catalog.ts and a source migration); if this release added it, run \`npm run migrate\``,
        );
        continue;
      }
      const problem = typeProblem(table, spec, {
        type: col.type ?? '',
        base: col.base ?? '',
        category: col.category ?? '',
      });
      if (problem) problems.push(problem);
    }
    if (!TABLE_RELKINDS.has(entry.relkind) && incremental(table)) {
      notTables.push({ table, kind: RELKINDS[entry.relkind] ?? `relation of kind ${entry.relkind}` });
    }
  }
  if (problems.length > 0) throw new SourceSchemaError(problems);
  if (notTables.length > 0) throw new SourceNotATableError(notTables);
}

/**
 * The tables among `tables` whose ids the source does not keep unique (no unique index on `id`
 * alone: a dropped primary key, a view). Their rows may repeat an id, which the ETL then quarantines
 * (`DUPLICATE_CONFLICT`, see `extractPostgres`); for every other table that check is skipped. A
 * table with no row here (missing: its COPY fails) is left out.
 */
function tablesWithoutUniqueId(
  rows: readonly SourceColumnRow[],
  tables: readonly SourceTableName[],
): Set<SourceTableName> {
  const unique = new Map<string, boolean>();
  for (const r of rows) unique.set(r.table, (unique.get(r.table) ?? false) || r.unique_id === true);
  return new Set(tables.filter((t) => unique.get(t) === false));
}

/**
 * Reads the source's schema (one query) and checks it (`assertSourceSchema`); returns the tables
 * without a unique id (`tablesWithoutUniqueId`).
 */
export async function checkSourceSchema(
  client: pg.Client,
  tables: readonly SourceTableName[],
  incremental: (table: SourceTableName) => boolean,
): Promise<Set<SourceTableName>> {
  const { rows } = await client.query<SourceColumnRow>(SOURCE_SCHEMA_SQL, [tables]);
  assertSourceSchema(rows, tables, incremental);
  return tablesWithoutUniqueId(rows, tables);
}
