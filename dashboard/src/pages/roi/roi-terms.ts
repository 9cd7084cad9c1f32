import type { GlossaryTerm } from '../../components/Glossary.tsx';
import type { PortfolioEntry, ProgramEffect, Roi, RoiInput } from '../../graphql/types.ts';
import { clusteredCheckOf } from '../joint-effects.ts';
import type { BudgetYearRow } from './budget-years.ts';
import { jointClusteredCheck, jointStanding, jointVerdict } from './portfolio.ts';

/**
 * The glossary of ROI & Anggaran lists the terms its cards render, read from the same data and
 * conditions as the cards: nothing for a card that shows no figures (loading, refused for want of
 * the planner role, failed), and a term a card shows only sometimes (✓ Holm, the agency-clustered
 * check, the wild cluster bootstrap p) only when it does. The parts in the page's order.
 */
export const ROI_GLOSSARY_PARTS = ['portfolio', 'chain', 'jointCheck', 'budget'] as const;

/**
 * The portfolio's terms once its answer came: its lead (DiD, the 95 % CI, the ROI), headline (Holm
 * over the portfolio) and notes ("Tidak signifikan", the joint model) and, where a row of the table
 * (`rows`: those it lists, "show all" included) shows them, ✓ Holm or "not after Holm" of the joint
 * model and the agency-clustered check. None without an answer (`rows` null).
 */
export function portfolioTerms(rows: readonly Pick<PortfolioEntry, 'joint'>[] | null): GlossaryTerm[] {
  if (!rows) return [];
  const holmJoint = rows.some((e) => {
    const standing = jointStanding(e);
    return jointVerdict(e).holm || standing === 'notAfterHolm';
  });
  const clustered = rows.some((e) => {
    const check = jointClusteredCheck(e, 'en');
    return Boolean(check?.verdict || check?.caution);
  });
  return [
    'did',
    'ci95',
    'significant',
    'pHolmPortfolio',
    'jointModel',
    ...(holmJoint ? (['pHolmJoint'] as const) : []),
    ...(clustered ? (['clustered'] as const) : []),
    'roi',
  ];
}

/**
 * The Phillips chain's (steps 1–5): the effect priced (DiD, or the joint model's coefficient) with
 * its 95 % CI when it has one, the ROI and its BCR, n.
 */
export function chainTerms(roi: Pick<Roi, 'effect' | 'cohort'>): GlossaryTerm[] {
  const joint = roi.effect.isolation === 'joint';
  const ci = !joint && roi.effect.didDays !== null && roi.cohort.did.ci !== null;
  return [joint ? 'jointModel' : 'did', ...(ci ? (['ci95'] as const) : []), 'roi', 'bcr', 'n'];
}

/**
 * Step 3's joint-model cross-check (`JointCheck`): the joint model and the verdict; Holm for an
 * effect it shows; the agency-clustered sentence, and the wild cluster bootstrap p when that
 * sentence gives one. Only the joint model when the chain prices it itself; none without a row.
 */
export function jointCheckTerms(
  input: Pick<RoiInput, 'isolation'>,
  row: Pick<ProgramEffect, 'direction' | 'clustered'> | null,
): GlossaryTerm[] {
  if (input.isolation === 'joint') return ['jointModel'];
  if (!row) return [];
  const shown = row.direction === 'lower' || row.direction === 'higher';
  // As `jointClusteredSentence`: only with a verdict, and the bootstrap p when the API has one.
  const check = clusteredCheckOf(row, 'service_days', 'en');
  const clustered = Boolean(check?.verdict);
  return [
    'jointModel',
    'significant',
    ...(shown ? (['pHolmJoint'] as const) : []),
    ...(clustered ? (['clustered'] as const) : []),
    ...(clustered && check?.bootstrapP ? (['bootstrapP'] as const) : []),
  ];
}

/**
 * The budget scenario's, once it has a result: the expected ROI, its cost per attending enrollment
 * (the seat's price), the past years' DiD with its 95 % CI and n; on the joint model also the model,
 * its verdicts and ✓ Holm where a year shows one.
 */
export function budgetTerms(rows: readonly BudgetYearRow[] | null): GlossaryTerm[] {
  if (!rows) return [];
  const joint = rows.some((r) => r.joint !== null);
  const holm = rows.some((r) => r.joint?.holm || r.joint?.notAfterHolm);
  const verdict = rows.some((r) => r.joint?.verdict);
  return [
    'roi',
    // "Biaya per peserta hadir": per attended enrollment, not the scorecard's per employee completing.
    'costPerAttendance',
    'did',
    'ci95',
    ...(joint ? (['jointModel'] as const) : []),
    ...(verdict ? (['significant'] as const) : []),
    ...(holm ? (['pHolmJoint'] as const) : []),
    'n',
  ];
}
