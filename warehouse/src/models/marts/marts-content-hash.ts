import type { Db } from '../../db/index.ts';
import { MARTS } from './contract.ts';

/**
 * md5 over every mart's rows (each row cast to text, sorted), one hash per mart. Row order does not
 * count, content does: two builds are "identical" when these match. Used by the determinism test and
 * by ETL idempotence checks (same input twice, incremental = full).
 */
export async function martsContentHash(db: Db): Promise<Record<string, string>> {
  const sql = MARTS.map(
    (
      m,
    ) => `SELECT '${m.name}' AS mart, coalesce(md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR))), '') AS hash
      FROM marts.${m.name} t`,
  ).join('\nUNION ALL\n');
  const rows = await db.all<{ mart: string; hash: string }>(`${sql}\nORDER BY mart`);
  return Object.fromEntries(rows.map((r) => [r.mart, r.hash]));
}
