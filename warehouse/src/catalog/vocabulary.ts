import type { Db } from '../db/index.ts';
import type { MetricFilter } from '../metrics/filter.ts';
import { ACCEPTED_VALUES } from '../tests/acceptedValues.ts';

/**
 * What a snapshot can answer about: the codes a filter may name, and the years its facts cover.
 * The API checks requests against it, so a mistyped code is an error that names the code instead
 * of an empty answer that looks like "no data".
 */

/** The filter fields that list codes or values. */
export type FilterListField = Exclude<keyof MetricFilter, 'from' | 'to'>;

export const FILTER_LIST_FIELDS: readonly FilterListField[] = [
  'agencies',
  'programs',
  'methods',
  'competencyAreas',
  'gradeGroups',
  'tenureBands',
  'employmentTypes',
  'serviceTypes',
  'kelurahan',
];

/** Every value each list field accepts. */
export type FilterVocabulary = Readonly<Record<FilterListField, ReadonlySet<string>>>;

/** Where the accepted values of a field come from: the snapshot's dimensions, or a fixed domain. */
const FROM_DIMENSIONS = {
  agencies: 'SELECT DISTINCT agency_code FROM marts.dim_agency',
  programs: 'SELECT program_code FROM marts.dim_program',
  serviceTypes: 'SELECT service_type FROM marts.dim_service_type',
  kelurahan: 'SELECT kelurahan_code FROM marts.dim_region',
} as const satisfies Partial<Record<FilterListField, string>>;

/** Fixed domains: the values the marts' data tests accept (a value with no rows is still valid). */
const FIXED_COLUMNS = {
  methods: 'method',
  competencyAreas: 'competency_area',
  gradeGroups: 'grade_group',
  tenureBands: 'tenure_band',
  employmentTypes: 'employment_type',
} as const satisfies Partial<Record<FilterListField, string>>;

function fixedDomain(column: string): ReadonlySet<string> {
  const rule = ACCEPTED_VALUES.find((r) => r.column === column && !r.models);
  if (!rule) throw new Error(`no accepted values for ${column}`);
  return new Set(rule.values);
}

/**
 * The snapshot's filter vocabulary: agencies (every code, renamed or not), programs, service
 * types and kelurahan from the dimension marts, in one query; methods, competency areas, grade
 * groups, tenure bands and employment types from their fixed domains.
 */
export async function readFilterVocabulary(db: Db): Promise<FilterVocabulary> {
  const fields = Object.keys(FROM_DIMENSIONS) as (keyof typeof FROM_DIMENSIONS)[];
  const rows = await db.all<{ field: string; value: string }>(
    fields
      .map((f) => `SELECT '${f}' AS field, CAST(v AS VARCHAR) AS value FROM (${FROM_DIMENSIONS[f]}) t(v)`)
      .join('\nUNION ALL\n'),
  );
  const found = Object.fromEntries(fields.map((f) => [f, new Set<string>()])) as Record<string, Set<string>>;
  for (const r of rows) if (r.value !== null) found[r.field]?.add(r.value);
  const fixed = Object.fromEntries(
    Object.entries(FIXED_COLUMNS).map(([field, column]) => [field, fixedDomain(column)]),
  );
  return { ...found, ...fixed } as FilterVocabulary;
}

/** The values of `field` the vocabulary does not know, in the order given, each once. */
export function unknownValues(
  field: FilterListField,
  values: readonly string[] | null | undefined,
  vocabulary: FilterVocabulary,
): string[] {
  const known = vocabulary[field];
  return [...new Set((values ?? []).filter((v) => !known.has(v)))];
}

/** The calendar years a snapshot's facts cover. */
export interface YearSpan {
  readonly first: number;
  readonly last: number;
}

/**
 * The years of `fct_headcount` (every year in which any fact falls, with the employees on 30 June),
 * the range every yearly metric can answer for; null for a snapshot without facts.
 */
export async function readYearSpan(db: Db): Promise<YearSpan | null> {
  const [row] = await db.all<{ first: number | null; last: number | null }>(
    'SELECT min(year) AS first, max(year) AS last FROM marts.fct_headcount',
  );
  if (row?.first === null || row?.first === undefined || row.last === null) return null;
  return { first: Number(row.first), last: Number(row.last) };
}
