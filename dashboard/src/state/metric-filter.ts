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
