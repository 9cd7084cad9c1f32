import type { Lang } from '../i18n/lang.ts';
import type { Translate } from '../i18n/translate.ts';

/** A caveat on an agency's ROI, as the API sends it (`Scorecard.roiWarnings`). */
export interface RoiCaveat {
  readonly code: string;
  readonly id: string;
  readonly en: string;
}

/** A caveat's text in the reader's language. */
export function caveatText(caveat: RoiCaveat, lang: Lang): string {
  return lang === 'en' ? caveat.en : caveat.id;
}

export interface RoiFootnote {
  /** 1-based footnote number, shown as a superscript in the ROI cells it applies to. */
  readonly mark: number;
  readonly code: string;
  readonly text: string;
}

/**
 * Caveats under which the agency's ROI prices an effect that is not shown: its 95 % CI contains 0, or
 * service got slower. The scorecard's ROI is the base case, which the API's text (about the low case)
 * does not explain: the scorecard says in its own words what the base figure means then.
 */
export const NO_EFFECT_ROI_CAVEATS: ReadonlySet<string> = new Set([
  'effect_ci_includes_zero',
  'effect_adverse',
]);

/** A caveat as the scorecard states it: its own words for the no-effect caveats, else the API's. */
export function scorecardCaveatText(caveat: RoiCaveat, t: Translate, lang: Lang): string {
  if (caveat.code === 'effect_ci_includes_zero') return t('instansi.roiNote.ciIncludesZero');
  if (caveat.code === 'effect_adverse') return t('instansi.roiNote.adverse');
  return caveatText(caveat, lang);
}

/**
 * The words beside a base-case ROI whose effect is not shown, so the figure does not read as a
 * shown return or a loss: "tanpa manfaat terukur" at −100 % (no benefit priced), "manfaat tidak
 * terbukti" above it (a benefit priced that may be nil), "layanan lebih lambat" when slower. Null
 * for a shown effect, no figure, or an ROI already written as not measured.
 */
export function roiQualifierKey(row: {
  readonly roiPct: number | null;
  readonly roiWarnings: readonly RoiCaveat[];
}): 'instansi.roiNoMeasuredBenefit' | 'instansi.roiBenefitNotShown' | 'instansi.roiSlower' | null {
  if (row.roiPct === null || roiNotMeasured(row)) return null;
  if (row.roiWarnings.some((w) => w.code === 'effect_adverse')) return 'instansi.roiSlower';
  if (!row.roiWarnings.some((w) => NO_EFFECT_ROI_CAVEATS.has(w.code))) return null;
  return row.roiPct <= -100 ? 'instansi.roiNoMeasuredBenefit' : 'instansi.roiBenefitNotShown';
}

/**
 * Footnotes for the ROI column: one per distinct caveat code, numbered in the order the rows
 * first raise them, in the reader's language. An agency whose ROI is −100 % only because the effect
 * could not be measured (`no_effect_data`) then reads as "no measured benefit", not as a loss; one
 * whose effect's CI contains 0 reads as a base case pricing an effect that is not shown.
 */
export function roiFootnotes(
  rows: readonly { readonly roiWarnings: readonly RoiCaveat[] }[],
  t: Translate,
  lang: Lang,
): RoiFootnote[] {
  const notes: RoiFootnote[] = [];
  for (const row of rows) {
    for (const w of row.roiWarnings) {
      if (notes.some((n) => n.code === w.code)) continue;
      notes.push({ mark: notes.length + 1, code: w.code, text: scorecardCaveatText(w, t, lang) });
    }
  }
  return notes;
}

/** The footnote numbers of one row's caveats, in footnote order. */
export function roiMarks(
  row: { readonly roiWarnings: readonly RoiCaveat[] },
  notes: readonly RoiFootnote[],
): number[] {
  return notes.filter((n) => row.roiWarnings.some((w) => w.code === n.code)).map((n) => n.mark);
}

/**
 * Caveats under which an ROI of −100 % is not a loss but an effect nobody could measure (no service
 * handlers, or no data before or after the training): the benefit is set to 0 by Phillips' rule.
 */
export const UNMEASURED_ROI_CAVEATS: ReadonlySet<string> = new Set([
  'no_effect_data',
  'no_data_before_training',
  'no_data_after_training',
]);

/**
 * Whether the scorecard writes "not measured" instead of the ROI figure: a planner reads "−100 %" as
 * money spent and lost, while it only says no benefit could be measured. The CSV keeps the figure.
 */
export function roiNotMeasured(row: {
  readonly roiPct: number | null;
  readonly roiWarnings: readonly RoiCaveat[];
}): boolean {
  return row.roiPct !== null && row.roiWarnings.some((w) => UNMEASURED_ROI_CAVEATS.has(w.code));
}
