import type { ChartSpec } from '../components/ChartCard.tsx';
import type { GlossaryTerm } from '../components/Glossary.tsx';
import { formatBound, formatDate, formatNumber, formatSigned } from '../format/format.ts';
import type { CohortComparison, CohortOutcome } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.id.ts';
import type { Translate } from '../i18n/translate.ts';
import { effectCiText, formatEffect } from './effect-format.ts';
import { verdictOf } from './joint-effects.ts';

export { effectCiText, formatEffect };

/**
 * Kohort's before/after chart: trained and comparison, on the outcome's scale, with its unit along the
 * y axis (hari per permohonan, poin SKP, permohonan per bulan; for the SLA share, whose ticks are
 * percents, what they are percents of).
 */
export function prePostChart(outcome: CohortOutcome, t: Translate): ChartSpec {
  const rate = outcome === 'sla_met_rate';
  return {
    kind: 'line',
    series: ['treated', 'control'],
    yKind: rate ? 'fraction' : 'score',
    yUnit: t(rate ? 'kohort.axisUnit.sla_met_rate' : `kohort.unit.${outcome}`),
  };
}

/**
 * Why a cohort comparison has, or has no, estimate, most telling first:
 * - `no_post_data` / `no_pre_data`: the window after (before) the training lies beyond (before) the
 *   outcome's data (the API's coverage warnings): not measurable, whatever the groups hold;
 * - `no_treated`: nobody completed the selection in the window;
 * - `no_match`: completers, but none with a comparison employee alike (or no comparison at all);
 * - `suppressed`: a group is smaller than the disclosure minimum (privacy);
 * - `no_estimate`: groups, but no estimate or no interval (no variation, the API's `no_se`);
 * - `estimated`: an effect with its confidence interval.
 */
export type CohortStatus =
  | 'no_post_data'
  | 'no_pre_data'
  | 'no_treated'
  | 'no_match'
  | 'suppressed'
  | 'no_estimate'
  | 'estimated';

type StatusInput = Pick<CohortComparison, 'n' | 'suppressed' | 'did'> & {
  readonly warnings: readonly { readonly code: string }[];
  readonly treated: Pick<CohortComparison['treated'], 'n'>;
  readonly control: Pick<CohortComparison['control'], 'n'>;
  readonly matching: Pick<CohortComparison['matching'], 'treatedEligible'>;
};

export function cohortStatus(c: StatusInput): CohortStatus {
  const codes = new Set(c.warnings.map((w) => w.code));
  if (codes.has('no_post_data')) return 'no_post_data';
  if (codes.has('no_pre_data')) return 'no_pre_data';
  // An arm of 0 is no privacy matter: there is nobody to hide (a small arm, 1 to 4, is).
  if (c.n === 0 && c.matching.treatedEligible === 0) return 'no_treated';
  if (c.treated.n === 0 || c.control.n === 0) return 'no_match';
  if (c.suppressed) return 'suppressed';
  if (c.did.estimate === null || !c.did.ci) return 'no_estimate';
  return 'estimated';
}

/** No data behind the comparison (coverage or nobody to compare): nothing was hidden for privacy. */
export function isEmptyStatus(status: CohortStatus): boolean {
  return (
    status === 'no_post_data' || status === 'no_pre_data' || status === 'no_treated' || status === 'no_match'
  );
}

/**
 * The API's warnings as the page lists them. For a comparison with nobody in it, "suppressed (fewer
 * than 5 in a group, privacy)" and "small groups (0 and 0)" are left out: nothing was hidden, and the
 * headline already says why there is nobody (a coverage warning, when that is why, stays listed).
 */
export function shownWarnings<W extends { readonly code: string }>(
  c: Omit<StatusInput, 'warnings'> & { readonly warnings: readonly W[] },
): W[] {
  const all: W[] = [...c.warnings];
  if (!isEmptyStatus(cohortStatus(c))) return all;
  // The API's own `nothing_to_compare` says what the headline says.
  return all.filter(
    (w) => w.code !== 'suppressed' && w.code !== 'small_n' && w.code !== 'nothing_to_compare',
  );
}

/**
 * The matching line: how many trained employees had no comparison, of how many, in how many strata.
 * A suppressed comparison comes without these counts (null: they could give the small group back),
 * and the line says they are hidden instead. Null when there was nobody to match (no trained
 * employee with data in both windows, e.g. a window with no data after it): "0 of 0 in 0 strata"
 * says nothing the headline does not.
 */
export function matchingText(
  c: {
    readonly matching: Pick<CohortComparison['matching'], 'treatedDropped' | 'treatedEligible' | 'strata'>;
  },
  t: Translate,
  lang: Lang,
): string | null {
  const { treatedDropped, treatedEligible, strata } = c.matching;
  if (treatedEligible === 0) return null;
  if (treatedDropped === null || treatedEligible === null || strata === null)
    return t('kohort.matchingHidden');
  return t('kohort.matching', {
    dropped: formatNumber(treatedDropped, lang),
    eligible: formatNumber(treatedEligible, lang),
    strata: formatNumber(strata, lang),
  });
}

/** The headline of a comparison without an estimate. */
export const STATUS_HEADLINE: Record<Exclude<CohortStatus, 'estimated'>, MessageKey> = {
  no_post_data: 'kohort.status.no_post_data',
  no_pre_data: 'kohort.status.no_pre_data',
  no_treated: 'kohort.status.no_treated',
  no_match: 'kohort.status.no_match',
  suppressed: 'kohort.suppressedResult',
  no_estimate: 'kohort.status.no_estimate',
};

/**
 * The headline of a comparison without an estimate. A comparison hidden because its agencies filter
 * leaves out a small group (complementary) is not put down to a small group of its own: its groups
 * may be large; another answer less this one would give the small one away.
 */
export function statusHeadline(
  status: Exclude<CohortStatus, 'estimated'>,
  reason: 'primary' | 'complementary' | null | undefined,
): MessageKey {
  return status === 'suppressed' && reason === 'complementary'
    ? 'kohort.suppressedComplementary'
    : STATUS_HEADLINE[status];
}

/**
 * The DiD headline in words: the verdict (faster / slower for service days, up / down otherwise,
 * and "tidak signifikan" when the CI includes 0: the joint card's and the portfolio's verdict
 * words, so no direction is named for an effect not shown), by how much in the outcome's unit, the
 * interval, and whether the effect is shown (its CI excludes 0) or why not. When the page's own
 * pre-trend check fails (its CI excludes 0), the same sentence says so, with the pre-trend's size:
 * a "significant" effect is then not necessarily the training's.
 */
export function effectHeadline(
  c: Pick<CohortComparison, 'outcome' | 'did'> & {
    readonly preTrend?: Pick<NonNullable<CohortComparison['preTrend']>, 'estimate' | 'ciExcludesZero'> | null;
  },
  t: Translate,
  lang: Lang,
): string | null {
  const { estimate, ci } = c.did;
  if (estimate === null || !ci) return null;
  const shown = ci.low > 0 || ci.high < 0;
  // A CI on one side of 0 holds the estimate too: its sign is the direction shown.
  const direction = t(
    verdictOf({ direction: !shown ? 'inconclusive' : ci.high < 0 ? 'lower' : 'higher', gap: null }, c.outcome)
      .key,
  );
  const points = c.outcome === 'sla_met_rate';
  const sign = (v: number) => (points ? formatSigned(v * 100, lang, 1) : formatSigned(v, lang, 2));
  // A bound that rounds to 0 keeps its side of 0 (the verdict below reads it).
  const bound = (v: number) => (points ? formatBound(v * 100, lang, 1) : formatBound(v, lang, 2));
  const level = formatNumber(Math.round(ci.level * 100), lang);
  const unit = t(`kohort.effectUnit.${c.outcome}`);
  const pre = c.preTrend;
  const diverging = pre?.ciExcludesZero === true && pre.estimate !== null ? pre.estimate : null;
  const evidence =
    diverging === null
      ? t(shown ? 'kohort.evidence.shown' : 'kohort.evidence.notShown', { level })
      : t(shown ? 'kohort.evidence.shownPreTrend' : 'kohort.evidence.notShownPreTrend', {
          level,
          preTrend: sign(diverging),
          unit,
        });
  return t('kohort.interpretation', {
    direction,
    estimate: sign(estimate),
    unit,
    low: bound(ci.low),
    high: bound(ci.high),
    evidence,
  });
}

/**
 * The pre-trend (placebo) line: no evidence of diverging (`ok`), diverging (`bad`), or, when the check could not be
 * run, `notRun` and why (the line is never left out: DOMAIN §5, show pre-trends): the placebo window
 * lies outside the outcome's data (the API's `no_placebo_data`), nobody to compare across the
 * placebo window and the window before the training (no pre-trend at all), or groups too small or
 * without variation for an interval (a pre-trend without a verdict).
 */
export function preTrendLine(
  c: Pick<CohortComparison, 'preTrend'> & {
    readonly windows: { readonly placebo: { readonly from: string; readonly to: string } };
    readonly warnings: readonly { readonly code: string }[];
  },
  t: Translate,
  lang: Lang,
): { readonly tone: 'ok' | 'bad' | 'notRun'; readonly text: string } {
  const label = t('kohort.preTrend');
  const verdict = c.preTrend?.ciExcludesZero;
  if (verdict === true) return { tone: 'bad', text: `${label}: ${t('kohort.preTrendBad')}` };
  if (verdict === false) return { tone: 'ok', text: `${label}: ${t('kohort.preTrendOk')}` };
  const window = {
    from: formatDate(c.windows.placebo.from, lang),
    to: formatDate(c.windows.placebo.to, lang),
  };
  const reason = c.warnings.some((w) => w.code === 'no_placebo_data')
    ? t('kohort.preTrendNotRun.noData', window)
    : c.preTrend === null
      ? t('kohort.preTrendNotRun.nobody', window)
      : t('kohort.preTrendNotRun.small');
  return { tone: 'notRun', text: `${label}: ${t('kohort.preTrendNotRun', { reason })}` };
}

/** The joint model card's terms: Holm's correction, the agency-clustered check and its bootstrap p. */
const JOINT_TERMS: readonly GlossaryTerm[] = ['jointModel', 'pHolm', 'clustered', 'bootstrapP'];

/**
 * The terms Kohort shows for a comparison, in reading order, for its glossary: DiD and its CI; with
 * the figures (`stats`: not suppressed, not empty) Hedges g and p; n; the strata when the matching is
 * told (`matching`); the pre-trend when it was checked; percentage points for the SLA rate (the
 * joint table abbreviates them); then the joint model card's, always shown beside the comparison.
 */
export function kohortTerms(
  c: Pick<CohortComparison, 'outcome' | 'preTrend'>,
  shown: { readonly stats: boolean; readonly matching: boolean },
): GlossaryTerm[] {
  return [
    'did',
    'ci95',
    'significant',
    ...(shown.stats ? (['hedgesG', 'p'] as const) : []),
    'n',
    ...(shown.matching ? (['strata'] as const) : []),
    ...(c.preTrend && c.preTrend.ciExcludesZero !== null ? (['preTrend'] as const) : []),
    ...(c.outcome === 'sla_met_rate' ? (['pp'] as const) : []),
    ...JOINT_TERMS,
  ];
}
