import type { CsvCell } from '../charts/csv.ts';
import { formatNumber, formatPercent, formatPRelation, formatPValue, MISSING } from '../format/format.ts';
import type {
  CohortInput,
  CohortOutcome,
  CohortSelectorKind,
  EffectDirection,
  ProgramEffect,
  ProgramEffects,
  ProgramEffectsInput,
  RoiInput,
} from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.id.ts';
import type { Translate } from '../i18n/translate.ts';
import { effectCiText, formatEffect } from './effect-format.ts';
import { countText } from './hidden-count.ts';

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
 * What the joint model is asked over: a cohort, whose selector's value it does not need (the model
 * has a row for every value of the kind), so it can be asked for before the value is known.
 */
export type JointScope = Pick<CohortInput, 'from' | 'to' | 'outcome' | 'windowMonths' | 'agencies'> & {
  readonly selector: { readonly kind: CohortSelectorKind; readonly value?: string };
};

/**
 * The joint model over the cohort's own window, outcome, window length and agencies, with one
 * indicator per value of the cohort's kind: programs for a program, methods for a method, areas for
 * a competency area. The one place its variables are built (the cohort page's card, the ROI page's
 * step-3 check), so the same model is one cache entry and one request from either page: the window
 * length is always sent (the API's default, 12, when unset), never left out on one page only.
 */
export function jointInputOf(cohort: JointScope): ProgramEffectsInput {
  return {
    from: cohort.from,
    to: cohort.to,
    outcome: cohort.outcome,
    by: cohort.selector.kind,
    windowMonths: cohort.windowMonths ?? 12,
    ...(cohort.agencies?.length ? { agencies: [...cohort.agencies] } : {}),
  };
}

/**
 * The joint model behind the ROI page's step-3 check (`JointCheck`): the priced program's window,
 * window length and agencies on service days, by program. Null when there is nothing to check: a
 * selector other than a program, or a chain that prices the joint model itself.
 */
export function roiJointInputOf(input: RoiInput): ProgramEffectsInput | null {
  if (input.selector.kind !== 'program' || input.isolation === 'joint') return null;
  return jointInputOf({ ...input, outcome: 'service_days' });
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

/**
 * A CI's bounds as the cohort result writes an effect's, signed: `−0,51 … −0,38`, and for the SLA
 * rate in percentage points, `+9,3 … +15,7 pp` (a bound that rounds to 0 gets more digits, never
 * `−0,00`).
 */
export function ciText(
  ci: { readonly low: number; readonly high: number },
  outcome: CohortOutcome,
  lang: Lang,
): string {
  return effectCiText(outcome, ci, lang);
}

/**
 * Effect with its CI, signed as the cohort result's DiD: `−0,45 (−0,51 … −0,38)`, for the SLA rate
 * `+12,5 pp (+9,3 … +15,7 pp)`, or a dash without an estimate.
 */
export function effectText(p: Pick<ProgramEffect, 'effect'>, outcome: CohortOutcome, lang: Lang): string {
  const { estimate, ci } = p.effect;
  if (estimate === null) return MISSING;
  const value = formatEffect(outcome, estimate, lang);
  return ci ? `${value} (${ciText(ci, outcome, lang)})` : value;
}

/**
 * Completers in fewer agencies than this make the agency-clustered error itself unreliable (it
 * rests on that few agencies' residual sums), so the row says so.
 */
export const FEW_TREATED_AGENCIES = 5;

/** A wild cluster bootstrap p-value below this keeps a shown effect under agency clustering. */
export const BOOTSTRAP_ALPHA = 0.05;

/**
 * What agency-clustered errors say about an effect the row's own CI shows: the clustered CI still
 * excludes 0 on the same side and the wild cluster bootstrap p-value is below 5 % (`holds`), or
 * either does not (`fails`: the effect may rest on a shock shared by one agency's staff). The
 * bootstrap is the check that keeps its size with few agencies, where the CR1 CI is too narrow.
 */
export type ClusteredVerdict = 'holds' | 'fails';

export const CLUSTERED_VERDICT_KEY: Record<ClusteredVerdict, MessageKey> = {
  holds: 'joint.clustered.holds',
  fails: 'joint.clustered.fails',
};

/** The agency-clustered check of one row, ready to show. */
export interface ClusteredCheck {
  /** The clustered CI in the outcome's unit, e.g. `-0,47 … -0,34`; a dash when it has none. */
  readonly ci: string;
  /**
   * Only for a row whose own CI shows an effect (faster / slower, up / down) and a clustered CI:
   * clustering is a check on a shown effect, never a second chance for one that is not shown.
   */
  readonly verdict: ClusteredVerdict | null;
  /** Agencies with a completer in the model. */
  readonly treatedAgencies: number;
  /** The wild cluster bootstrap p-value as written (`0,074`, `< 0,001`: `formatPValue`), null when the API has none. */
  readonly bootstrapP: string | null;
  /** Completers in fewer than `FEW_TREATED_AGENCIES` agencies: why the check itself is weak. */
  readonly caution: { readonly key: MessageKey; readonly values: { readonly n: string } } | null;
}

/**
 * A row's agency-clustered check: the clustered CI, whether a shown effect holds under it, and a
 * caution when the completers sit in few agencies (in one, the program cannot be told apart from
 * that agency's own change, whatever the CI says). Null without a clustered estimate (no effect).
 */
export function clusteredCheckOf(
  p: Pick<ProgramEffect, 'direction' | 'clustered'>,
  outcome: CohortOutcome,
  lang: Lang,
): ClusteredCheck | null {
  const c = p.clustered;
  if (!c) return null;
  const shown = p.direction === 'lower' || p.direction === 'higher';
  const sameSide = c.ci !== null && (p.direction === 'lower' ? c.ci.high < 0 : c.ci.low > 0);
  const bootstrap = c.wildBootstrap?.pValue ?? null;
  const verdict: ClusteredVerdict | null =
    c.ci && shown
      ? sameSide && (bootstrap === null || bootstrap < BOOTSTRAP_ALPHA)
        ? 'holds'
        : 'fails'
      : null;
  const n = c.treatedClusters;
  const caution =
    n >= 1 && n < FEW_TREATED_AGENCIES
      ? {
          key: n === 1 ? ('joint.clustered.oneAgency' as const) : ('joint.clustered.fewAgencies' as const),
          values: { n: formatNumber(n, lang) },
        }
      : null;
  return {
    ci: c.ci ? ciText(c.ci, outcome, lang) : MISSING,
    verdict,
    treatedAgencies: n,
    caution,
    bootstrapP: bootstrap === null ? null : formatPValue(bootstrap, lang),
  };
}

/** One of the two clustered checks that did not show an effect, as a message. */
export interface FailedClusteredCheck {
  readonly key: MessageKey;
  readonly values: { readonly p?: string };
}

/**
 * For a row whose effect does not hold under clustering (`clusteredCheckOf` verdict `fails`):
 * which of the two checks did not show it, so the row can say which (the clustered CI containing 0,
 * or on the other side of it; the wild cluster bootstrap p at or above 5 %). Empty otherwise.
 */
export function failedClusteredChecks(
  p: Pick<ProgramEffect, 'direction' | 'clustered'>,
  outcome: CohortOutcome,
  lang: Lang,
): FailedClusteredCheck[] {
  const c = p.clustered;
  if (clusteredCheckOf(p, outcome, lang)?.verdict !== 'fails' || !c?.ci) return [];
  const sameSide = p.direction === 'lower' ? c.ci.high < 0 : c.ci.low > 0;
  const bootstrap = c.wildBootstrap?.pValue ?? null;
  const failed: FailedClusteredCheck[] = [];
  if (!sameSide)
    failed.push({
      key: c.ci.low <= 0 && c.ci.high >= 0 ? 'joint.clustered.failedCi' : 'joint.clustered.failedCiSide',
      values: {},
    });
  if (bootstrap !== null && bootstrap >= BOOTSTRAP_ALPHA)
    failed.push({ key: 'joint.clustered.failedBootstrap', values: { p: formatPRelation(bootstrap, lang) } });
  return failed;
}

/** Coverage warnings that by themselves keep a model from being fitted: a window with no data. */
const NO_DATA_CODES = new Set(['no_post_data', 'no_pre_data']);

/**
 * The warnings a joint model card lists. With no data before or after the window there is nothing
 * to fit, so the API's generic "not fitted: fewer than 5 untrained, or too few employees" (and its
 * small-group note) would give a false reason: only the coverage warning, the real one, is said.
 */
export function jointWarnings<W extends { readonly code: string }>(warnings: readonly W[]): W[] {
  if (!warnings.some((w) => NO_DATA_CODES.has(w.code))) return [...warnings];
  return warnings.filter((w) => w.code !== 'suppressed' && w.code !== 'small_n');
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

/**
 * The model's one-line summary: employees in it, of them untrained, strata, and how many programs
 * hold after Holm. With a program's count hidden (too few completers) the API hides the untrained
 * too (n − untrained less the programs shown would give it back): the line says so instead.
 */
export function jointModelSummary(
  data: Pick<ProgramEffects, 'n' | 'untrained' | 'strata' | 'by' | 'programs'>,
  t: Translate,
  lang: Lang,
): string {
  const values = {
    n: countText(data.n, t, lang),
    strata: countText(data.strata, t, lang),
    shown: formatNumber(shownAfterHolm(data.programs), lang),
    programs: formatNumber(data.programs.length, lang),
    kinds: t(`joint.kinds.${data.by}`),
    alpha: formatNumber(HOLM_ALPHA, lang, 2),
  };
  return data.untrained === null
    ? t('joint.summaryUntrainedHidden', values)
    : t('joint.summary', { ...values, untrained: formatNumber(data.untrained, lang) });
}

/** What the CSV needs besides the rows: the page's words, the row names and the snapshot. */
export interface JointCsvContext {
  readonly by: CohortSelectorKind;
  readonly outcome: CohortOutcome;
  readonly t: Translate;
  /** A row's name beside its code (program title, method or area label). */
  readonly label: (value: string) => string;
  /** The effect column's heading (with the CI level) and the outcome's unit. */
  readonly effectLabel: string;
  readonly unit: string;
  readonly snapshotId: string;
}

/**
 * The card's table as CSV: one line per row in the table's order, raw numbers (HC1 and
 * agency-clustered), the verdict in words and the snapshot on every line. The clustered columns
 * come after the earlier ones, so a sheet reading those by position keeps working.
 */
export function jointCsv(
  rows: readonly ProgramEffect[],
  { by, outcome, t, label, effectLabel, unit, snapshotId }: JointCsvContext,
): { head: string[]; body: CsvCell[][] } {
  const head = [
    t(`joint.by.${by}`),
    t('joint.name'),
    t('joint.completers'),
    t('joint.n'),
    t(`joint.alsoOther.${by}`),
    `${effectLabel} (${unit})`,
    t('portfolio.ciLow'),
    t('portfolio.ciHigh'),
    'SE (HC1)',
    'p',
    t('joint.pHolm'),
    t('joint.verdict'),
    t('joint.preTrend'),
    t('joint.csvClusteredSe'),
    t('joint.csvClusteredLow'),
    t('joint.csvClusteredHigh'),
    t('joint.csvTreatedAgencies'),
    t('joint.csvAgencies'),
    t('joint.csvBootstrapP'),
    'snapshot',
  ];
  const body = rows.map((p) => [
    p.program,
    label(p.program),
    p.completers,
    p.n,
    p.alsoOtherPrograms,
    p.effect.estimate,
    p.effect.ci?.low,
    p.effect.ci?.high,
    p.effect.se,
    p.effect.pValue,
    p.pValueHolm,
    t(verdictOf(p, outcome).key),
    p.preTrend?.estimate,
    p.clustered?.se,
    p.clustered?.ci?.low,
    p.clustered?.ci?.high,
    p.clustered?.treatedClusters,
    p.clustered?.clusters,
    p.clustered?.wildBootstrap?.pValue,
    snapshotId,
  ]);
  return { head, body };
}
