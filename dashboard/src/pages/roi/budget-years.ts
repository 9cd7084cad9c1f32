import { formatBound, formatSigned } from '../../format/format.ts';
import type { BudgetScenario, EffectDirection, EffectIsolation } from '../../graphql/types.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { Translate } from '../../i18n/translate.ts';
import { shownButNotAfterHolm, survivesHolm, type Tone, verdictOf } from '../joint-effects.ts';

/** One past completion year of the budget scenario's program, as the API sends it. */
export type BudgetPastCohort = BudgetScenario['history']['cohorts'][number];

/** The year's coefficient in its joint model (isolation joint only), ready to show. */
export interface BudgetJointCell {
  /** The coefficient with its 95 % CI, e.g. `−0,40 (−0,52 … −0,28)`, or why there is none, in words. */
  readonly text: string;
  readonly estimated: boolean;
  /** What the CI shows; null when the model has no row for the program that year. */
  readonly direction: EffectDirection | null;
  /** The verdict word (`lebih cepat`, `tidak signifikan`…) and its pill colour; null without an estimate. */
  readonly verdict: { readonly text: string; readonly tone: Tone } | null;
  /** A shown effect that also holds after Holm's adjustment over the year's programs (✓ Holm). */
  readonly holm: boolean;
  /** A shown effect that does not hold after Holm's adjustment (may be chance). */
  readonly notAfterHolm: boolean;
}

/** One row of the budget card's "past years" list. */
export interface BudgetYearRow {
  readonly year: number;
  /**
   * Units behind the cohort comparison (trained + comparison); null when the API hid it (a
   * suppressed comparison: disclosure control), 0 when there was nobody.
   */
  readonly n: number | null;
  /** The cohort comparison's DiD with its 95 % CI, or why there is none, in words. */
  readonly did: string;
  readonly didEstimated: boolean;
  /** The joint model's coefficient; null unless the scenario's isolation is joint. */
  readonly joint: BudgetJointCell | null;
  /** Whether the expected days saved pool this year (the API's `pooled`). */
  readonly pooled: boolean;
}

/** A signed number of days with its CI, `−0,45 (−0,55 … −0,35)`, as the portfolio writes effects. */
function signedWithCi(
  estimate: number,
  ci: { readonly low: number; readonly high: number } | null | undefined,
  lang: Lang,
): string {
  const value = formatSigned(estimate, lang, 2);
  return ci ? `${value} (${formatBound(ci.low, lang, 2)} … ${formatBound(ci.high, lang, 2)})` : value;
}

function jointCell(j: BudgetPastCohort['joint'], t: Translate, lang: Lang): BudgetJointCell {
  if (!j)
    return {
      text: t('roi.budgetNoJoint'),
      estimated: false,
      direction: null,
      verdict: null,
      holm: false,
      notAfterHolm: false,
    };
  const verdict = verdictOf(j, 'service_days');
  const estimate = j.effect.estimate;
  if (estimate === null || j.direction === 'not_estimated')
    // The verdict names why (too few completers, not separable from other programs…).
    return {
      text: t(verdict.key),
      estimated: false,
      direction: j.direction,
      verdict: null,
      holm: false,
      notAfterHolm: false,
    };
  const shown = j.direction === 'lower' || j.direction === 'higher';
  return {
    text: signedWithCi(estimate, j.effect.ci, lang),
    estimated: true,
    direction: j.direction,
    verdict: { text: t(verdict.key), tone: verdict.tone },
    holm: shown && survivesHolm(j),
    notAfterHolm: shownButNotAfterHolm(j),
  };
}

/** The rows of the past years behind a budget scenario, oldest first, in the reader's language. */
export function budgetYearRows(
  cohorts: readonly BudgetPastCohort[],
  isolation: EffectIsolation,
  t: Translate,
  lang: Lang,
): BudgetYearRow[] {
  return [...cohorts]
    .sort((a, b) => a.year - b.year)
    .map((c) => {
      // A suppressed comparison shows (and pools) nothing, whatever it carries.
      const did = c.suppressed ? null : c.didDays;
      return {
        year: c.year,
        n: c.n,
        did:
          did !== null
            ? signedWithCi(did, c.ci, lang)
            : // Nobody with service data both before and after (the data's first or last year) is
              // not a group too small to show.
              t(
                c.n === 0
                  ? 'roi.budgetNoUnits'
                  : c.suppressed
                    ? 'roi.budgetSuppressed'
                    : 'roi.budgetNotEstimated',
              ),
        didEstimated: did !== null,
        joint: isolation === 'joint' ? jointCell(c.joint, t, lang) : null,
        pooled: c.pooled,
      };
    });
}

/** The years the expected days saved pool, e.g. `2022, 2023`; empty when none is usable. */
export function pooledYears(rows: readonly BudgetYearRow[]): string {
  return rows
    .filter((r) => r.pooled)
    .map((r) => String(r.year))
    .join(', ');
}
