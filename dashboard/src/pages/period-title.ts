import type { Translate } from '../i18n/translate.ts';

/** The snapshot's years (`snapshot.years`): what a range without an end reads. */
export interface YearSpan {
  readonly first: number;
  readonly last: number;
}

/**
 * The years a card's figures cover, for its title: the filter's years, an open end read as the
 * snapshot's first or last year ("Semua" tahun of a 2021–2025 snapshot: 2021–2025), one year
 * alone (2025). Without the filter's years or the snapshot's: "semua tahun". A card that pools the
 * range (a value per agency over every year chosen) says so, so it is not read as one year beside
 * a page that shows one (Instansi).
 */
export function periodText(
  fromYear: number | null,
  toYear: number | null,
  span: YearSpan | null | undefined,
  t: Translate,
): string {
  // An open end is closed with the snapshot's year only where that gives a range: a shared link's
  // `from=2030` on a 2021–2025 snapshot reads "from 2030" (the filter bar says it has no data),
  // not "2030–2025" (a review of 2026-12-05).
  const closes = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined || b === null || b === undefined || a <= b;
  const from = fromYear ?? (closes(span?.first, toYear) ? (span?.first ?? null) : null);
  const to = toYear ?? (closes(fromYear, span?.last) ? (span?.last ?? null) : null);
  if (from !== null && to !== null && from > to) return `${to}–${from}`;
  if (from === null && to === null) return t('period.allYears');
  if (from === null) return t('period.upTo', { year: String(to) });
  if (to === null) return t('period.since', { year: String(from) });
  return from === to ? String(from) : `${from}–${to}`;
}
