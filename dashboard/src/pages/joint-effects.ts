import { formatNumber, formatPercent, MISSING } from '../format/format.ts';
import type {
  CohortInput,
  CohortOutcome,
  EffectDirection,
  ProgramEffect,
  ProgramEffectsInput,
} from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.id.ts';

/** Holm-adjusted p-values below this count as a shown effect when reading every program at once. */
export const HOLM_ALPHA = 0.05;

/**
 * An outcome value or change as the cohort page writes it: a percent for the SLA rate (a 0–1
 * share), two decimals otherwise, in the reader's number format.
 */
export function formatOutcome(outcome: CohortOutcome, v: number | null | undefined, lang: Lang): string {
  return outcome === 'sla_met_rate' ? formatPercent(v, lang, 1) : formatNumber(v, lang, 2);
}

/**
 * The joint model over the cohort's own window, outcome, window length and agencies, with one
 * indicator per value of the cohort's kind: programs for a program, methods for a method, areas for
 * a competency area.
 */
export function jointInputOf(cohort: CohortInput): ProgramEffectsInput {
  return {
    from: cohort.from,
    to: cohort.to,
    outcome: cohort.outcome,
    by: cohort.selector.kind,
    windowMonths: cohort.windowMonths ?? 12,
    ...(cohort.agencies?.length ? { agencies: [...cohort.agencies] } : {}),
  };
}

/** Whether a direction reads as good news for the outcome (fewer service days; more of the rest). */
export type Tone = 'good' | 'bad' | 'inconclusive' | 'none';

/** The pill class of a verdict's tone (the portfolio's evidence colours). */
export const TONE_CLASS: Record<Tone, string> = {
  good: 'evidence evidence-faster',
  bad: 'evidence evidence-slower',
  inconclusive: 'evidence evidence-inconclusive',
  none: 'evidence',
};

export interface Verdict {
  readonly key: MessageKey;
  readonly tone: Tone;
}

/**
 * The verdict word of a program's row, in the outcome's own terms: service days lower → faster,
 * higher → slower; the other outcomes up / down; no effect shown; or why there is no estimate.
 */
export function verdictOf(p: Pick<ProgramEffect, 'direction' | 'gap'>, outcome: CohortOutcome): Verdict {
  const days = outcome === 'service_days';
  switch (p.direction) {
    case 'lower':
      return days
        ? { key: 'joint.verdict.faster', tone: 'good' }
        : { key: 'joint.verdict.down', tone: 'bad' };
    case 'higher':
      return days ? { key: 'joint.verdict.slower', tone: 'bad' } : { key: 'joint.verdict.up', tone: 'good' };
    case 'inconclusive':
      return { key: 'joint.verdict.inconclusive', tone: 'inconclusive' };
    case 'not_estimated':
      return { key: p.gap ? `joint.gap.${p.gap}` : 'joint.verdict.notEstimated', tone: 'none' };
  }
}

/** Effect with its CI, e.g. `-0,45 (-0,51 … -0,38)`, or a dash without an estimate. */
export function effectText(p: Pick<ProgramEffect, 'effect'>, outcome: CohortOutcome, lang: Lang): string {
  const { estimate, ci } = p.effect;
  if (estimate === null) return MISSING;
  const value = formatOutcome(outcome, estimate, lang);
  return ci
    ? `${value} (${formatOutcome(outcome, ci.low, lang)} … ${formatOutcome(outcome, ci.high, lang)})`
    : value;
}

/** Shown effects first (either way), then no effect shown, then no estimate. */
const RANK: Record<EffectDirection, number> = { lower: 0, higher: 0, inconclusive: 1, not_estimated: 2 };

/**
 * Rows in reading order: programs with a shown effect by Holm p (smallest first), then those whose
 * CI contains 0 (also by Holm p), then those without an estimate; a missing p last within its group,
 * ties by program code, so the order is total.
 */
export function sortProgramEffects<P extends Pick<ProgramEffect, 'program' | 'direction' | 'pValueHolm'>>(
  programs: readonly P[],
): P[] {
  const p = (x: P) => x.pValueHolm ?? Number.POSITIVE_INFINITY;
  return [...programs].sort(
    (a, b) => RANK[a.direction] - RANK[b.direction] || p(a) - p(b) || a.program.localeCompare(b.program),
  );
}

/** Whether a program's effect holds when every program of the model is read at once (Holm p < 0.05). */
export function survivesHolm(p: Pick<ProgramEffect, 'pValueHolm'>): boolean {
  return p.pValueHolm !== null && p.pValueHolm < HOLM_ALPHA;
}

/** Programs whose Holm-adjusted p-value is below `HOLM_ALPHA`. */
export function shownAfterHolm(programs: readonly Pick<ProgramEffect, 'pValueHolm'>[]): number {
  return programs.filter(survivesHolm).length;
}

/**
 * A direction shown on the program's own 95 % CI that does not hold after the Holm correction (one
 * of many programs read at once may look faster by chance): the row says so next to its verdict.
 */
export function shownButNotAfterHolm(p: Pick<ProgramEffect, 'direction' | 'pValueHolm'>): boolean {
  return (p.direction === 'lower' || p.direction === 'higher') && !survivesHolm(p);
}

/** A p-value with three decimals; below 0.001 as `< 0,001`, never a bare `0,000`. */
export function pText(p: number | null | undefined, lang: Lang): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  return p < 0.001 ? `< ${formatNumber(0.001, lang, 3)}` : formatNumber(p, lang, 3);
}
