import {
  FILTER_LIST_FIELDS,
  type FilterListField,
  type FilterVocabulary,
  type MetricFilter,
  readFilterVocabulary,
  type SnapshotInfo,
  unknownValues,
} from '@asn/warehouse';
import type { GraphQLError } from 'graphql';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors/api-errors.ts';

/**
 * Codes in a request are checked against the snapshot before any metric runs: a mistyped agency,
 * program or method is a BAD_USER_INPUT naming the value and where the known ones are listed,
 * never an empty answer that reads as "no data".
 */

/** One list of values from the request, the filter field whose vocabulary applies, and its path. */
export interface CodeCheck {
  /** Argument path for the error, e.g. `filter.agencies`, `cohort.selector.value`. */
  readonly path: string;
  readonly field: FilterListField;
  readonly values: readonly string[] | null | undefined;
}

/** Loaded once per snapshot (one query), on the first request that names a code. */
const vocabularies = new WeakMap<SnapshotInfo, Promise<FilterVocabulary>>();

function vocabularyOf(ctx: ApiContext): Promise<FilterVocabulary> {
  const { snapshot, db } = ctx.lease;
  let loading = vocabularies.get(snapshot);
  if (!loading) {
    loading = readFilterVocabulary(db);
    vocabularies.set(snapshot, loading);
    // A failed read (e.g. a timeout) is not remembered: the next request tries again.
    loading.catch(() => vocabularies.delete(snapshot));
  }
  return loading;
}

const ECHO_CHARS = 64;

/** Where a reader finds the values a field accepts. */
const WHERE_LISTED: Partial<Record<FilterListField, string>> = {
  agencies: 'the `agencies` query lists the agency codes',
  programs: 'the `programs` query lists the program codes',
  serviceTypes: 'serviceTimes(groupBy: [serviceType]) lists the service types',
  kelurahan:
    'kelurahan codes are dotted Kemendagri codes (e.g. 62.71.01.1001); serviceTimes(groupBy: [kelurahan]) lists them',
};

/** The error for the first list with unknown values, or null when every value is known. */
export function unknownCodesError(
  checks: readonly CodeCheck[],
  vocabulary: FilterVocabulary,
): GraphQLError | null {
  for (const check of checks) {
    // A value is echoed at most ECHO_CHARS long: the message names it, it does not replay the input.
    const unknown = unknownValues(check.field, check.values, vocabulary).map((v) =>
      v.length > ECHO_CHARS ? `${v.slice(0, ECHO_CHARS - 1)}…` : v,
    );
    if (!unknown.length) continue;
    // Agencies, programs, service types and kelurahan come from the snapshot; methods, competency
    // areas, grade groups, tenure bands and employment types are fixed domains, listed in full.
    const where = WHERE_LISTED[check.field];
    const accepted = where ? undefined : [...vocabulary[check.field]].sort();
    const why = accepted ? `accepted: ${accepted.join(', ')}` : `not in snapshot; ${where}`;
    const values = unknown.map((v) => JSON.stringify(v)).join(', ');
    return badInput(`Unknown value${unknown.length > 1 ? 's' : ''} in ${check.path}: ${values} (${why}).`, {
      reason: 'UNKNOWN_VALUE',
      field: check.path,
      unknown,
      ...(accepted ? { accepted } : {}),
    });
  }
  return null;
}

/** Throws BAD_USER_INPUT for the first unknown value; reads nothing when no check names a value. */
export async function checkCodes(ctx: ApiContext, checks: readonly CodeCheck[]): Promise<void> {
  const named = checks.filter((c) => c.values?.length);
  if (!named.length) return;
  const error = unknownCodesError(named, await vocabularyOf(ctx));
  if (error) throw error;
}

/** The checks of a metric filter (`prefix.agencies`, …). */
export function filterChecks(filter: MetricFilter | undefined, prefix = 'filter'): CodeCheck[] {
  if (!filter) return [];
  return FILTER_LIST_FIELDS.flatMap((field) =>
    filter[field]?.length ? [{ path: `${prefix}.${field}`, field, values: filter[field] }] : [],
  );
}

const SELECTOR_FIELDS: Readonly<Record<string, FilterListField>> = {
  program: 'programs',
  method: 'methods',
  competencyArea: 'competencyAreas',
};

/** The check of a cohort selector's value (a program code, a method or a competency area). */
export function selectorCheck(
  selector: { readonly kind: string; readonly value: string },
  path: string,
): CodeCheck[] {
  const field = SELECTOR_FIELDS[selector.kind];
  return field ? [{ path, field, values: [selector.value] }] : [];
}
