/**
 * The years the live snapshot covers (`snapshot.years`), and the defaults derived from them. Nothing
 * here names a calendar year: next year's data moves every picker and default with it.
 */
export interface YearSpan {
  readonly first: number;
  readonly last: number;
}

/** Every year of the span, oldest first; none while the span is unknown. */
export function yearOptions(span: YearSpan | null | undefined): number[] {
  if (!span || span.last < span.first) return [];
  return Array.from({ length: span.last - span.first + 1 }, (_, i) => span.first + i);
}

/**
 * The latest year whose training can be measured against the year after it (cohort comparison,
 * ROI): the year before the last, or the only year of a one-year span; null while unknown.
 */
export function measurableYear(span: YearSpan | null | undefined): number | null {
  if (!span) return null;
  return span.last > span.first ? span.last - 1 : span.last;
}

/** A calendar year as the API's inclusive dates. */
export function yearWindow(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
