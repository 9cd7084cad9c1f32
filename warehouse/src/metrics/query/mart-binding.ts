import type { Dimension, MetricFilter } from '../filter.ts';

/** The list fields of `MetricFilter` and the dimension each one restricts. */
export const FILTER_DIMENSIONS = {
  agencies: 'agency',
  programs: 'program',
  methods: 'method',
  competencyAreas: 'competencyArea',
  gradeGroups: 'gradeGroup',
  tenureBands: 'tenureBand',
  employmentTypes: 'employmentType',
  serviceTypes: 'serviceType',
  kelurahan: 'kelurahan',
} as const satisfies Record<Exclude<keyof MetricFilter, 'from' | 'to'>, Dimension>;

export type FilterField = keyof typeof FILTER_DIMENSIONS;

/**
 * How one metric source (a mart, a pre-aggregate, or a join of them under an alias) exposes the
 * common query shape: which dimensions it carries as columns (only those can be filtered or grouped
 * by), and which column places a row in time.
 */
export interface MartBinding {
  /** Named in error messages, e.g. `fct_invitations`. */
  readonly label: string;
  /** Dimension → SQL column expression (may be alias-qualified, e.g. `h.agency_code`). */
  readonly columns: Partial<Record<Dimension, string>>;
  /**
   * `date`: a DATE column; `from`/`to` compare to it and any grain applies.
   * `year`: an INTEGER year; `from`/`to` select whole years and only the year grain applies.
   */
  readonly time: { readonly kind: 'date' | 'year'; readonly column: string };
}

/** Person attributes carried by every person-level fact (see the marts contract). */
export function personColumns(prefix = ''): Partial<Record<Dimension, string>> {
  return {
    agency: `${prefix}agency_code`,
    agencyKind: `${prefix}agency_kind`,
    gradeGroup: `${prefix}grade_group`,
    tenureBand: `${prefix}tenure_band`,
    employmentType: `${prefix}employment_type`,
  };
}

/** Program attributes carried by training facts. */
export function programColumns(prefix = ''): Partial<Record<Dimension, string>> {
  return {
    program: `${prefix}program_code`,
    method: `${prefix}method`,
    competencyArea: `${prefix}competency_area`,
  };
}
