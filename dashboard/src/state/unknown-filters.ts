import type { Filters, ListField } from './filters.ts';

/** The values each catalogue-backed list filter knows, once the catalogue has come. */
export type KnownValues = Partial<Record<ListField, readonly string[]>>;

/** Per list filter, the values a shared link names that the snapshot's catalogue does not know. */
export type UnknownValues = Partial<Record<ListField, readonly string[]>>;

/**
 * The values of `filters` missing from the catalogue (`known`): an agency or program code that is
 * not in this snapshot. A list the catalogue did not give (or gave empty: it may not have come)
 * is not judged. Empty when every value is known.
 */
export function unknownFilterValues(filters: Filters, known: KnownValues): UnknownValues {
  const out: Partial<Record<ListField, string[]>> = {};
  for (const [field, values] of Object.entries(known) as [ListField, readonly string[]][]) {
    if (values.length === 0) continue;
    const set = new Set(values);
    const unknown = filters[field].filter((v) => !set.has(v));
    if (unknown.length > 0) out[field] = unknown;
  }
  return out;
}

/** The filters without the unknown values, as the URL keeps them once they are dropped. */
export function withoutUnknown(filters: Filters, unknown: UnknownValues): Filters {
  const next: Record<string, unknown> = { ...filters };
  for (const [field, values] of Object.entries(unknown) as [ListField, readonly string[]][]) {
    next[field] = filters[field].filter((v) => !values.includes(v));
  }
  return next as unknown as Filters;
}
