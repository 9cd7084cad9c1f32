import type { Db } from '../db/index.ts';

/**
 * Reference lists served beside the metrics (agencies, programs), read from the dimension marts.
 * Readers take the snapshot's `Db` (usually a read-only lease) and never write.
 */

/** One agency as it is named today (the current `dim_agency` version of its code). */
export interface AgencyRecord {
  /** Stable agency code (unchanged by renames). */
  readonly code: string;
  /** Name of the latest version of this code. */
  readonly name: string;
  readonly kind: string;
  /** Code of the parent agency; null for a top-level agency. */
  readonly parentCode: string | null;
}

/** One training program from `dim_program`. */
export interface ProgramRecord {
  readonly code: string;
  readonly title: string;
  readonly competencyArea: string;
  readonly method: string;
  /** Planned JP (jam pelajaran) of one run. */
  readonly jp: number;
  /** Training provider; null when unknown. */
  readonly provider: string | null;
}

/** `IN ($p0, $p1, …)` with bound values: codes are data, never SQL text. */
function inList(
  column: string,
  codes: readonly string[] | undefined,
): { sql: string; params: Record<string, string> } {
  if (!codes) return { sql: 'TRUE', params: {} };
  if (codes.length === 0) return { sql: 'FALSE', params: {} };
  const params = Object.fromEntries(codes.map((code, i) => [`p${i}`, code]));
  return { sql: `${column} IN (${codes.map((_, i) => `$p${i}`).join(', ')})`, params };
}

/**
 * Current agencies ordered by code. `codes` restricts the list (undefined = all, [] = none);
 * unknown codes are simply absent. One query.
 */
export async function listAgencies(db: Db, codes?: readonly string[]): Promise<AgencyRecord[]> {
  const where = inList('agency_code', codes);
  return db.all<AgencyRecord>(
    `SELECT agency_code AS code, current_name AS name, kind, parent_code AS "parentCode"
     FROM marts.dim_agency WHERE is_current AND ${where.sql} ORDER BY agency_code`,
    where.params,
  );
}

/**
 * Training programs ordered by code. `codes` restricts the list (undefined = all, [] = none);
 * unknown codes are simply absent. One query.
 */
export async function listPrograms(db: Db, codes?: readonly string[]): Promise<ProgramRecord[]> {
  const where = inList('program_code', codes);
  return db.all<ProgramRecord>(
    `SELECT program_code AS code, title, competency_area AS "competencyArea", method, jp, provider
     FROM marts.dim_program WHERE ${where.sql} ORDER BY program_code`,
    where.params,
  );
}
