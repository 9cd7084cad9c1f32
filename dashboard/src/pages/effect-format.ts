import { formatBound, formatSigned, MISSING } from '../format/format.ts';
import type { CohortOutcome } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';

/**
 * Percentage points after an SLA-rate effect: `pp` where space is short (a table cell, whose column
 * names the unit in full), or in words where it is not (`poin persen`, read by officials who do not
 * know the abbreviation).
 */
export type PointsUnit = 'abbreviated' | 'words';

const POINTS: Record<PointsUnit, Record<Lang, string>> = {
  abbreviated: { id: 'pp', en: 'pp' },
  words: { id: 'poin persen', en: 'percentage points' },
};

/**
 * An effect (a difference, or a difference of differences) in the outcome's unit, signed: for the
 * SLA rate in percentage points (`+34,5 pp` or `+34,5 poin persen`; a difference of two shares is no
 * percent of anything), else two decimals (`−0,40`).
 */
export function formatEffect(
  outcome: CohortOutcome,
  v: number | null | undefined,
  lang: Lang,
  points: PointsUnit = 'abbreviated',
): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return MISSING;
  return outcome === 'sla_met_rate'
    ? `${formatSigned(v * 100, lang, 1)} ${POINTS[points][lang]}`
    : formatSigned(v, lang, 2);
}

/** A CI of an effect, e.g. `−0,01 … +0,06`, `+33,8 … +35,1 pp` or `+33,8 … +35,1 poin persen`. */
export function effectCiText(
  outcome: CohortOutcome,
  ci: { readonly low: number; readonly high: number },
  lang: Lang,
  points: PointsUnit = 'abbreviated',
): string {
  if (outcome === 'sla_met_rate')
    return `${formatBound(ci.low * 100, lang, 1)} … ${formatBound(ci.high * 100, lang, 1)} ${POINTS[points][lang]}`;
  return `${formatBound(ci.low, lang, 2)} … ${formatBound(ci.high, lang, 2)}`;
}
