/**
 * Roles in increasing privilege; each role sees everything the ones before it see.
 * - public: aggregate metrics with disclosure control, agencies, programs, snapshot.
 * - analyst: + cohort comparison, Kirkpatrick L3, ETL run log, data-test results, kept snapshots.
 * - planner: + ROI, budget scenarios, agency comparison.
 * - admin: + quarantine rows (raw, person-level), refreshWarehouse and rollbackWarehouse.
 */
export const ROLES = ['public', 'analyst', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** True when `role` is at least `required`. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return roleRank(role) >= roleRank(required);
}
