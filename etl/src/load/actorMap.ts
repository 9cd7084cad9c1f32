import type { Db } from '@asn/warehouse';

/**
 * `land.actor_map(key, employee_id, employees)`: every pseudonymous xAPI actor key an LMS account answers to
 * (its mbox or account form, and the mbox_sha1sum form), for mapping statements. Built from stg after
 * lms_accounts is written, so it holds this run's valid accounts and the earlier ones.
 */
export async function buildActorMap(db: Db): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE land.actor_map AS ${ACTOR_KEYS_SQL}`);
}

/**
 * (key, employee_id, employees) for every actor key of stg.lms_accounts. `employees` > 1 when
 * accounts of different employees answer to the same key (one mailbox registered twice): such an
 * actor is ambiguous, and its statements are quarantined (XAPI_UNMAPPED_ACTOR), never given to
 * one of them; `employee_id` is then only the lowest of them, not an answer.
 */
export const ACTOR_KEYS_SQL = `SELECT key, min(employee_id) AS employee_id,
      count(DISTINCT employee_id) AS employees FROM (
      SELECT actor_key AS key, employee_id FROM stg.lms_accounts
      UNION ALL SELECT account_key, employee_id FROM stg.lms_accounts
      UNION ALL SELECT mbox_sha1_key, employee_id FROM stg.lms_accounts
    ) WHERE key IS NOT NULL GROUP BY key`;

/**
 * (activity_iri, offering_id, offerings) for every activity of stg.lms_activities; `offerings` > 1
 * when one activity IRI is mapped to several offerings (ambiguous: its statements are quarantined
 * as XAPI_UNKNOWN_ACTIVITY, never given to one of them).
 */
export const ACTIVITY_OFFERINGS_SQL = `SELECT activity_iri, min(offering_id) AS offering_id,
      count(DISTINCT offering_id) AS offerings FROM stg.lms_activities GROUP BY activity_iri`;
