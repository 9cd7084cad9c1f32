import { formatBound, formatSigned, MISSING } from '../format/format.ts';
import type { CohortOutcome } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';

/**
 * An effect (a difference, or a difference of differences) in the outcome's unit, signed: for the
 * SLA rate in percentage points (`+34,5 pp`; a difference of two shares is no percent of anything),
 * else two decimals (`−0,40`).
 */
export function formatEffect(outcome: CohortOutcome, v: number | null | undefined, lang: Lang): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return MISSING;
  return outcome === 'sla_met_rate' ? `${formatSigned(v * 100, lang, 1)} pp` : formatSigned(v, lang, 2);
}

/** A CI of an effect, e.g. `−0,01 … +0,06` or `+33,8 … +35,1 pp`. */
export function effectCiText(
  outcome: CohortOutcome,
  ci: { readonly low: number; readonly high: number },
  lang: Lang,
): string {
  if (outcome === 'sla_met_rate')
    return `${formatBound(ci.low * 100, lang, 1)} … ${formatBound(ci.high * 100, lang, 1)} pp`;
  return `${formatBound(ci.low, lang, 2)} … ${formatBound(ci.high, lang, 2)}`;
}
