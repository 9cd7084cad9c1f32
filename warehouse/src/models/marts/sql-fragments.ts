import { normalizeKelurahanCodeSql } from '../region/normalizeKelurahanCodeSql.ts';

/**
 * SQL expressions shared by the mart models. Kept as small functions over column expressions so the
 * rules (bands, grade groups, local dates) live in one place and read the same in every model.
 */

/**
 * Business dates are local dates in Palangka Raya (WIB, UTC+7): a request submitted at 20:00 UTC
 * belongs to the next day there. Fixed here rather than taken from the session's TimeZone so a
 * build gives the same marts on any machine.
 */
export const LOCAL_TIME_ZONE = 'Asia/Jakarta';
/** WIB has been UTC+7 without daylight saving since 1964, so a fixed offset is exact for our data. */
export const LOCAL_UTC_OFFSET_HOURS = 7;

/**
 * TIMESTAMPTZ → local DATE by shifting the epoch by the fixed WIB offset. Same result as
 * `timezone('Asia/Jakarta', ts)::DATE` (a test checks both), about ten times faster on a million
 * requests because it skips the ICU time-zone lookup per row.
 */
/**
 * `person_id` of a fact: DuckDB's 64-bit hash of the employee key, stored beside it so that
 * disclosure control's distinct-employee counts (`count(DISTINCT person_id)`, never published) group
 * fixed-width integers instead of 64-character strings (about 2.5× faster at scale 10). A collision
 * of two employees' hashes can only make such a count smaller, i.e. hide more. hash() may change
 * between DuckDB versions, so the marts' build signatures include the DuckDB version (`buildMarts`):
 * a snapshot is never updated by key with ids of another version's hash.
 */
export function personIdSql(employeeKey: string): string {
  return `hash(${employeeKey})`;
}

export function localDate(expr: string): string {
  return `CAST(make_timestamp(epoch_us(${expr}) + ${LOCAL_UTC_OFFSET_HOURS * 3600 * 1_000_000}) AS DATE)`;
}

/**
 * `normalizeKelurahanCodeSql` (same result for every value) with a fast path for the usual code:
 * its `trim` copies every string, about two thirds of a second per ten million requests. A value of
 * ASCII characters only (`strlen` bytes = `length` code points) without a space has nothing to trim
 * (DuckDB's trim removes Unicode space separators, of which ASCII has only ' '), so unless it has
 * the undotted form's 10 bytes it normalises to itself (`nullif` keeps '' → NULL). Anything else,
 * NULL included, takes the full expression.
 */
export function kelurahanCodeSql(expr: string): string {
  return `CASE WHEN strlen(${expr}) <> 10 AND strlen(${expr}) = length(${expr}) AND NOT contains(${expr}, ' ')
    THEN nullif(${expr}, '')
    ELSE ${normalizeKelurahanCodeSql(expr)} END`;
}

/** Golongan I/a..IV/e → I..IV; PPPK grades (roman numerals without a slash) → PPPK; else 'unknown'. */
export function gradeGroupSql(grade: string): string {
  return `CASE
    WHEN regexp_full_match(${grade}, '(I|II|III|IV)/[a-e]') THEN split_part(${grade}, '/', 1)
    WHEN regexp_full_match(${grade}, '[IVXL]+') THEN 'PPPK'
    ELSE 'unknown' END`;
}

/** UU 20/2023: JPT, administrator and pengawas are managerial; fungsional and pelaksana are not. */
export function positionClassSql(positionType: string): string {
  return `CASE WHEN ${positionType} LIKE 'jpt\\_%' ESCAPE '\\' OR ${positionType} IN ('administrator', 'pengawas')
    THEN 'managerial' ELSE 'non_managerial' END`;
}

/** Completed years from `from` to `to` (both DATE): 2020-03-01 → 2025-02-28 is 4, → 2025-03-01 is 5. */
export function fullYearsSql(from: string, to: string): string {
  return `(year(${to}) - year(${from}) - CASE WHEN strftime(${to}, '%m-%d') < strftime(${from}, '%m-%d') THEN 1 ELSE 0 END)`;
}

/** Years of service at the event date: '<5', '5-9', '10-19', '20+' (before appointment counts as '<5'). */
export function tenureBandSql(appointedOn: string, eventDate: string): string {
  const years = fullYearsSql(appointedOn, eventDate);
  return `CASE WHEN ${years} < 5 THEN '<5' WHEN ${years} < 10 THEN '5-9' WHEN ${years} < 20 THEN '10-19' ELSE '20+' END`;
}

/** Age at the event date from the birth year only (the warehouse keeps no birth date): '<30' … '50+'. */
export function ageBandSql(birthYear: string, eventDate: string): string {
  const age = `(year(${eventDate}) - ${birthYear})`;
  return `CASE WHEN ${age} < 30 THEN '<30' WHEN ${age} < 40 THEN '30-39' WHEN ${age} < 50 THEN '40-49' ELSE '50+' END`;
}

/**
 * Picks, for each event (`event_id`, `employee_id`, `event_date`) of the `events` relation, the one
 * assignment of `int_employee_assignment` that describes the person at that date:
 * 1. an assignment covering the date (started_on ≤ date ≤ ended_on, open end = still running); when
 *    two cover it (a transfer recorded with ended_on = the next started_on), the later start wins;
 * 2. otherwise the nearest earlier one (the latest that started before the date: a gap after an
 *    assignment ended, e.g. leave, keeps the last known posting);
 * 3. otherwise the first one (the event predates every recorded assignment).
 * Ties on started_on fall to the higher assignment id, so the choice is deterministic.
 * Returns `event_id` plus the person's attributes and the bands as of `event_date`.
 */
export function personAsOfSql(events: string): string {
  // One aggregate instead of a window: arg_max over a key that orders like the rules above (each
  // part largest-first; the started_on ASC tie-break negated), with assignment_id last so the
  // winner is unique. A window over every event × assignment pair sorts the whole payload.
  return `SELECT
      e.event_id,
      a.employee_key,
      a.agency_code,
      a.agency_kind,
      a.grade,
      a.grade_group,
      ${tenureBandSql('a.appointed_on', 'e.event_date')} AS tenure_band,
      ${ageBandSql('a.birth_year', 'e.event_date')} AS age_band,
      a.employment_type,
      a.sex
    FROM (
      SELECT
        e.event_id,
        any_value(e.event_date) AS event_date,
        arg_max(a.assignment_id, (
          a.started_on <= e.event_date AND (a.ended_on IS NULL OR a.ended_on >= e.event_date),
          a.started_on <= e.event_date,
          CASE WHEN a.started_on <= e.event_date THEN a.started_on ELSE DATE '0001-01-01' END,
          date_diff('day', a.started_on, DATE '1970-01-01'),
          a.assignment_id
        )) AS assignment_id
      FROM ${events} e
      JOIN int_employee_assignment a ON a.employee_id = e.employee_id
      GROUP BY e.event_id
    ) e
    JOIN int_employee_assignment a ON a.assignment_id = e.assignment_id`;
}
