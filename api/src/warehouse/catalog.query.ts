import type { Db } from '@asn/warehouse';

/**
 * Reference lists the API serves besides metrics (agencies, programs). They read dimension marts
 * directly because the warehouse has no catalog function yet; move these there when it does (only
 * `warehouse` should talk to DuckDB).
 */
export interface AgencyRecord {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parentCode: string | null;
}

export interface ProgramRecord {
  readonly code: string;
  readonly title: string;
  readonly competencyArea: string;
  readonly method: string;
  readonly jp: number;
  readonly provider: string | null;
}

/** `IN ($p0, $p1, …)` with bound values: codes are data, never SQL text. */
function inList(
  column: string,
  codes: readonly string[] | undefined,
): { sql: string; params: Record<string, string> } {
  if (!codes) return { sql: 'TRUE', params: {} };
  if (codes.length === 0) return { sql: 'FALSE', params: {} };
  const params = Object.fromEntries(codes.map((c, i) => [`p${i}`, c]));
  return { sql: `${column} IN (${codes.map((_, i) => `$p${i}`).join(', ')})`, params };
}

export async function listAgencies(db: Db, codes?: readonly string[]): Promise<AgencyRecord[]> {
  const where = inList('agency_code', codes);
  return db.all<AgencyRecord>(
    `SELECT agency_code AS code, current_name AS name, kind, parent_code AS "parentCode"
     FROM marts.dim_agency WHERE is_current AND ${where.sql} ORDER BY agency_code`,
    where.params,
  );
}

export async function listPrograms(db: Db, codes?: readonly string[]): Promise<ProgramRecord[]> {
  const where = inList('program_code', codes);
  return db.all<ProgramRecord>(
    `SELECT program_code AS code, title, competency_area AS "competencyArea", method, jp, provider
     FROM marts.dim_program WHERE ${where.sql} ORDER BY program_code`,
    where.params,
  );
}
