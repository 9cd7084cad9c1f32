import type { Db } from '@asn/warehouse';
import { ACTIVITY_OFFERINGS_SQL, ACTOR_KEYS_SQL } from './actorMap.ts';

/**
 * Re-derives `stg.xapi_enrollments` from every stored statement (not just this run's), mapping
 * actors and activities through the current stg.lms_accounts / lms_activities, so the result
 * depends only on the accumulated state: incremental = full, and re-sending a file changes nothing.
 * Rules (also in the stg contract): one row per employee + offering; `completed` when any
 * completed/passed statement or completion = true, else `dropped`; JP = the largest JP of the
 * completion statements, or the program's JP when none of them reported a duration (many LMSs
 * report none: the learner still completed a course of that many JP), 0 when not completed;
 * completed_at = the first completion. `mapStatements` (etl/src/sources/xapi) states the same rules
 * in JavaScript, and a test holds the two to the same answers. An actor or activity that became
 * ambiguous since its statements were loaded (see `ACTOR_KEYS_SQL`) maps to nobody.
 */
export async function rebuildXapiEnrollments(db: Db): Promise<number> {
  await db.run('DELETE FROM stg.xapi_enrollments');
  return db.run(`INSERT INTO stg.xapi_enrollments
    WITH actors AS (${ACTOR_KEYS_SQL}), activities AS (${ACTIVITY_OFFERINGS_SQL}), s AS (
      SELECT a.employee_id, t.offering_id, p.jp AS program_jp, x.*,
        (x.verb IN ('completed', 'passed') OR coalesce(x.completion, false)) AS is_completion
      FROM stg.xapi_statements x
      JOIN actors a ON a.key = x.actor_key AND a.employees = 1
      JOIN activities t ON t.activity_iri = x.activity_iri AND t.offerings = 1
      LEFT JOIN stg.offerings o ON o.id = t.offering_id
      LEFT JOIN stg.programs p ON p.id = o.program_id
    )
    SELECT -(offering_id * 100000000 + employee_id) AS enrollment_id, offering_id, employee_id,
      CASE WHEN bool_or(is_completion) THEN 'completed' ELSE 'dropped' END AS status,
      CASE WHEN bool_or(is_completion)
        THEN coalesce(max(jp) FILTER (WHERE is_completion), any_value(program_jp)) ELSE 0 END AS jp_earned,
      min("timestamp") FILTER (WHERE is_completion) AS completed_at,
      CAST(count(*) AS INTEGER) AS statement_count,
      arg_max(_source, "timestamp") AS _source,
      arg_max(_run_id, "timestamp") AS _run_id
    FROM s GROUP BY offering_id, employee_id`);
}
