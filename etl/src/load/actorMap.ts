import type { Db } from '@asn/warehouse';

/**
 * `land.actor_map(key, employee_id)`: every pseudonymous xAPI actor key an LMS account answers to
 * (its mbox or account form, and the mbox_sha1sum form), for mapping statements. Built from stg after
 * lms_accounts is written, so it holds this run's valid accounts and the earlier ones.
 */
export async function buildActorMap(db: Db): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE land.actor_map AS ${ACTOR_KEYS_SQL}`);
}

/** (key, employee_id) for every actor key of stg.lms_accounts. */
export const ACTOR_KEYS_SQL = `SELECT key, min(employee_id) AS employee_id FROM (
      SELECT actor_key AS key, employee_id FROM stg.lms_accounts
      UNION ALL SELECT account_key, employee_id FROM stg.lms_accounts
      UNION ALL SELECT mbox_sha1_key, employee_id FROM stg.lms_accounts
    ) WHERE key IS NOT NULL GROUP BY key`;
