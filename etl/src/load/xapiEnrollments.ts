import type { Db } from '@asn/warehouse';
import { LOCAL_TIME_ZONE } from '../validate/rules.ts';
import { ACTIVITY_OFFERINGS_SQL, ACTOR_KEYS_SQL } from './actorMap.ts';

/**
 * Every stored statement with what it maps to now (`employee_id`, `offering_id`, the program's JP)
 * and `_reason`: why it cannot count today, or NULL. Judged on every run against the current
 * stg.lms_accounts / lms_activities / offerings, since those change after a statement was loaded:
 * - XAPI_UNMAPPED_ACTOR: its actor answers to no LMS account any more (deleted), or to accounts of
 *   two or more employees (see `ACTOR_KEYS_SQL`);
 * - XAPI_UNKNOWN_ACTIVITY: its activity is in no lms_activities row any more, or in several;
 * - DATES_OUT_OF_ORDER: it completes before its offering starts (local midnight of `starts_on`,
 *   WIB), as a spreadsheet enrollment's `completed_at` would be refused.
 * Such a statement stays stored (an LMS export is read once: it counts again when it maps), is left
 * out of the enrollments, and is quarantined again on every run while it does not count.
 */
const JUDGED_SQL = `actors AS (${ACTOR_KEYS_SQL}), activities AS (${ACTIVITY_OFFERINGS_SQL}), s AS (
      SELECT x.*, a.employee_id, a.employees, t.offering_id, t.offerings, p.jp AS program_jp, o.starts_on,
        CAST(o.starts_on AS TIMESTAMP) AT TIME ZONE '${LOCAL_TIME_ZONE}' AS starts_at,
        (x.verb IN ('completed', 'passed') OR coalesce(x.completion, false)) AS is_completion
      FROM stg.xapi_statements x
      LEFT JOIN actors a ON a.key = x.actor_key
      LEFT JOIN activities t ON t.activity_iri = x.activity_iri
      LEFT JOIN stg.offerings o ON o.id = t.offering_id
      LEFT JOIN stg.programs p ON p.id = o.program_id
    ), judged AS (
      SELECT *, CASE
          WHEN employee_id IS NULL THEN 'XAPI_UNMAPPED_ACTOR'
          WHEN employees > 1 THEN 'XAPI_UNMAPPED_ACTOR'
          WHEN offering_id IS NULL THEN 'XAPI_UNKNOWN_ACTIVITY'
          WHEN offerings > 1 THEN 'XAPI_UNKNOWN_ACTIVITY'
          WHEN is_completion AND "timestamp" < starts_at THEN 'DATES_OUT_OF_ORDER'
        END AS _reason,
        CASE
          WHEN employee_id IS NULL THEN 'its actor maps to no lms_accounts row any more (the LMS account was deleted)'
          WHEN employees > 1 THEN 'its actor now maps to accounts of several employees'
          WHEN offering_id IS NULL THEN 'activity ' || activity_iri || ' is in no lms_activities row any more'
          WHEN offerings > 1 THEN 'activity ' || activity_iri || ' is now mapped to several offerings'
          WHEN is_completion AND "timestamp" < starts_at
            THEN 'completion at ' || CAST("timestamp" AS VARCHAR) || ' is before the offering starts (' || starts_on || ')'
        END AS _detail
      FROM s
    )`;

/** A stored statement that does not count on this run (see `JUDGED_SQL`), as a quarantine entry. */
export interface StoredStatementReject {
  readonly source: string;
  readonly raw: string;
  readonly reason: 'XAPI_UNMAPPED_ACTOR' | 'XAPI_UNKNOWN_ACTIVITY' | 'DATES_OUT_OF_ORDER';
  readonly detail: string;
}

/**
 * The stored statements that do not count on this run, for the quarantine: never dropped silently
 * (an LMS account deleted at the source made its learners' enrollments vanish without a word).
 * `raw` holds what the warehouse stores of the statement (the actor only as its pseudonym).
 */
export async function storedStatementRejects(db: Db): Promise<StoredStatementReject[]> {
  const rows = await db.all<{ source: string; raw: string; reason: string; detail: string }>(
    `WITH ${JUDGED_SQL}
     SELECT _source AS source, _reason AS reason,
       'stored statement (loaded by run ' || _run_id || '): ' || _detail || '; kept, and counted again once it maps' AS detail,
       CAST(to_json(struct_pack(statement_id, actor_key, verb, activity_iri,
         "timestamp" := CAST("timestamp" AS VARCHAR), duration_seconds, jp, success, completion,
         score_scaled, score_raw, _run_id)) AS VARCHAR) AS raw
     FROM judged WHERE _reason IS NOT NULL ORDER BY _source, statement_id`,
  );
  return rows.map((r) => ({
    source: r.source,
    raw: r.raw,
    reason: r.reason as StoredStatementReject['reason'],
    detail: r.detail,
  }));
}

/**
 * Re-derives `stg.xapi_enrollments` from every stored statement (not just this run's), mapping
 * actors and activities through the current stg.lms_accounts / lms_activities, so the result
 * depends only on the accumulated state: incremental = full, and re-sending a file changes nothing.
 * Rules (also in the stg contract): one row per employee + offering; `completed` when any
 * completed/passed statement or completion = true, else `dropped`; JP = the largest JP of the
 * completion statements, or the program's JP when none of them reported a duration (many LMSs
 * report none: the learner still completed a course of that many JP), never more than the
 * program's JP (a `result.duration` of P1D is not 32 JP of a 16-JP course), 0 when not completed;
 * completed_at = the first completion. `mapStatements` (etl/src/sources/xapi) states the same rules
 * in JavaScript, and a test holds the two to the same answers. A statement that does not count now
 * (`JUDGED_SQL`: unmapped or ambiguous actor or activity, a completion before the offering starts)
 * is left out; `storedStatementRejects` lists them for the quarantine.
 *
 * `jpMinutes`, the run's JP_MINUTES: the stored `jp` of every statement is first derived again from
 * its `duration_seconds` at that length (`jpFromSeconds`, in SQL), so a changed JP_MINUTES applies
 * to the statements earlier runs stored, in incremental and full runs alike (a review of 2026-12-06
 * found a PT1H statement still at 1.3333 JP after a full run with JP_MINUTES=60). The JP is derived,
 * never the statement's content: the immutability check (`idConflictRules`) leaves it out.
 */
export async function rebuildXapiEnrollments(db: Db, jpMinutes: number): Promise<number> {
  await rederiveStatementJp(db, jpMinutes);
  await db.run('DELETE FROM stg.xapi_enrollments');
  return db.run(`INSERT INTO stg.xapi_enrollments
    WITH ${JUDGED_SQL}
    SELECT -(offering_id * 100000000 + employee_id) AS enrollment_id, offering_id, employee_id,
      CASE WHEN bool_or(is_completion) THEN 'completed' ELSE 'dropped' END AS status,
      CASE WHEN bool_or(is_completion)
        THEN CASE WHEN any_value(program_jp) IS NULL THEN max(jp) FILTER (WHERE is_completion)
          ELSE least(coalesce(max(jp) FILTER (WHERE is_completion), any_value(program_jp)), any_value(program_jp))
        END ELSE 0 END AS jp_earned,
      min("timestamp") FILTER (WHERE is_completion) AS completed_at,
      CAST(count(*) AS INTEGER) AS statement_count,
      arg_max(_source, "timestamp") AS _source,
      arg_max(_run_id, "timestamp") AS _run_id
    FROM judged WHERE _reason IS NULL GROUP BY offering_id, employee_id`);
}

/**
 * Sets the stored `jp` of every statement to what its `duration_seconds` is worth at `jpMinutes`
 * minutes per JP: seconds / 60 / jpMinutes, the double division `jpFromSeconds` does when a statement
 * is read (so a statement loaded by this run keeps its value to the bit). Only the rows whose JP
 * changes are written. Returns their number.
 */
export async function rederiveStatementJp(db: Db, jpMinutes: number): Promise<number> {
  if (!(jpMinutes > 0 && Number.isFinite(jpMinutes)))
    throw new RangeError(`jpMinutes must be positive and finite, got ${jpMinutes}`);
  const jp = 'duration_seconds / 60 / CAST($1 AS DOUBLE)';
  return db.run(`UPDATE stg.xapi_statements SET jp = ${jp} WHERE jp IS DISTINCT FROM ${jp}`, [jpMinutes]);
}
