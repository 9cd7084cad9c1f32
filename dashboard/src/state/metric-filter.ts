import type { MetricFilterInput } from '../graphql/operations.generated.ts';
import type { Filters, ListField } from './filters.ts';

/** The GraphQL `MetricFilterInput`, as generated from schema.graphql. */
export type { MetricFilterInput };

export type MetricName =
  | 'participation'
  | 'invitationFunnel'
  | 'resistance'
  | 'jpCompliance'
  | 'serviceTimes'
  | 'satisfaction'
  | 'kirkpatrick';

const PERSON: ListField[] = ['agencies', 'gradeGroups', 'tenureBands', 'employmentTypes'];
const PROGRAM: ListField[] = ['programs', 'methods', 'competencyAreas'];

/**
 * Filters each metric can honour. The API rejects a filter a metric's marts cannot apply (e.g.
 * service type on participation) with BAD_USER_INPUT, so a page sends each chart only what applies
 * and the chart says which global filters it ignores, instead of failing.
 */
export const SUPPORTED_FILTERS: Record<MetricName, readonly ListField[]> = {
  participation: [...PERSON, ...PROGRAM],
  invitationFunnel: [...PERSON, ...PROGRAM],
  resistance: [...PERSON, ...PROGRAM],
  jpCompliance: [...PERSON, ...PROGRAM],
  kirkpatrick: [...PERSON, ...PROGRAM],
  serviceTimes: ['agencies', 'serviceTypes', 'kelurahan'],
  satisfaction: ['agencies', 'serviceTypes'],
};

export interface ScopedFilter {
  readonly filter: MetricFilterInput;
  /** Global filters that are set but do not apply to this metric. */
  readonly ignored: readonly ListField[];
  /** Global list filters that are set and sent. */
  readonly applied: readonly ListField[];
}

export function metricFilter(filters: Filters, metric: MetricName): ScopedFilter {
  const supported = SUPPORTED_FILTERS[metric];
  const filter: MetricFilterInput = {};
  if (filters.fromYear !== null) filter.from = `${filters.fromYear}-01-01`;
  if (filters.toYear !== null) filter.to = `${filters.toYear}-12-31`;
  const ignored: ListField[] = [];
  const applied: ListField[] = [];
  for (const field of Object.keys(filters) as (keyof Filters)[]) {
    const value = filters[field];
    if (!Array.isArray(value) || value.length === 0) continue;
    const list = field as ListField;
    if (supported.includes(list)) {
      filter[list] = [...value];
      applied.push(list);
    } else ignored.push(list);
  }
  return { filter, ignored, applied };
}

/**
 * The warehouse dimension each list filter selects on (`groupBy` names the same ones): the
 * warehouse's `FILTER_DIMENSIONS`, which the browser bundle cannot import (the package loads
 * DuckDB); metric-filter.test.ts checks the two agree.
 */
export const FILTER_DIMENSION: Record<ListField, string> = {
  agencies: 'agency',
  programs: 'program',
  methods: 'method',
  competencyAreas: 'competencyArea',
  gradeGroups: 'gradeGroup',
  tenureBands: 'tenureBand',
  employmentTypes: 'employmentType',
  serviceTypes: 'serviceType',
  kelurahan: 'kelurahan',
};

/**
 * Whether a query's list filters and groupBy name three dimensions or more: its groups are then
 * cells of a three-way table (two filters fixing two dimensions, the breakdown a third), which the
 * API never publishes and hides whole (README, Privacy by design: a three-way table would give away
 * cells its two-way views hide). Participation and JP compliance take a method or competency area
 * as the programs it selects, one dimension with programs.
 */
export function namesThreeDimensions(
  metric: MetricName,
  applied: readonly ListField[],
  groupBy: readonly string[],
): boolean {
  if (groupBy.length === 0) return false;
  const asPrograms = metric === 'participation' || metric === 'jpCompliance';
  const dims = new Set(groupBy);
  for (const field of applied) {
    const dim = FILTER_DIMENSION[field];
    dims.add(asPrograms && (dim === 'method' || dim === 'competencyArea') ? 'program' : dim);
  }
  return dims.size >= 3;
}
