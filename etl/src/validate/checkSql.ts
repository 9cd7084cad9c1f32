import { stgSpec } from '@asn/warehouse';
import type { ColumnSpec } from '../source-schema/catalog.ts';
import {
  keyColumn,
  type LandingTableName,
  landingColumns,
  PSEUDONYM_COLUMNS,
  XAPI_TABLE,
} from './checkedColumns.ts';
import { col, NATURAL_KEY_INPUT, type Rule, tableRules, typed } from './rules.ts';
import { ident } from './sql.ts';

/** Separates reason and detail inside the single CASE (ASCII unit separator: never in a detail). */
const SEP = '\u001f';

/**
 * The ONE set-based pass that validates a landed table: reads `land.l_<table>` (text), writes
 * `land.c_<table>` with every data column cast to its type, the pseudonyms, and per row the first
 * failing rule's `_reason` and `_detail` (both NULL for a good row) plus `_collapsed` (an identical
 * copy of an earlier row with the same key: loaded, but not inserted twice).
 *
 * With `dedupe` (more than one source, or a file drop, may repeat a key) a window over the key
 * compares a hash of each copy's content. PostgreSQL extracts skip it: their key is a primary key,
 * or, for a table without one, landing counted each id's copies (`_id_copies`, `landTable.ts`).
 */
export function checkSql(
  table: LandingTableName,
  options: Pick<CheckOptions, 'dedupe' | 'from' | 'temp' | 'typed'>,
): string {
  const { head, select, target } = checkParts(table, options);
  return `CREATE OR REPLACE ${target} AS\n${head}\n${select}`;
}

/**
 * The rows of `table` that pass every rule, with the columns of the checked rows (minus `_raw`,
 * `_reason`, `_detail`, `_collapsed`): what goes to stg when the input needs no dedupe. The verdict
 * is the same CASE as in `checkSql` with constant results, so no detail text is built.
 */
export function goodRowsSql(
  table: LandingTableName,
  options: Pick<CheckOptions, 'typed' | 'notNullInStg'> & { readonly from: string },
): string {
  const { goodHead, outColumns } = checkParts(table, { ...options, dedupe: false });
  return `${goodHead}\nSELECT ${outColumns} FROM v WHERE _bad IS NULL`;
}

/** How a table's rows are checked: shared by `checkSql` (every verdict) and `goodRowsSql` (the passing rows). */
interface CheckOptions {
  /** More than one source, or a file drop, may repeat a key: compare each copy's content hash. */
  readonly dedupe: boolean;
  /**
   * A SELECT in the landing shape to validate instead of `land.l_<table>` (the PostgreSQL CSV read
   * straight from the file: no text copy is written). Its rows have no rowid, so `_rid` is NULL;
   * not with `dedupe` or pseudonyms, which need the landed rows.
   */
  readonly from?: string;
  /** Write the checked rows to an in-memory temp table (tables without personal data). */
  readonly temp?: boolean;
  /**
   * `from` already delivers typed values (DuckDB's CSV reader parsed the non-text columns): no
   * TRY_CAST. Only for input that parsed completely (a value that does not parse makes the reader
   * fail, and the caller falls back to the text path), so BAD_TYPE cannot match.
   */
  readonly typed?: boolean;
  /**
   * Leave out the plain "required column is empty" checks of the columns that stg declares NOT
   * NULL: the INSERT into stg fails on such a row (a constraint error, nothing inserted) and the
   * caller checks the part the text way, as for a value that does not parse. Evaluating six
   * `IS NULL` branches per row is about a sixth of the typed pass over service_requests.
   */
  readonly notNullInStg?: boolean;
}

function checkParts(
  table: LandingTableName,
  options: CheckOptions,
): { head: string; select: string; target: string; goodHead: string; outColumns: string } {
  const columns = landingColumns(table);
  const key = ident(keyColumn(table));
  const all = tableRules(table, { dedupe: options.dedupe, idCopies: true });
  const { joins } = all;
  // Typed input parsed completely: BAD_TYPE (a value that does not parse) cannot match; ±infinity,
  // which parses, can (`typedToo`).
  const typedRules = options.typed
    ? all.rules.filter((r) => r.reason !== 'BAD_TYPE' || r.typedToo)
    : all.rules;
  const enforcedByStg = new Set(
    options.notNullInStg
      ? stgSpec(table)
          .columns.filter((c) => !c.nullable)
          .map((c) => `${col(c.name)} IS NULL`)
      : [],
  );
  const rules = typedRules.filter((r) => !(r.reason === 'MISSING_REQUIRED' && enforcedByStg.has(r.when)));
  const pseudonyms = PSEUDONYM_COLUMNS[table] ?? [];
  // xAPI actor keys are computed while landing, so they are already in l_<table>.
  const joinPseudonyms = pseudonyms.length > 0 && table !== XAPI_TABLE;
  if (options.from && (options.dedupe || joinPseudonyms)) {
    throw new Error(`checkSql ${table}: a direct source cannot dedupe or join pseudonyms`);
  }
  const landed = options.from ? `(${options.from})` : `land.${ident(`l_${table}`)}`;
  const rid = options.from ? 'CAST(NULL AS BIGINT)' : 'l.rowid';
  // The raw row for quarantine, built only for failing rows (so good rows cost nothing).
  const rawStruct = columns.map((c) => `${ident(c.name)} := v.${ident(c.name)}`).join(', ');
  const dataCols = columns.map((c) => `l.${ident(c.name)}`).join(', ');
  // The content without updated_at (a drop row gets the run's time), to compare with PostgreSQL's
  // copy: typed, as PostgreSQL writes `0.0` where a sheet has `0`.
  const ownCols = columns
    .filter((c) => c.name !== 'updated_at')
    .map((c) => (c.type === 'text' ? `l.${ident(c.name)}` : typed(c).replace(/\br\./g, 'l.')))
    .join(', ');
  // A PostgreSQL copy comes first (it is kept; an identical drop copy is the collapsed one).
  const window = options.dedupe
    ? `, min(hash(${dataCols})) OVER w <> max(hash(${dataCols})) OVER w AS _conflict,
         count(*) OVER w AS _copies,
         hash(${ownCols}) AS _own_hash,
         max(hash(${ownCols})) FILTER (WHERE l._source = 'postgres') OVER w AS _pg_hash,
         row_number() OVER (PARTITION BY l.${key} ORDER BY l._source <> 'postgres', ${rid}) AS _copy`
    : ', false AS _conflict, 1 AS _copies, NULL::UBIGINT AS _own_hash, NULL::UBIGINT AS _pg_hash, 1 AS _copy';
  const windowDef = options.dedupe ? `WINDOW w AS (PARTITION BY l.${key})` : '';
  // Each typed value is cast ONCE, in `r`, and the rules use that column: a rule set repeats
  // `TRY_CAST(r.col AS …)` many times, and timestamp parsing dominates the pass otherwise.
  const castCols = columns.filter((c) => c.type !== 'text');
  const castName = (c: ColumnSpec) => ident(`__t_${c.name}`);
  const useCasts = (sql: string) =>
    castCols.reduce((acc, c) => acc.replaceAll(typed(c), `r.${castName(c)}`), sql);
  const casts = castCols
    .map(
      (c) => `, ${options.typed ? `l.${ident(c.name)}` : typed(c).replace(/\br\./g, 'l.')} AS ${castName(c)}`,
    )
    .join('');
  const verdictOf = (rs: readonly Rule[]) =>
    rs.map((rule) => `WHEN ${useCasts(rule.when)} THEN '${rule.reason}${SEP}' || (${useCasts(rule.detail)})`);
  const verdict = verdictOf(rules).join('\n        ');
  const extra =
    table === XAPI_TABLE ? ', actor.employee_id AS employee_id, activity.offering_id AS offering_id' : '';
  const target = options.temp ? `TEMP TABLE ${ident(`c_${table}`)}` : `TABLE land.${ident(`c_${table}`)}`;
  const rBody = `WITH r AS (
  SELECT ${rid} AS _rid, l.*${casts}${joinPseudonyms ? `, ${pseudonyms.map((p) => `p.${ident(p)}`).join(', ')}` : ''}${window}
  FROM ${landed} AS l
  ${joinPseudonyms ? `LEFT JOIN land.${ident(`p_${table}`)} AS p ON p._rid = l.rowid` : ''}
  ${windowDef}
)`;
  const joinSql = joins.map((j) => useCasts(j.sql)).join('\n  ');
  // The natural-key rules (`all.late`) judge each row against the rows the other rules pass: a
  // first stage gives every row its verdict without them (`_verdict0`), the second adds theirs.
  const head =
    all.late.length === 0
      ? `${rBody}, v AS (
  SELECT r.*${extra},
    CASE
        ${verdict}
    END AS _verdict
  FROM r
  ${joinSql}
)`
      : `${rBody}, ${NATURAL_KEY_INPUT} AS (
  SELECT r.*${extra},
    CASE
        ${verdict}
    END AS _verdict0
  FROM r
  ${joinSql}
), v AS (
  SELECT r.*,
    CASE
        WHEN r._verdict0 IS NOT NULL THEN r._verdict0
        ${verdictOf(all.late).join('\n        ')}
    END AS _verdict
  FROM ${NATURAL_KEY_INPUT} AS r
  ${all.lateJoins.map((j) => useCasts(j.sql)).join('\n  ')}
)`;
  // Without dedupe (the only way `goodRowsSql` asks), there are no late rules.
  const goodHead = `${rBody}, v AS (
  SELECT r.*${extra},
    CASE
        ${rules.map((rule) => `WHEN ${useCasts(rule.when)} THEN 1`).join('\n        ')}
    END AS _bad
  FROM r
  ${joinSql}
)`;
  const outColumns = `_rid, _source, _row_number,
  ${columns.map((c) => `v.${c.type === 'text' ? ident(c.name) : castName(c)} AS ${ident(c.name)}`).join(',\n  ')}${pseudonyms.map((p) => `, ${ident(p)}`).join('')}${table === XAPI_TABLE ? ', employee_id, offering_id' : ''}`;
  const select = `SELECT ${outColumns},
  CASE WHEN _verdict IS NOT NULL THEN coalesce(_raw, CAST(to_json(struct_pack(${rawStruct})) AS VARCHAR)) END AS _raw,
  split_part(_verdict, '${SEP}', 1) AS _reason,
  split_part(_verdict, '${SEP}', 2) AS _detail,
  (_verdict IS NULL AND _copy > 1) AS _collapsed
FROM v`;
  return { head, select, target, goodHead, outColumns };
}
