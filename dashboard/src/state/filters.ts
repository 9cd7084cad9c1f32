import {
  COMPETENCY_AREAS,
  EMPLOYMENT_TYPES,
  GRADE_GROUPS,
  GRAINS,
  type Grain,
  METHODS,
  TENURE_BANDS,
} from './domain.ts';

/**
 * The global filters, as they live in the URL. Everything a chart shows is a function of the URL,
 * so back/forward work and a shared link reproduces the view exactly.
 */
export interface Filters {
  readonly fromYear: number | null;
  readonly toYear: number | null;
  readonly agencies: readonly string[];
  readonly programs: readonly string[];
  readonly methods: readonly string[];
  readonly competencyAreas: readonly string[];
  readonly gradeGroups: readonly string[];
  readonly tenureBands: readonly string[];
  readonly employmentTypes: readonly string[];
  readonly serviceTypes: readonly string[];
  readonly kelurahan: readonly string[];
  readonly grain: Grain;
}

export type ListField = Exclude<keyof Filters, 'fromYear' | 'toYear' | 'grain'>;

export const EMPTY_FILTERS: Filters = {
  fromYear: null,
  toYear: null,
  agencies: [],
  programs: [],
  methods: [],
  competencyAreas: [],
  gradeGroups: [],
  tenureBands: [],
  employmentTypes: [],
  serviceTypes: [],
  kelurahan: [],
  grain: 'year',
};

/** URL key of each list filter; short so shared links stay readable. */
/**
 * A trend shown at a coarser grain than the page's: the finer one was refused as too fine to protect
 * (`refused`), or came back with every value hidden (`hidden`).
 */
export interface Coarsened {
  readonly from: Grain;
  readonly to: Grain;
  readonly because: 'refused' | 'hidden';
}

export const LIST_PARAMS: Record<ListField, string> = {
  agencies: 'agency',
  programs: 'program',
  methods: 'method',
  competencyAreas: 'area',
  gradeGroups: 'grade',
  tenureBands: 'tenure',
  employmentTypes: 'emp',
  serviceTypes: 'svc',
  kelurahan: 'kel',
};

/** Closed lists are checked against their values; open ones (codes) against a safe pattern. */
const ALLOWED: Partial<Record<ListField, readonly string[]>> = {
  methods: METHODS,
  competencyAreas: COMPETENCY_AREAS,
  gradeGroups: GRADE_GROUPS,
  tenureBands: TENURE_BANDS,
  employmentTypes: EMPLOYMENT_TYPES,
};
const CODE = /^[A-Za-z0-9._-]{1,40}$/;
const MAX_VALUES = 50;

function parseYear(value: string | null): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 1990 && year <= 2100 ? year : null;
}

function parseList(field: ListField, value: string | null): string[] {
  if (!value) return [];
  const allowed = ALLOWED[field];
  const out: string[] = [];
  for (const raw of value.split(',')) {
    const v = raw.trim();
    if (!v || out.includes(v)) continue;
    if (allowed ? allowed.includes(v) : CODE.test(v)) out.push(v);
    if (out.length >= MAX_VALUES) break;
  }
  return out;
}

/** Reads filters from a query string; unknown or malformed values are dropped, never thrown. */
export function parseFilters(search: string | URLSearchParams): Filters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  let fromYear = parseYear(params.get('from'));
  let toYear = parseYear(params.get('to'));
  if (fromYear !== null && toYear !== null && fromYear > toYear) [fromYear, toYear] = [toYear, fromYear];
  const grainParam = params.get('grain');
  const grain = (GRAINS as readonly string[]).includes(grainParam ?? '') ? (grainParam as Grain) : 'year';
  const lists = Object.fromEntries(
    (Object.keys(LIST_PARAMS) as ListField[]).map((f) => [f, parseList(f, params.get(LIST_PARAMS[f]))]),
  ) as Record<ListField, string[]>;
  return { ...lists, fromYear, toYear, grain };
}

/**
 * Writes filters into `params` (other keys, e.g. the page, are kept). Defaults are omitted so the
 * plain URL means "everything", and values are sorted so one view has exactly one URL.
 */
export function writeFilters(params: URLSearchParams, filters: Filters): URLSearchParams {
  const out = new URLSearchParams(params);
  const set = (key: string, value: string | null) => (value ? out.set(key, value) : out.delete(key));
  // A reversed period is written in order, as `parseFilters` reads it: one view, one URL.
  const { fromYear: a, toYear: b } = filters;
  const [from, to] = a !== null && b !== null && a > b ? [b, a] : [a, b];
  set('from', from === null ? null : String(from));
  set('to', to === null ? null : String(to));
  set('grain', filters.grain === 'year' ? null : filters.grain);
  for (const field of Object.keys(LIST_PARAMS) as ListField[]) {
    const values = [...new Set(filters[field])].sort();
    set(LIST_PARAMS[field], values.length ? values.join(',') : null);
  }
  return out;
}

/** Number of filters that restrict the population (the period excluded); shown on the toggle. */
export function activeFilterCount(filters: Filters): number {
  return (Object.keys(LIST_PARAMS) as ListField[]).filter((f) => filters[f].length > 0).length;
}
