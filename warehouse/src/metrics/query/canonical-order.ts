import type { Dimension } from '../filter.ts';

/** Every dimension's place in the one order tables are protected in. */
const DIMENSION_RANK: Readonly<Record<Dimension, number>> = {
  agencyKind: 0,
  agency: 1,
  gradeGroup: 2,
  tenureBand: 3,
  employmentType: 4,
  method: 5,
  competencyArea: 6,
  program: 7,
  serviceType: 8,
  kelurahan: 9,
  declineReason: 10,
};

/**
 * Dimensions in the one order disclosure control works in, whatever order a query named them:
 * the same table asked as [program, tenureBand] and as [tenureBand, program] must be protected
 * once, not twice with different complements (privacy reviews of 2026-12-04).
 */
export function canonicalDimensions(dims: readonly Dimension[]): Dimension[] {
  return [...dims].sort((x, y) => DIMENSION_RANK[x] - DIMENSION_RANK[y]);
}

/** True when `dims` are already in canonical order. */
export function isCanonical(dims: readonly Dimension[]): boolean {
  return dims.every((d, i) => i === 0 || DIMENSION_RANK[dims[i - 1]!] <= DIMENSION_RANK[d]);
}
