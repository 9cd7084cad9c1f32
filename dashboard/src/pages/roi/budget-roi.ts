import { formatPercentPoints } from '../../format/format.ts';
import type { BudgetScenarioQuery } from '../../graphql/operations.generated.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { Translate } from '../../i18n/translate.ts';

type Scenario = Pick<BudgetScenarioQuery['budgetScenario'], 'evidence' | 'roi' | 'caveats'>;

/** Caveats saying the effect priced is not shown: the card puts them first, in a callout. */
export const EFFECT_CAVEATS: readonly string[] = ['effect_ci_includes_zero', 'effect_adverse'];

/**
 * The scenario's ROI as the card states it. With an effect shown (its CI below 0) or none priced at
 * all, `low / base / high`. When the effect priced is not shown (CI containing 0, or slower), a
 * bare base ROI would read as a shown return: the value is "not shown", and the detail says the base
 * and high cases hold only if the effect is real while the low case (no benefit) fits the data too.
 */
export function budgetRoiView(
  s: Scenario,
  t: Translate,
  lang: Lang,
): { readonly notShown: boolean; readonly value: string; readonly detail: string | null } {
  if (!s.roi) return { notShown: false, value: '—', detail: null };
  const pct = (x: number | null) => formatPercentPoints(x, lang);
  const low = pct(s.roi.low.roiPercent);
  const base = pct(s.roi.base.roiPercent);
  const high = pct(s.roi.high.roiPercent);
  if (s.evidence === 'inconclusive')
    return {
      notShown: true,
      value: t('roi.budgetNotShown'),
      detail: t('roi.budgetNotShownDetail', { low, base, high }),
    };
  if (s.evidence === 'slower')
    return {
      notShown: true,
      value: t('roi.budgetNotShown'),
      detail: t('roi.budgetSlowerDetail', { low, base, high }),
    };
  return { notShown: false, value: `${low} / ${base} / ${high}`, detail: null };
}

/** The scenario's caveats split: those saying the effect is not shown (first), and the rest. */
export function splitEffectCaveats<C extends { readonly code: string }>(
  caveats: readonly C[],
): { readonly effect: C[]; readonly rest: C[] } {
  return {
    effect: caveats.filter((c) => EFFECT_CAVEATS.includes(c.code)),
    rest: caveats.filter((c) => !EFFECT_CAVEATS.includes(c.code)),
  };
}
