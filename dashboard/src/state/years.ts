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

/** A fact's coverage as the snapshot reports it (`snapshot.coverage`). */
export interface CoverageLike {
  readonly grain: string;
  readonly last: string;
}

/**
 * The last day of data: the latest last day of the daily facts (requests, surveys, invitations,
 * enrollments), the day the sources were last exported up to; null while unknown. Yearly facts
 * (appraisals, budgets) always reach 31 December and say nothing about it.
 */
export function dataThrough(coverage: readonly CoverageLike[] | null | undefined): string | null {
  let through: string | null = null;
  for (const c of coverage ?? [])
    if (c.grain === 'day' && (through === null || c.last > through)) through = c.last;
  return through;
}

/**
 * The snapshot's last year when its data stops before that year's December (an export in
 * September): its yearly figures cover only part of the year, and a comparison with the year before
 * sets part of a year against a whole one. Null when the last year is whole, or while unknown.
 */
export function partialYear(
  span: YearSpan | null | undefined,
  coverage: readonly CoverageLike[] | null | undefined,
): { readonly year: number; readonly through: string } | null {
  const through = dataThrough(coverage);
  if (!span || through === null) return null;
  if (Number(through.slice(0, 4)) !== span.last || through >= `${span.last}-12-01`) return null;
  return { year: span.last, through };
}

/**
 * The chosen years (a shared link's `from`/`to`) that lie outside the snapshot's span, oldest
 * first, without repeats; none while the span is unknown. Such a year has no data at all, so the
 * filter bar says so instead of leaving every card empty without a reason.
 */
export function yearsOutsideSpan(
  chosen: readonly (number | null)[],
  span: YearSpan | null | undefined,
): number[] {
  if (!span || span.last < span.first) return [];
  const outside = chosen.filter((y): y is number => y !== null && (y < span.first || y > span.last));
  return [...new Set(outside)].sort((a, b) => a - b);
}
