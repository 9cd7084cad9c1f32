import {
  keyColumn,
  type LandingTableName,
  landingColumns,
  PSEUDONYM_COLUMNS,
  XAPI_TABLE,
} from './checkedColumns.ts';
import { tableRules, typed } from './rules.ts';
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
 * compares a hash of each copy's content. PostgreSQL extracts skip it: their key is a primary key.
 */
export function checkSql(table: LandingTableName, options: { readonly dedupe: boolean }): string {
  const columns = landingColumns(table);
  const key = ident(keyColumn(table));
  const { rules, joins } = tableRules(table, options);
  const pseudonyms = PSEUDONYM_COLUMNS[table] ?? [];
  // xAPI actor keys are computed while landing, so they are already in l_<table>.
  const joinPseudonyms = pseudonyms.length > 0 && table !== XAPI_TABLE;
  const landed = `land.${ident(`l_${table}`)}`;
  const dataCols = columns.map((c) => `l.${ident(c.name)}`).join(', ');
  const window = options.dedupe
    ? `, min(hash(${dataCols})) OVER w <> max(hash(${dataCols})) OVER w AS _conflict,
         count(*) OVER w AS _copies,
         row_number() OVER (PARTITION BY l.${key} ORDER BY l.rowid) AS _copy`
    : ', false AS _conflict, 1 AS _copies, 1 AS _copy';
  const windowDef = options.dedupe ? `WINDOW w AS (PARTITION BY l.${key})` : '';
  const verdict = rules
    .map((rule) => `WHEN ${rule.when} THEN '${rule.reason}${SEP}' || (${rule.detail})`)
    .join('\n        ');
  const extra =
    table === XAPI_TABLE ? ', actor.employee_id AS employee_id, activity.offering_id AS offering_id' : '';
  return `CREATE OR REPLACE TABLE land.${ident(`c_${table}`)} AS
WITH r AS (
  SELECT l.rowid AS _rid, l.*${joinPseudonyms ? `, ${pseudonyms.map((p) => `p.${ident(p)}`).join(', ')}` : ''}${window}
  FROM ${landed} AS l
  ${joinPseudonyms ? `LEFT JOIN land.${ident(`p_${table}`)} AS p ON p._rid = l.rowid` : ''}
  ${windowDef}
), v AS (
  SELECT r.*${extra},
    CASE
        ${verdict}
    END AS _verdict
  FROM r
  ${joins.map((j) => j.sql).join('\n  ')}
)
SELECT _rid, _source, _row_number,
  ${columns.map((c) => `${typed(c).replace(/\br\./g, 'v.')} AS ${ident(c.name)}`).join(',\n  ')}${pseudonyms.map((p) => `, ${ident(p)}`).join('')}${table === XAPI_TABLE ? ', employee_id, offering_id' : ''},
  split_part(_verdict, '${SEP}', 1) AS _reason,
  split_part(_verdict, '${SEP}', 2) AS _detail,
  (_verdict IS NULL AND NOT _conflict AND _copy > 1) AS _collapsed
FROM v`;
}
