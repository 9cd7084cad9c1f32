import { type ChartTable, hiddenRow, plainRow } from '../../charts/chart-table.ts';
import type { Roi } from '../../graphql/types.ts';
import { labelOf, type Translate } from '../../i18n/translate.ts';

/**
 * The low, base and high ROI cases as a chart table (ROI %, BCR, benefits, net benefits, payback).
 * A case the API hid with the participant side is a hidden row without a reason (the API gives
 * none): "n below the minimum" would say which hidden ROIs are the small ones, and a complement must
 * read the same (the cells say "hidden", the title the usual either-or). So are the costs.
 */
export function casesTable(roi: Roi, t: Translate): ChartTable {
  const row = (label: string, c: Roi['base']) =>
    c
      ? plainRow(
          {
            case: label,
            roi: c.roiPercent,
            bcr: c.bcr,
            benefits: c.benefitsIdr,
            net: c.netBenefitsIdr,
            payback: c.paybackMonths,
          },
          roi.n,
        )
      : hiddenRow({ case: label });
  return {
    columns: [
      { key: 'case', label: t('roi.case'), kind: 'text' },
      { key: 'roi', label: t('roi.roiPercent'), kind: 'percentPoints' },
      { key: 'bcr', label: t('roi.bcr'), kind: 'ratio' },
      { key: 'benefits', label: t('roi.benefits'), kind: 'idr' },
      { key: 'net', label: t('roi.netBenefits'), kind: 'idr' },
      { key: 'payback', label: t('roi.payback'), kind: 'ratio' },
    ],
    rows: [row(t('roi.low'), roi.low), row(t('roi.base'), roi.base), row(t('roi.high'), roi.high)],
    minN: roi.minN,
  };
}

/** The program cost by category plus the participants' time as a chart table. */
export function costTable(roi: Roi, t: Translate): ChartTable {
  return {
    columns: [
      { key: 'item', label: t('roi.costItem'), kind: 'text' },
      { key: 'amount', label: t('roi.totalCost'), kind: 'idr' },
    ],
    rows: roi.costs
      ? [
          ...roi.costs.programByCategory.map((c) =>
            plainRow({ item: labelOf(t, 'cost', c.category), amount: c.amountIdr }, roi.n),
          ),
          plainRow({ item: t('roi.timeCost'), amount: roi.costs.participantTimeIdr }, roi.n),
        ]
      : [hiddenRow({ item: t('roi.totalCost') })],
    minN: roi.minN,
  };
}

/**
 * The benefit horizon (months) when the base case pays back only after it: payback is months of
 * first-year benefit to cover the costs, so 614 months against a 12-month horizon means the costs
 * do not come back while the benefit is assumed to last. Null otherwise (no horizon echoed, no
 * payback, or one inside the horizon).
 */
export function paybackBeyondHorizon(roi: Pick<Roi, 'base' | 'assumptions'>): number | null {
  const horizon = roi.assumptions.find((a) => a.name === 'horizonMonths')?.value ?? null;
  const payback = roi.base?.paybackMonths ?? null;
  return horizon !== null && payback !== null && payback > horizon ? horizon : null;
}

/**
 * The plain-language note an ROI's result carries when the effect it prices is not shown: its 95 %
 * CI contains zero (`effect_ci_includes_zero`), or lies wholly above it (`effect_adverse`, slower).
 * Null when the effect is shown (or none is priced): the result then needs no such note.
 */
export function effectNoteKey(
  warnings: readonly { readonly code: string }[],
): 'roi.effectNotShownNote' | 'roi.effectAdverseNote' | null {
  if (warnings.some((w) => w.code === 'effect_adverse')) return 'roi.effectAdverseNote';
  if (warnings.some((w) => w.code === 'effect_ci_includes_zero')) return 'roi.effectNotShownNote';
  return null;
}

/**
 * Step 3's effect with its 95 % CI, e.g. `0,04 (selang kepercayaan 95%: −0,05 … 0,13)`: the cohort comparison's DiD
 * the API returns with the ROI. With isolation joint the effect is the joint model's coefficient,
 * whose CI the joint check below states; then the bare number. A dash without an estimate.
 */
export function effectWithCi(
  roi: Pick<Roi, 'effect' | 'cohort'>,
  t: Translate,
  format: (v: number) => string,
): string {
  const days = roi.effect.didDays;
  if (days === null) return '—';
  const ci = roi.effect.isolation === 'cohort' ? roi.cohort.did.ci : null;
  return ci
    ? `${format(days)} (${t('roi.ci95', { low: format(ci.low), high: format(ci.high) })})`
    : format(days);
}
