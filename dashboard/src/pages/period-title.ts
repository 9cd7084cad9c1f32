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
  const from = fromYear ?? span?.first ?? null;
  const to = toYear ?? span?.last ?? null;
  if (from === null && to === null) return t('period.allYears');
  if (from === null) return t('period.upTo', { year: String(to) });
  if (to === null) return t('period.since', { year: String(from) });
  return from === to ? String(from) : `${from}–${to}`;
}
