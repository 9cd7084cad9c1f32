import { stgSpec } from '@asn/warehouse';
import { ACTIVITY_OFFERINGS_SQL } from '../load/actorMap.ts';
import type { ColumnSpec } from '../source-schema/catalog.ts';
import { type LandingTableName, landingColumns, PSEUDONYM_COLUMNS, XAPI_TABLE } from './checkedColumns.ts';
import { naturalReferencesOf } from './naturalReferences.ts';
import type { ReasonCode } from './reasons.ts';
import { duckType, ident, lit } from './sql.ts';

/**
 * One validation rule as SQL: `when` is a predicate over the landed row (`r.<col>` is trimmed text,
 * blank → NULL), `detail` a text expression saying what was wrong. A row's verdict is the FIRST
 * rule that matches, in the order below, so every quarantined row has exactly one reason.
 */
export interface Rule {
  readonly reason: ReasonCode;
  readonly when: string;
  readonly detail: string;
  /**
   * A BAD_TYPE rule that can match a value DuckDB's typed CSV reader parsed (±infinity): kept when
   * the input is already typed (`CheckOptions.typed`), unlike the rules for values that do not parse.
   */
  readonly typedToo?: boolean;
}

/** A join the rules need (reference lookups), with the alias the rules use. */
export interface RuleJoin {
  readonly alias: string;
  readonly sql: string;
}

export interface TableRules {
  readonly rules: readonly Rule[];
  readonly joins: readonly RuleJoin[];
  /**
   * Rules judged after every other one, over the rows as `rules` judged them: their joins read the
   * first verdicts from the CTE `NATURAL_KEY_INPUT` (`_verdict0`, NULL for a row that passed), so a
   * key is held only by a row that loads (`naturalKeyRules`). Empty without `dedupe`.
   */
  readonly late: readonly Rule[];
  readonly lateJoins: readonly RuleJoin[];
}

/**
 * The CTE the late rules' joins read: every landed row with its typed columns, its pseudonyms and
 * `_verdict0`, the first failing early rule (NULL when it passed them all).
 */
export const NATURAL_KEY_INPUT = 'v0';

/** `r."col"` — the landed text. */
export const col = (name: string): string => `r.${ident(name)}`;
/**
 * A whole number as the source writes one: digits, with an optional leading minus (the range rules
 * judge the sign). DuckDB's own cast is far more lenient — it rounds `1.5` to 2 and reads `1.234`
 * (a clerk's thousands dot) as 1, `0x10` as 16, `1_000` as 1000 — so a value must have this shape
 * before it is cast.
 */
export const WHOLE_NUMBER_PATTERN = '-?[0-9]+';
/** `expr` (text) cast to a whole-number type, NULL unless it is plain digits. */
export const wholeNumber = (expr: string, type: 'INTEGER' | 'BIGINT'): string =>
  `CASE WHEN regexp_full_match(${expr}, '${WHOLE_NUMBER_PATTERN}') THEN TRY_CAST(${expr} AS ${type}) END`;
/**
 * The landed text cast to the column's type (NULL when it does not parse). A date of PostgreSQL's
 * BC era (`0044-03-15 BC`) does not: DuckDB's date cast stops after the day and drops the era, so
 * it would read AD 44 (the domain has no BC dates; a BC timestamp fails DuckDB's cast already).
 */
export const typed = (c: ColumnSpec): string =>
  c.type === 'int' || c.type === 'bigint'
    ? wholeNumber(col(c.name), c.type === 'int' ? 'INTEGER' : 'BIGINT')
    : c.type === 'date'
      ? `CASE WHEN NOT suffix(${col(c.name)}, ' BC') THEN TRY_CAST(${col(c.name)} AS DATE) END`
      : `TRY_CAST(${col(c.name)} AS ${duckType(c.type)})`;
const show = (name: string) => `${lit(`${name}=`)} || ${col(name)}`;
/** A JP number (DOUBLE) as text without a trailing `.0`: 4 → `4`, 2.5 → `2.5`. */
const jpText = (expr: string) => `regexp_replace(CAST(${expr} AS VARCHAR), '\\.0$', '')`;

/** Rupiah with Indonesian thousands dots, maybe after "Rp": `1.500`, `250.000.000`, `Rp 100.000.000`. */
const RUPIAH_GROUPED = '(?i)(rp\\.?\\s*)?-?[0-9]{1,3}([.][0-9]{3})+';
/** A number written with thousands groups (dots or commas): `1.000`, `1.234`, `12,500`. */
const GROUPED = '-?[0-9]{1,3}([.][0-9]{3})+|-?[0-9]{1,3}(,[0-9]{3})+';
/** A number written with a decimal comma: `2,5`, `12,5`. */
const DECIMAL_COMMA = '-?[0-9]*,[0-9]+';
/** Scientific notation, as Excel writes a long number in a General cell: `1.23457E+11`, `1,2E+11`. */
const SCIENTIFIC = '(?i)[-+]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)e[-+]?[0-9]+';
/** Decimals other than zeros, after a point or a comma: `2500000.50`, `2,5`, `1,500`. */
const FRACTIONAL = '[-+]?[0-9]*[.,][0-9]*[1-9][0-9]*';

/**
 * What a BAD_TYPE row's detail says: the value, what the column takes, and — for the mistakes
 * spreadsheets make — the value written the way it should be. A formula (`=D2*0.9`: an XLSX cell
 * reads as its formula, cell-text.ts) says so: what to write is its value.
 */
function badTypeDetail(c: ColumnSpec): string {
  return `CASE WHEN prefix(${col(c.name)}, '=') THEN ${lit(`${c.name} holds a formula (`)} || ${col(c.name)} || ${lit('), not a value: paste values (Paste Special → Values)')} ELSE ${typeDetail(c)} END`;
}

function typeDetail(c: ColumnSpec): string {
  const v = col(c.name);
  const digits = `regexp_replace(${v}, '[^0-9-]', '', 'g')`;
  switch (c.type) {
    case 'int':
    case 'bigint':
      return `${show(c.name)} || ' is not a whole number (' || CASE
        WHEN regexp_full_match(${v}, '${GROUPED}') THEN 'write digits only, no thousands separator: ' || ${digits}
        WHEN regexp_full_match(${v}, '-?[0-9]*[.,][0-9]+') THEN 'write digits only, no decimals'
        ELSE 'write digits only, e.g. 1000' END || ')'`;
    case 'numeric':
      // Whole rupiah (see the BAD_TYPE rules): "use a decimal point" would lead to another refusal.
      if (c.name.endsWith('_idr'))
        return `${show(c.name)} || ' is not a whole rupiah amount (write digits only, no separators or decimals, e.g. 2500000)'`;
      return `${show(c.name)} || ' is not a number (' || CASE
        WHEN regexp_full_match(${v}, '${DECIMAL_COMMA}') THEN 'use a decimal point: ' || replace(${v}, ',', '.')
        ELSE 'write digits with a decimal point, e.g. 2.5' END || ')'`;
    case 'date':
      return `${show(c.name)} || ' is not a date (write YYYY-MM-DD, e.g. 2024-01-31)'`;
    case 'timestamptz':
      return `${show(c.name)} || ' is not a date and time (write YYYY-MM-DD HH:MM:SS, with a zone such as +07 if not local time)'`;
    case 'boolean':
      return `${show(c.name)} || ' is not true or false'`;
    default:
      return `${show(c.name)} || ' is not ${c.type}'`;
  }
}

/**
 * Date pairs that must be in order, per table. The check constraints of the source say the same,
 * but file drops bypass them.
 */
const DATE_ORDER: Readonly<Partial<Record<LandingTableName, readonly (readonly [string, string])[]>>> = {
  agencies: [['valid_from', 'valid_to']],
  employees: [['birth_date', 'appointed_on']],
  employee_assignments: [['started_on', 'ended_on']],
  offerings: [['starts_on', 'ends_on']],
  invitations: [['invited_at', 'responded_at']],
  service_requests: [['submitted_at', 'completed_at']],
};

/** Source time zone for calendar-date comparisons (Palangka Raya is WIB, UTC+7). */
export const LOCAL_TIME_ZONE = 'Asia/Jakarta';

/**
 * Columns that record something that has happened (a submission, a completion, a response, a
 * statement, a birth), per table: such a time after the run (more than a day after it, for clocks
 * and zones), or before 1900, is OUT_OF_RANGE. Scheduled dates (an offering's `starts_on` /
 * `ends_on`, an agency's `valid_from`, an assignment's `started_on`, an appointment, budget years)
 * may lie ahead and are not listed. A review of 2026-12-06 loaded a request completed in the year
 * 294000 (106,643,138 days of handling time in the facts and the handler's monthly sums).
 */
const PAST_EVENTS: Readonly<Partial<Record<LandingTableName, readonly string[]>>> = {
  employees: ['birth_date'],
  invitations: ['invited_at', 'responded_at'],
  enrollments: ['completed_at'],
  service_requests: ['submitted_at', 'completed_at'],
  satisfaction_responses: ['surveyed_on'],
  xapi_statements: ['timestamp'],
};

/** The earliest event time accepted (`PAST_EVENTS`): 1900-01-01, local time. */
const EARLIEST_EVENT = '1900-01-01';
/**
 * The latest: a day after this run's validation (`current_timestamp`, the start of the pass's
 * transaction, a moment of the run), so a clock a few hours ahead, or a local date east of UTC,
 * still passes.
 */
const LATEST_EVENT = `(current_timestamp + INTERVAL 1 DAY)`;
/** The run's local date, for the detail. */
const RUN_DATE = `strftime(current_timestamp AT TIME ZONE '${LOCAL_TIME_ZONE}', '%Y-%m-%d')`;

/** First characters that make a spreadsheet treat a cell as a formula (CSV injection). */
const FORMULA_CHARS = ['=', '+', '-', '@'];

/** The four L1 reaction items (Likert 1–5); a reaction row must answer at least one. */
const REACTION_ITEMS = ['relevance', 'satisfaction', 'facilitator', 'intent_to_apply'];

const XAPI_VERBS = ['completed', 'passed', 'failed', 'attempted', 'experienced'];
/** The verb's last IRI segment, lower-cased: `http://adlnet.gov/expapi/verbs/completed` → `completed`. */
export const verbName = (expr: string) => `lower(regexp_replace(${expr}, '^.*/', ''))`;

/**
 * Every rule for one landed table, generated from the catalog plus the few table-specific rules.
 * `columns` are the table's landed columns (`landingColumns`); a test may hand a table the catalog
 * does not have.
 */
export function tableRules(
  table: LandingTableName,
  options: {
    readonly dedupe: boolean;
    /**
     * The input has `_id_copies` (landing: the copies of a row's id in a PostgreSQL file from a
     * table without a unique id, else NULL): every copy of a repeated id is DUPLICATE_CONFLICT.
     */
    readonly idCopies?: boolean;
  },
  columns: readonly ColumnSpec[] = landingColumns(table),
): TableRules {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const rules: Rule[] = [];
  const joins: RuleJoin[] = [];
  const add = (reason: ReasonCode, when: string, detail: string) => rules.push({ reason, when, detail });

  // MISSING_REQUIRED
  for (const c of columns.filter((c) => c.required)) {
    add('MISSING_REQUIRED', `${col(c.name)} IS NULL`, lit(`${c.name} is empty`));
  }
  if (table === 'employees') {
    add(
      'MISSING_REQUIRED',
      `${col('employment_type')} = 'PNS' AND ${col('nip')} IS NULL`,
      lit('nip is empty for a PNS'),
    );
    add(
      'MISSING_REQUIRED',
      `${col('employment_type')} = 'PPPK' AND ${col('ni_pppk')} IS NULL`,
      lit('ni_pppk is empty for a PPPK'),
    );
  }
  if (table === 'enrollments' || table === 'service_requests') {
    // A completion without its time: the facts have no completion date or handling time for it, so
    // it would count as completed in some measures (completion, the cohort denominators) and be
    // absent from others (participation, JP, service days). The reverse is NOT_ACCEPTED_VALUE.
    add(
      'MISSING_REQUIRED',
      `${col('status')} = 'completed' AND ${col('completed_at')} IS NULL`,
      lit('completed_at is empty for status completed'),
    );
  }
  if (table === 'reactions') {
    // A form with no item answered is no response: it would count as a respondent with no score.
    for (const c of REACTION_ITEMS) if (!byName.has(c)) throw new Error(`reactions.${c}: unknown column`);
    add(
      'MISSING_REQUIRED',
      REACTION_ITEMS.map((c) => `${col(c)} IS NULL`).join(' AND '),
      lit(`no reaction item answered (${REACTION_ITEMS.join(', ')} all empty)`),
    );
  }
  if (table === 'lms_accounts') {
    add(
      'MISSING_REQUIRED',
      `${col('mbox')} IS NULL AND (${col('account_homepage')} IS NULL OR ${col('account_name')} IS NULL)`,
      lit('neither mbox nor account (homepage + name)'),
    );
  }

  // BAD_TYPE
  // Rupiah written with Indonesian thousands separators ("1.500", "12.500.000", "Rp 100.000.000"):
  // "1.500" would cast to 1.5 rupiah. Amounts are whole rupiah (the source stores them with scale 0),
  // so a dot before exactly three digits, once or more, is a grouping separator: refused, with the
  // fix. Before the generic rule, so it names the fix whether or not the value also parses.
  for (const c of columns.filter((c) => c.type === 'numeric' && c.name.endsWith('_idr'))) {
    add(
      'BAD_TYPE',
      `regexp_full_match(${col(c.name)}, '${RUPIAH_GROUPED}')`,
      `${show(c.name)} || ' looks like rupiah with thousands separators: write the whole number without them (' || regexp_replace(${col(c.name)}, '[^0-9-]', '', 'g') || ')'`,
    );
    // `1.23457E+11` casts to 123457000000: the digits Excel dropped are gone. Refused, never rounded.
    add(
      'BAD_TYPE',
      `regexp_full_match(${col(c.name)}, '${SCIENTIFIC}')`,
      `${show(c.name)} || ': Excel wrote it in scientific notation, dropping digits: format the column as Number with 0 decimals and export again'`,
    );
    // Every _idr column is decimal(15,0) in the source: `2500000.50` is no amount it can hold.
    add(
      'BAD_TYPE',
      `regexp_full_match(${col(c.name)}, '${FRACTIONAL}')`,
      `${show(c.name)} || ' is not a whole rupiah amount (amounts have no decimals: write digits only, no separators or decimals)'`,
    );
  }
  for (const c of columns.filter((c) => c.type !== 'text')) {
    add('BAD_TYPE', `${col(c.name)} IS NOT NULL AND ${typed(c)} IS NULL`, badTypeDetail(c));
  }
  // ±infinity: PostgreSQL's dates and timestamps hold it and DuckDB reads it, but it is no point in
  // time (a completed request completed at infinity has no handling time). A value, not an empty
  // one: BAD_TYPE, required column or not.
  for (const c of columns.filter((c) => c.type === 'date' || c.type === 'timestamptz')) {
    rules.push({
      reason: 'BAD_TYPE',
      when: `isinf(${typed(c)})`,
      detail: `${show(c.name)} || ${lit(` is not a ${c.type === 'date' ? 'date' : 'point in time'} (write a real ${c.type === 'date' ? 'date' : 'date and time'}${c.required ? '' : ', or leave it empty'})`)}`,
      typedToo: true,
    });
  }

  // FORMULA_INJECTION: text columns only, so a negative number in a numeric column is fine.
  // prefix() per character, not `left(x, 1) IN (…)`: same test (left counts code points, and the
  // four are ASCII), but left() decodes UTF-8 and was half the cost of the whole validation pass.
  for (const c of columns.filter((c) => c.type === 'text')) {
    add(
      'FORMULA_INJECTION',
      `(${FORMULA_CHARS.map((ch) => `prefix(${col(c.name)}, '${ch}')`).join(' OR ')})`,
      lit(`${c.name} starts with a formula character`),
    );
  }

  // NOT_ACCEPTED_VALUE
  for (const c of columns.filter((c) => c.values)) {
    const list = (c.values ?? []).map(lit).join(', ');
    add('NOT_ACCEPTED_VALUE', `${col(c.name)} NOT IN (${list})`, `${show(c.name)} || ' is not accepted'`);
  }
  if (table === 'invitations') {
    add(
      'NOT_ACCEPTED_VALUE',
      `${col('decline_reason')} IS NOT NULL AND ${col('response')} <> 'declined'`,
      lit('decline_reason given but response is not declined'),
    );
  }
  if (table === 'enrollments') {
    add(
      'NOT_ACCEPTED_VALUE',
      `${col('completed_at')} IS NOT NULL AND ${col('status')} <> 'completed'`,
      lit('completed_at given but status is not completed'),
    );
  }
  if (table === XAPI_TABLE) {
    add(
      'XAPI_UNSUPPORTED_VERB',
      `${verbName(col('verb'))} NOT IN (${XAPI_VERBS.map(lit).join(', ')})`,
      `${show('verb')} || ' is not a supported verb'`,
    );
  }

  // NEGATIVE_MONEY before OUT_OF_RANGE: a negative rupiah amount gets the more precise code.
  for (const c of columns.filter((c) => c.name.endsWith('_idr'))) {
    add('NEGATIVE_MONEY', `${typed(c)} < 0`, `${show(c.name)} || ' is negative'`);
  }
  for (const c of columns.filter((c) => c.range)) {
    const [lo, hi] = c.range ?? [0, 0];
    add(
      'OUT_OF_RANGE',
      `${typed(c)} NOT BETWEEN ${lo} AND ${hi}`,
      `${show(c.name)} || ' is outside ${lo}..${hi}'`,
    );
  }

  // OUT_OF_RANGE: an event after this run, or before 1900 (PAST_EVENTS); ±infinity is BAD_TYPE
  // above. A personal column's value (a birth date) is not shown.
  for (const name of PAST_EVENTS[table] ?? []) {
    const c = byName.get(name);
    if (!c || (c.type !== 'date' && c.type !== 'timestamptz'))
      throw new Error(`${table}.${name}: not a date column`);
    const [latest, earliest, local] =
      c.type === 'date'
        ? [
            `CAST(${LATEST_EVENT} AT TIME ZONE '${LOCAL_TIME_ZONE}' AS DATE)`,
            `DATE '${EARLIEST_EVENT}'`,
            `strftime(${typed(c)}, '%Y-%m-%d')`,
          ]
        : [
            LATEST_EVENT,
            `CAST(TIMESTAMP '${EARLIEST_EVENT} 00:00:00' AT TIME ZONE '${LOCAL_TIME_ZONE}' AS TIMESTAMPTZ)`,
            `strftime(${typed(c)} AT TIME ZONE '${LOCAL_TIME_ZONE}', '%Y-%m-%d')`,
          ];
    const what = c.personal ? lit(name) : `${lit(`${name} `)} || ${local}`;
    add(
      'OUT_OF_RANGE',
      `${typed(c)} > ${latest}`,
      `${what} || ${lit(' is after this run (')} || ${RUN_DATE} || ${lit('): a time that has not come yet')}`,
    );
    add('OUT_OF_RANGE', `${typed(c)} < ${earliest}`, `${what} || ${lit(` is before ${EARLIEST_EVENT}`)}`);
  }

  // DATES_OUT_OF_ORDER
  for (const [start, end] of DATE_ORDER[table] ?? []) {
    const s = byName.get(start);
    const e = byName.get(end);
    if (!s || !e) throw new Error(`date order ${table}.${start}/${end}: unknown column`);
    const strict = table === 'employees' ? '<=' : '<';
    add(
      'DATES_OUT_OF_ORDER',
      `${typed(e)} ${strict} ${typed(s)}`,
      `${show(end)} || ' is before ' || ${show(start)}`,
    );
  }

  // NIP_MALFORMED / NIP_INCONSISTENT: every employee_id column, whatever its table.
  rules.push(...employeeIdRules(columns));

  // UNKNOWN_REFERENCE: anti-join against the parent's valid keys. Tables are validated and written
  // parents first, so stg.<parent> at this point IS "this run's valid rows ∪ earlier valid rows"
  // (minus keys deleted at the source or replaced by a now-quarantined version).
  for (const c of columns.filter((c) => c.references)) {
    const alias = `ref_${c.name}`;
    const parent = c.references as string;
    const keys =
      parent === table
        ? // Self-reference (agency parent): any key of this run or already in stg.
          `(SELECT DISTINCT TRY_CAST(id AS BIGINT) AS id FROM land.${ident(`l_${table}`)} UNION SELECT id FROM stg.${ident(table)})`
        : `stg.${ident(parent)}`;
    // A rule that needs the parent's columns joins it; a plain existence check is an IN subquery
    // (a mark join that always hashes the parent: with a LEFT JOIN, DuckDB may hash the child side
    // when it reads a CSV file of unknown size, which costs far more). coalesce: a NULL among the
    // keys makes IN NULL for a missing key, which still means "not found".
    const joined = table === 'enrollments' && c.name === 'offering_id';
    if (joined) {
      // With the instant the offering starts (local midnight of starts_on), computed once per
      // offering, so the date rule below compares instants instead of converting every row's time;
      // and its program's JP, for the JP rule below (stg.programs holds this run's valid programs
      // by now, as stg.offerings its offerings).
      const parentRows = `(SELECT o.id, o.starts_on, CAST(o.starts_on AS TIMESTAMP) AT TIME ZONE '${LOCAL_TIME_ZONE}' AS starts_at, p.jp AS program_jp
        FROM ${keys} AS o LEFT JOIN stg.programs AS p ON p.id = o.program_id)`;
      joins.push({ alias, sql: `LEFT JOIN ${parentRows} AS ${alias} ON ${alias}.id = ${typed(c)}` });
    }
    add(
      'UNKNOWN_REFERENCE',
      joined
        ? `${col(c.name)} IS NOT NULL AND ${alias}.id IS NULL`
        : `${col(c.name)} IS NOT NULL AND NOT coalesce(${typed(c)} IN (SELECT id FROM ${keys}), false)`,
      `${show(c.name)} || ' references no ${parent} row'`,
    );
  }
  // UNKNOWN_REFERENCE by natural key (a service type, an agency code): the marts join on these and
  // their relationship data tests would fail the run on a row naming nothing. stg.<parent> holds this
  // run's valid parent rows by now, as above.
  // A NIP column's reference is its pseudonym, which the landed row carries (`checkSql` joins it):
  // the detail names the column, never the NIP (it identifies a person) nor its key.
  for (const ref of naturalReferencesOf(table, columns)) {
    if (!byName.has(ref.pseudonymOf ?? ref.column)) throw new Error(`${table}.${ref.column}: unknown column`);
    add(
      'UNKNOWN_REFERENCE',
      `${col(ref.column)} IS NOT NULL AND NOT coalesce(${col(ref.column)} IN (SELECT ${ident(ref.parentColumn)} FROM stg.${ident(ref.parent)}), false)`,
      ref.pseudonymOf === undefined
        ? `${show(ref.column)} || ' is no ${ref.parent} ${ref.parentColumn}'`
        : lit(`${ref.pseudonymOf} names no employee (no valid employees row has this NIP or NI PPPK)`),
    );
  }
  if (table === 'enrollments') {
    // Both need the offering, so they run after the reference is known to exist.
    // OUT_OF_RANGE: no more JP than the program is worth (an xAPI completion is capped at it too):
    // 500 JP on a 4-JP seminar would make its participant compliant on its own. Every status: a
    // dropped or no-show enrollment earns no more than a completion could (what it earns is not
    // counted, but a source may record partial JP, so 0 is not required).
    const jpEarned = byName.get('jp_earned');
    if (!jpEarned) throw new Error('enrollments.jp_earned: unknown column');
    add(
      'OUT_OF_RANGE',
      `${typed(jpEarned)} > ref_offering_id.program_jp`,
      `${lit('jp_earned ')} || ${jpText(col('jp_earned'))} || ${lit(" is more than the program's ")} || ${jpText('ref_offering_id.program_jp')} || ${lit(' JP')}`,
    );
    add(
      'DATES_OUT_OF_ORDER',
      // Local date of completed_at < starts_on ⟺ completed_at < local midnight of starts_on.
      `TRY_CAST(${col('completed_at')} AS TIMESTAMPTZ) < ref_offering_id.starts_at`,
      `${show('completed_at')} || ' is before the offering starts (' || ref_offering_id.starts_on || ')'`,
    );
  }
  if (table === XAPI_TABLE) rules.push(...xapiMappingRules(joins));
  // DUPLICATE_CONFLICT last: a row that fails another rule says that first (README). Whether a row
  // is quarantined does not depend on the order, only which reason it gets: every rule's predicate
  // reads the landed rows, never another rule's verdict (an id or natural key then still counts as
  // held by the row).
  if (options.idCopies && table !== XAPI_TABLE) {
    // PostgreSQL rows of a table whose ids the source does not keep unique (a dropped primary key):
    // every copy of a repeated id, as the file drops' rule below (identical rows the extract read
    // once). Without it a full run loaded both copies of the id, an incremental one the last.
    add(
      'DUPLICATE_CONFLICT',
      `r._source = 'postgres' AND r._id_copies > 1`,
      `'id ' || ${col('id')} || ' appears ' || r._id_copies || ${lit(` times in PostgreSQL ${table} with different content (it has no primary key on id): every copy is quarantined`)}`,
    );
  }
  if (options.dedupe) rules.push(...idConflictRules(table, columns, joins));
  const lateJoins: RuleJoin[] = [];
  const late = options.dedupe && table !== XAPI_TABLE ? naturalKeyRules(table, columns, lateJoins) : [];
  return { rules, joins, late, lateJoins };
}

/**
 * DUPLICATE_CONFLICT by id (statement id for xAPI). A key held by PostgreSQL is PostgreSQL's: a
 * file-drop row that differs from it is refused, whether the PostgreSQL row is read in this run or
 * already in stg, so an incremental run (the drop over an unchanged stg row) and a full run (both
 * read again) end the same. updated_at is left out of the comparison (a drop row gets the run's time).
 */
function idConflictRules(table: LandingTableName, columns: readonly ColumnSpec[], joins: RuleJoin[]): Rule[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const rules: Rule[] = [];
  const add = (reason: ReasonCode, when: string, detail: string) => rules.push({ reason, when, detail });
  add(
    'DUPLICATE_CONFLICT',
    'r._conflict AND r._pg_hash IS NULL',
    `'key arrives ' || r._copies || ' times with different content'`,
  );
  if (table === XAPI_TABLE) {
    // xAPI statements are immutable (xAPI 1.0.3: an LRS keeps the statement it holds and refuses
    // another under the same id): a statement id stored by an earlier run (or carried forward by a
    // full one) that arrives with other content is refused and the stored statement kept, so two
    // exports in two runs end as they would in one. The same statement again loads (it replaces
    // itself). Compared as stg holds it: the actor's pseudonym, the verb's name, typed values. `jp`
    // is not the statement's content but its duration_seconds at the run's JP_MINUTES (every run
    // derives it again, `rebuildXapiEnrollments`): compared, an unchanged export sent again after a
    // JP_MINUTES change was refused (review of 2026-12-06). The duration itself is compared.
    const stored = stgSpec(table).columns.filter(
      (c) => !c.name.startsWith('_') && c.name !== 'statement_id' && c.name !== 'jp',
    );
    const byLanded = new Map(columns.map((c) => [c.name, c]));
    const own = (name: string): string => {
      if (name === 'verb') return verbName(col('verb'));
      if (name === 'actor_key') return `r.${ident(name)}`;
      const c = byLanded.get(name);
      if (!c) throw new Error(`xapi_statements.${name}: not a landed column`);
      return c.type === 'text' ? col(name) : typed(c);
    };
    joins.push({
      alias: 'stored_statement',
      // lower(): statements land with lower-case ids since 2026-12-06 (UUIDs are case-insensitive);
      // a snapshot from before may hold one in capitals, the same statement.
      sql: `LEFT JOIN stg.${ident(table)} AS stored_statement ON lower(stored_statement.statement_id) = ${col('statement_id')}`,
    });
    add(
      'DUPLICATE_CONFLICT',
      `stored_statement.statement_id IS NOT NULL AND NOT (${stored
        .map((c) => `stored_statement.${ident(c.name)} IS NOT DISTINCT FROM ${own(c.name)}`)
        .join(' AND ')})`,
      lit(
        'statement id already stored with other content: xAPI statements are immutable, the stored statement is kept (void it and send the new one under a new id)',
      ),
    );
  }
  if (table !== XAPI_TABLE) {
    // One detail whether the PostgreSQL row is read in this run (full) or already in stg
    // (incremental): both runs end with the same quarantine records.
    const pgKept = lit(
      `${table} id is a PostgreSQL row with different content: the PostgreSQL row is kept (change it there, or give the drop row a new id)`,
    );
    add(
      'DUPLICATE_CONFLICT',
      `r._source <> 'postgres' AND r._pg_hash IS NOT NULL AND r._own_hash <> r._pg_hash`,
      pgKept,
    );
    const stgCols = new Set(stgSpec(table).columns.map((c) => c.name));
    const compared = [
      ...columns
        .filter((c) => c.name !== 'updated_at' && c.name !== 'id' && stgCols.has(c.name))
        .map((c) => ({
          held: `pg_held.${ident(c.name)}`,
          own: c.type === 'text' ? col(c.name) : typed(c),
        })),
      ...(PSEUDONYM_COLUMNS[table] ?? [])
        .filter((p) => stgCols.has(p))
        .map((p) => ({ held: `pg_held.${ident(p)}`, own: `r.${ident(p)}` })),
    ];
    const id = byName.get('id') as ColumnSpec;
    joins.push({
      alias: 'pg_held',
      sql: `LEFT JOIN (SELECT * FROM stg.${ident(table)} WHERE _source = 'postgres') AS pg_held ON pg_held.id = ${typed(id)}`,
    });
    add(
      'DUPLICATE_CONFLICT',
      `r._source <> 'postgres' AND r._pg_hash IS NULL AND pg_held.id IS NOT NULL AND NOT (${compared
        .map((c) => `${c.held} IS NOT DISTINCT FROM ${c.own}`)
        .join(' AND ')})`,
      pgKept,
    );
  }
  return rules;
}

/**
 * The source's unique constraints besides the id (etl/src/source-schema/migrations), in the
 * columns stg keeps: the NIP / NI PPPK as the employee's pseudonym. Left out: LMS accounts' mbox and
 * (homepage, name), of which stg keeps only keyed hashes, and lms_activities' activity_iri: an IRI
 * mapped to two offerings is already never guessed (its statements are XAPI_UNKNOWN_ACTIVITY).
 */
export const NATURAL_KEYS: Readonly<Partial<Record<LandingTableName, readonly (readonly string[])[]>>> = {
  agencies: [['code', 'valid_from']],
  employees: [['employee_key']],
  programs: [['code']],
  invitations: [['offering_id', 'employee_id']],
  enrollments: [['offering_id', 'employee_id']],
  assessments: [['enrollment_id', 'kind']],
  reactions: [['enrollment_id']],
  appraisals: [['employee_id', 'period']],
  service_levels: [['service_type']],
  training_budgets: [['agency_id', 'fiscal_year']],
  salary_scale: [['grade']],
};

/**
 * DUPLICATE_CONFLICT for a file-drop row whose natural key (a unique constraint of the source) is
 * held by a row with another id: a stg row this run does not replace, a PostgreSQL row of this run,
 * or an earlier row of the drops that passes every other rule (the first holder keeps it; a drop
 * row quarantined for another fault holds nothing, review of 2026-12-05: enrollment 9421 was
 * refused as held by 9420, itself refused for JP −2). A PostgreSQL row holds its key even when it
 * is quarantined: the source holds it. PostgreSQL's own rows satisfy its constraints and are never
 * refused here. Without it a drop row could double a budget year or give one NIP two employees
 * (which fails the run's data tests, naming no row). Judged over `NATURAL_KEY_INPUT`.
 */
function naturalKeyRules(table: LandingTableName, columns: readonly ColumnSpec[], joins: RuleJoin[]): Rule[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const landed = `land.${ident(`l_${table}`)}`;
  const pseudo = new Set(PSEUDONYM_COLUMNS[table] ?? []);
  const usesPseudonym = (key: readonly string[]) => key.some((k) => pseudo.has(k));
  const of = (alias: string, name: string) => {
    const c = byName.get(name);
    if (!c) return `${alias}.${ident(name)}`;
    const v = `${alias}.${ident(name)}`;
    if (c.type === 'text') return v;
    if (c.type === 'int' || c.type === 'bigint')
      return wholeNumber(v, c.type === 'int' ? 'INTEGER' : 'BIGINT');
    return `TRY_CAST(${v} AS ${duckType(c.type)})`;
  };
  const ownOf = (name: string) => {
    const c = byName.get(name);
    if (!c) return `r.${ident(name)}`;
    return c.type === 'text' ? col(name) : typed(c);
  };
  const landedIds = (where: string) =>
    `(SELECT ${wholeNumber('id', 'BIGINT')} AS id FROM ${landed} WHERE ${where})`;
  const id = typed(byName.get('id') as ColumnSpec);
  return (NATURAL_KEYS[table] ?? []).map((key, i) => {
    const alias = `nk_${i}`;
    // The first verdicts carry the pseudonyms (`p_<table>` joined by rowid) and the rowid as `_rid`.
    const from = `${NATURAL_KEY_INPUT} AS o WHERE o._verdict0 IS NULL OR o._source = 'postgres'`;
    const landedKey = key.map((k) => `${pseudo.has(k) ? `o.${ident(k)}` : of('o', k)} AS ${ident(k)}`);
    const keyCols = key.map(ident).join(', ');
    // The key's owner: a stg row this run does not replace, else the first landed row (PostgreSQL's
    // rows land before the drops). A stored drop row gives way to any landed row with its id, a
    // PostgreSQL row in stg only to PostgreSQL's: a drop row with its id is refused or carries the
    // same content (`idConflictRules`), so the stg row keeps its key, as the PostgreSQL row a full
    // run reads does (a review of 2026-12-06: a drop copy of PostgreSQL program 1 let an earlier
    // drop row take program 1's code in an incremental run, counted as loaded, then removed by
    // `evictDropKeys`, the copy refused as the key's second holder).
    const sql = `LEFT JOIN (
    SELECT ${keyCols}, arg_min(id, _rank) AS owner FROM (
      SELECT ${landedKey.join(', ')}, ${wholeNumber('o.id', 'BIGINT')} AS id, o._rid + 1 AS _rank FROM ${from}
      UNION ALL
      SELECT ${keyCols}, id, 0 AS _rank FROM stg.${ident(table)}
      WHERE id NOT IN (SELECT id FROM ${landedIds("_source = 'postgres'")} WHERE id IS NOT NULL)
        AND (_source = 'postgres' OR id NOT IN (SELECT id FROM ${landedIds('true')} WHERE id IS NOT NULL))
    ) WHERE id IS NOT NULL AND ${key.map((k) => `${ident(k)} IS NOT NULL`).join(' AND ')}
    GROUP BY ${keyCols}
  ) AS ${alias} ON ${key.map((k) => `${alias}.${ident(k)} = ${ownOf(k)}`).join(' AND ')}`;
    joins.push({ alias, sql });
    // A NIP identifies a person: the detail names the other row's id, never the value.
    const what = usesPseudonym(key)
      ? lit(table === 'employees' ? 'nip (or ni_pppk)' : key.join(', '))
      : key.length === 1
        ? `${lit(`${key[0]}=`)} || ${col(key[0] as string)}`
        : `${lit(`(${key.join(', ')}) = (`)} || ${key.map((k) => `coalesce(${col(k)}, '')`).join(` || ', ' || `)} || ')'`;
    return {
      reason: 'DUPLICATE_CONFLICT' as const,
      when: `r._source <> 'postgres' AND ${alias}.owner <> ${id}`,
      detail: `${what} || ' is already held by ${table} id ' || ${alias}.owner || ' (the source allows it once)'`,
    };
  });
}

/**
 * The NIP rules of every `employee_id` column of a table (`PersonalKind`: a NIP or NI PPPK, which
 * the ETL keys as the employee's pseudonym), whatever the table: a new table's NIP column is checked
 * as employees.nip is, so a malformed one is quarantined instead of keyed into a pseudonym that
 * names no one. The value is never shown (a NIP identifies a person): the detail names the column
 * and the likely cause. By the column's name:
 * - `nip`: a NIP (PNS), every rule below.
 * - `ni_pppk`: an NI PPPK, 18 digits only (DOMAIN §8: another layout, not validated as a NIP; the
 *   source's own constraint says as much).
 * - any other: a NIP or an NI PPPK. 18 digits; then, unless digits 13–14 are `21` (the NI PPPK
 *   layout: birth date · appointment year · 21 · sex · sequence, never a NIP's month), the NIP rules.
 *
 * A NIP = birth date YYYYMMDD · CPNS appointment (TMT) YYYYMM · sex digit · 3-digit sequence.
 * NIP_MALFORMED: not exactly 18 digits; birth-date part not a real date; appointment month not
 *   01..12; sex digit not 1 or 2; appointment month not after the birth month.
 * NIP_INCONSISTENT (the NIP disagrees with the person's record, where the table holds it): its birth
 *   date ≠ birth_date; its sex digit ≠ sex (1 = M, 2 = F); its appointment YYYYMM is later than
 *   appointed_on's month (the CPNS appointment the NIP encodes cannot come after the appointment on
 *   record), or more than `NIP_APPOINTMENT_TOLERANCE_MONTHS` (24) before it. Each is checked when the
 *   table has that column (employees has all three).
 */
export function employeeIdRules(columns: readonly ColumnSpec[]): Rule[] {
  const has = new Set(columns.map((c) => c.name));
  return columns
    .filter((c) => c.personal === 'employee_id')
    .flatMap((c) =>
      nipRules(c.name, c.name === 'nip' ? 'nip' : c.name === 'ni_pppk' ? 'ni_pppk' : 'either', has),
    );
}

/** What an `employee_id` column holds: a NIP, an NI PPPK, or either (see `employeeIdRules`). */
type EmployeeIdLayout = 'nip' | 'ni_pppk' | 'either';

function nipRules(name: string, layout: EmployeeIdLayout, has: ReadonlySet<string>): Rule[] {
  const nip = col(name);
  const what = layout === 'nip' ? 'NIP' : layout === 'ni_pppk' ? 'NI PPPK' : 'NIP or NI PPPK';
  // The NIP's own rules skip a value laid out as an NI PPPK where the column may hold one.
  const asNip = layout === 'either' ? ` AND substr(${nip}, 13, 2) <> '21'` : '';
  const birth = `TRY_STRPTIME(substr(${nip}, 1, 8), '%Y%m%d')`;
  // `detail`: text after the column name, or a SQL expression (`{ sql }`) for the whole detail.
  const rule =
    (reason: ReasonCode) =>
    (when: string, detail: string | { readonly sql: string }): Rule => ({
      reason,
      when: `${nip} IS NOT NULL${asNip} AND (${when})`,
      detail: typeof detail === 'string' ? lit(`${name} ${detail}`) : detail.sql,
    });
  const malformed = rule('NIP_MALFORMED');
  const inconsistent = rule('NIP_INCONSISTENT');
  const digits: Rule = {
    reason: 'NIP_MALFORMED',
    when: `${nip} IS NOT NULL AND NOT regexp_full_match(${nip}, '[0-9]{18}')`,
    detail: `${lit(`${name} is not 18 digits`)} || CASE
        WHEN regexp_full_match(${nip}, '(?i)[0-9]+([.,][0-9]+)?e[+]?[0-9]+') THEN ${lit(`: Excel turned it into a number (format the column as Text and type the ${what} again)`)}
        WHEN regexp_full_match(replace(${nip}, ' ', ''), '[0-9]{18}') THEN ': remove the spaces'
        ELSE '' END`,
  };
  if (layout === 'ni_pppk') return [digits];
  return [
    digits,
    malformed(`${birth} IS NULL`, 'birth date part is not a date'),
    malformed(
      `CAST(substr(${nip}, 13, 2) AS INTEGER) NOT BETWEEN 1 AND 12`,
      'appointment month is not 01..12',
    ),
    malformed(`substr(${nip}, 15, 1) NOT IN ('1', '2')`, 'sex digit is not 1 or 2'),
    malformed(`substr(${nip}, 9, 6) <= substr(${nip}, 1, 6)`, 'appointment month is not after birth month'),
    ...(has.has('birth_date')
      ? [
          inconsistent(
            `CAST(${birth} AS DATE) <> TRY_CAST(${col('birth_date')} AS DATE)`,
            'birth date differs from birth_date',
          ),
        ]
      : []),
    ...(has.has('sex')
      ? [
          inconsistent(
            `(CASE substr(${nip}, 15, 1) WHEN '1' THEN 'M' ELSE 'F' END) <> ${col('sex')}`,
            'sex digit differs from sex',
          ),
        ]
      : []),
    ...(has.has('appointed_on') ? appointmentRules(nip, name, inconsistent) : []),
  ];
}

/**
 * How many months `appointed_on` may come after the appointment month a NIP encodes (its CPNS TMT).
 * A record may keep the PNS appointment instead, which follows the CPNS one after the probation
 * year (PP 11/2017 Pasal 34) and whatever the paperwork adds: the fixtures hold a NIP of 2005-03
 * with `appointed_on` 2006-03. Beyond two years the NIP and the record are taken to disagree: tenure
 * bands count from `appointed_on`, so a 2005 NIP with a 2015 `appointed_on` would place the person
 * ten years short. Exactly 24 months passes, 25 do not.
 */
const NIP_APPOINTMENT_TOLERANCE_MONTHS = 24;

/**
 * NIP_INCONSISTENT against `appointed_on`, both ways: the NIP's appointment month (digits 9–14)
 * after `appointed_on`'s month, or more than `NIP_APPOINTMENT_TOLERANCE_MONTHS` before it. The
 * detail shows `appointed_on`'s month (the record's value), never the NIP.
 */
function appointmentRules(
  nip: string,
  name: string,
  inconsistent: (when: string, detail: string | { readonly sql: string }) => Rule,
): Rule[] {
  const appointed = `TRY_CAST(${col('appointed_on')} AS DATE)`;
  const months = `(year(${appointed}) * 12 + month(${appointed}) - (TRY_CAST(substr(${nip}, 9, 4) AS INTEGER) * 12 + TRY_CAST(substr(${nip}, 13, 2) AS INTEGER)))`;
  return [
    inconsistent(
      `substr(${nip}, 9, 6) > strftime(${appointed}, '%Y%m')`,
      'appointment month is after appointed_on',
    ),
    inconsistent(`${months} > ${NIP_APPOINTMENT_TOLERANCE_MONTHS}`, {
      sql: `${lit(`${name} appointment month is more than ${NIP_APPOINTMENT_TOLERANCE_MONTHS} months before appointed_on (`)} || strftime(${appointed}, '%Y-%m') || ')'`,
    }),
  ];
}

/**
 * xAPI statements map to an employee via lms_accounts and to an offering via lms_activities.
 *
 * An actor the parser staged with no mbox, mbox_sha1sum or account has only an openid (the parser
 * refuses an actor with no identifier at all): a valid xAPI actor that no lms_accounts row can
 * identify, so it is unmapped, like an mbox no account answers to — not a MISSING_REQUIRED data
 * error. It has no actor key, so the generic unmapped rule would catch it too; its own rule only
 * says why.
 */
function xapiMappingRules(joins: RuleJoin[]): Rule[] {
  joins.push({
    alias: 'actor',
    sql: `LEFT JOIN land.actor_map AS actor ON actor.key = r.actor_key`,
  });
  joins.push({
    alias: 'activity',
    sql: `LEFT JOIN (${ACTIVITY_OFFERINGS_SQL}) AS activity ON activity.activity_iri = ${col('activity_iri')}`,
  });
  return [
    {
      reason: 'XAPI_UNMAPPED_ACTOR',
      when: `${col('actor_mbox')} IS NULL AND ${col('actor_mbox_sha1sum')} IS NULL AND (${col('actor_account_homepage')} IS NULL OR ${col('actor_account_name')} IS NULL)`,
      detail: lit(
        'actor has no mbox, mbox_sha1sum or account (only an openid), which no lms_accounts row can match',
      ),
    },
    {
      reason: 'XAPI_UNMAPPED_ACTOR',
      when: 'actor.employee_id IS NULL',
      detail: lit('actor matches no lms_accounts row'),
    },
    {
      reason: 'XAPI_UNMAPPED_ACTOR',
      when: 'actor.employees > 1',
      detail: `'actor matches lms_accounts rows of ' || actor.employees || ' different employees (ambiguous)'`,
    },
    {
      reason: 'XAPI_UNKNOWN_ACTIVITY',
      when: 'activity.offering_id IS NULL',
      detail: `${show('activity_iri')} || ' matches no lms_activities row'`,
    },
    {
      reason: 'XAPI_UNKNOWN_ACTIVITY',
      when: 'activity.offerings > 1',
      detail: `${show('activity_iri')} || ' is mapped to ' || activity.offerings || ' offerings (ambiguous)'`,
    },
  ];
}
