import type { CsvCell } from '../../charts/csv.ts';
import type { CsvInputColumn } from '../../components/use-csv-filter-part.ts';
import { formatNumber, formatPValue, formatSigned } from '../../format/format.ts';
import type { CohortContrast, EffectIsolation, PortfolioEntry } from '../../graphql/types.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { Translate } from '../../i18n/translate.ts';
import { contrastToParam } from '../contrast.ts';
import { isolationToParam } from '../isolation.ts';
import {
  CLUSTERED_VERDICT_KEY,
  type ClusteredCheck,
  clusteredCheckOf,
  survivesHolm,
} from '../joint-effects.ts';

export type Evidence = PortfolioEntry['evidence'];

/**
 * What the year's joint model (every program in one regression) says about a row's program:
 * `faster` / `slower` when the 95 % CI excludes 0 (days: lower = faster), `inconclusive`, or
 * `not_estimated` (no estimate, or nobody completed it). `holm`: the effect also holds after
 * Holm's adjustment over the year's programs.
 */
export function jointVerdict(e: Pick<PortfolioEntry, 'joint'>): { evidence: Evidence; holm: boolean } {
  const j = e.joint;
  if (!j || j.direction === 'not_estimated') return { evidence: 'not_estimated', holm: false };
  const evidence: Evidence =
    j.direction === 'lower' ? 'faster' : j.direction === 'higher' ? 'slower' : 'inconclusive';
  return {
    evidence,
    holm: evidence !== 'inconclusive' && survivesHolm(j),
  };
}

/**
 * Where a row stands in the year's joint model, one word per check it passes or fails: `holds`
 * (shown on its 95 % CI and after Holm's adjustment), `notAfterHolm` (shown on its CI, but not
 * after Holm's adjustment for reading every program of the year together), `inconclusive` (its CI
 * contains 0), `slower`, `not_estimated`. The portfolio cell and Ringkasan's headline both read it,
 * so the two pages name the same failing check.
 */
export type JointStanding = 'holds' | 'notAfterHolm' | 'inconclusive' | 'slower' | 'not_estimated';

export function jointStanding(e: Pick<PortfolioEntry, 'joint'>): JointStanding {
  const v = jointVerdict(e);
  if (v.evidence === 'faster') return v.holm ? 'holds' : 'notAfterHolm';
  return v.evidence;
}

/**
 * Ringkasan's clause on what the joint model says of a cohort shown faster on its own, naming the
 * check that fails: e.g. "also faster in the joint model (−0.12), but not significant after Holm's
 * correction for testing every program of the year together (p Holm 0.115)".
 */
export function impactJointClause(e: Pick<PortfolioEntry, 'joint'>, t: Translate, lang: Lang): string {
  const standing = jointStanding(e);
  const estimate = e.joint?.effect?.estimate;
  const effect = estimate === null || estimate === undefined ? '—' : formatSigned(estimate, lang, 2);
  return t(`impact.joint.${standing}`, { effect, p: formatPValue(e.joint?.pValueHolm, lang) });
}

/**
 * The row's agency-clustered check in the year's joint model (service days): whether a shown
 * effect still holds with errors clustered by agency, and a caution when its completers sit in
 * fewer than 5 agencies. Null without a joint estimate.
 */
export function jointClusteredCheck(e: Pick<PortfolioEntry, 'joint'>, lang: Lang): ClusteredCheck | null {
  return e.joint ? clusteredCheckOf(e.joint, 'service_days', lang) : null;
}

/** Columns the portfolio table sorts by. */
export type PortfolioSortKey =
  | 'evidence'
  | 'joint'
  | 'year'
  | 'program'
  | 'participants'
  | 'cost'
  | 'effect'
  | 'roi';
export interface PortfolioSort {
  readonly key: PortfolioSortKey;
  readonly dir: 'asc' | 'desc';
}

/** The table opens on what pays off first: shown effects, then by base ROI. */
export const DEFAULT_PORTFOLIO_SORT: PortfolioSort = { key: 'evidence', dir: 'asc' };

const SORT_KEYS: readonly PortfolioSortKey[] = [
  'evidence',
  'joint',
  'year',
  'program',
  'participants',
  'cost',
  'effect',
  'roi',
];

/** `ps=roi.desc` → a sort; anything else → the default (shown effects first). */
export function sortFromParam(raw: string | null): PortfolioSort {
  const [key, dir] = (raw ?? '').split('.');
  return SORT_KEYS.includes(key as PortfolioSortKey) && (dir === 'asc' || dir === 'desc')
    ? { key: key as PortfolioSortKey, dir }
    : DEFAULT_PORTFOLIO_SORT;
}

/** Shown effects first (faster), then no effect shown, harm, and no estimate last. */
const EVIDENCE_RANK: Record<Evidence, number> = { faster: 0, inconclusive: 1, slower: 2, not_estimated: 3 };

/**
 * A cohort faster (or slower) on its own 95 % CI whose effect does not survive Holm's correction
 * over every cohort of the portfolio (`pValueHolm` ≥ 0.05): a direction before the correction only,
 * not a finding.
 */
export function beforeHolmOnly(e: Pick<PortfolioEntry, 'evidence' | 'evidenceAfterHolm'>): boolean {
  return (e.evidence === 'faster' || e.evidence === 'slower') && e.evidenceAfterHolm !== e.evidence;
}

/**
 * The evidence column's rank: faster after Holm's correction first, then faster before it only,
 * no effect shown, slower (after, then before the correction only), no estimate last.
 */
function evidenceRank(e: Pick<PortfolioEntry, 'evidence' | 'evidenceAfterHolm'>): number {
  return EVIDENCE_RANK[e.evidence] * 2 + (beforeHolmOnly(e) ? 1 : 0);
}

/**
 * The cohort's DiD as the effect column shows it: its estimate with its 95 % CI, or null (a dash)
 * when either is missing. An estimate without a CI (its standard error 0 or not computable) is
 * written "—", so it sorts with the missing ones rather than ranking a figure nobody sees.
 */
export function shownEffect(
  e: Pick<PortfolioEntry, 'roi'>,
): { readonly estimate: number; readonly ci: { readonly low: number; readonly high: number } } | null {
  const { estimate, ci } = e.roi.cohort.did;
  return estimate === null || ci === null ? null : { estimate, ci };
}

const sortValue = (e: PortfolioEntry, key: PortfolioSortKey): number | string | null => {
  switch (key) {
    case 'evidence':
      return evidenceRank(e);
    case 'joint': {
      // Holding after Holm first, then as the evidence column ranks.
      const v = jointVerdict(e);
      return EVIDENCE_RANK[v.evidence] * 2 + (v.holm ? 0 : 1);
    }
    case 'year':
      return e.year;
    case 'program':
      return e.program;
    case 'participants':
      return e.roi.participants;
    case 'cost':
      return e.roi.costs?.totalIdr ?? null;
    case 'effect':
      return shownEffect(e)?.estimate ?? null;
    case 'roi':
      return e.roi.base?.roiPercent ?? null;
  }
};

/**
 * Sorted copy. Missing figures (no estimate, no ROI) go last in either direction; ties fall back to
 * the base ROI (highest first), then year (newest first), then program code, so the order is total.
 */
export function sortPortfolio(entries: readonly PortfolioEntry[], sort: PortfolioSort): PortfolioEntry[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const compare = (a: number | string | null, b: number | string | null, s: number): number => {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    if (typeof a === 'string' || typeof b === 'string') return s * String(a).localeCompare(String(b));
    return s * (a - b);
  };
  return [...entries].sort(
    (a, b) =>
      compare(sortValue(a, sort.key), sortValue(b, sort.key), sign) ||
      compare(a.roi.base?.roiPercent ?? null, b.roi.base?.roiPercent ?? null, -1) ||
      b.year - a.year ||
      a.program.localeCompare(b.program),
  );
}

/** Years in the portfolio, newest first. */
export function portfolioYears(entries: readonly PortfolioEntry[]): number[] {
  return [...new Set(entries.map((e) => e.year))].sort((a, b) => b - a);
}

/** The rows one view shows: one year or all; optionally only the cohorts with an estimate. */
export function filterPortfolio(
  entries: readonly PortfolioEntry[],
  view: { readonly year: number | null; readonly estimableOnly: boolean },
): PortfolioEntry[] {
  return entries.filter(
    (e) =>
      (view.year === null || e.year === view.year) && (!view.estimableOnly || e.evidence !== 'not_estimated'),
  );
}

/**
 * A program-year the joint model finds faster after Holm's adjustment, with what weakens the
 * finding, so a headline that names it can say so too: it does not hold with errors clustered by
 * agency, or its completers sit in fewer than 5 agencies (in one, the program cannot be told apart
 * from that agency's own change).
 */
export interface JointFinding {
  /** `PLY-PRIMA 2023`. */
  readonly label: string;
  /** Fails the agency-clustered check (`clusteredCheckOf`'s verdict `fails`). */
  readonly clusteredFails: boolean;
  /** Agencies with a completer, when fewer than 5 (the clustered check's caution); else null. */
  readonly fewAgencies: number | null;
}

export interface PortfolioSummary {
  /** Program-year cohorts in the view, and those with an estimate. */
  readonly cohorts: number;
  readonly estimable: number;
  /**
   * Faster / slower after Holm's correction over every cohort of the portfolio (`evidenceAfterHolm`):
   * what counts as shown. `inconclusive`: the other estimable cohorts, those faster or slower before
   * the correction only included (they are listed in `beforeHolm`).
   */
  readonly faster: number;
  readonly slower: number;
  readonly inconclusive: number;
  /** Cohorts faster on their own CI but not after Holm's correction, by label, with their Holm p. */
  readonly fasterBeforeHolm: readonly { readonly label: string; readonly pValueHolm: number | null }[];
  /** Fully loaded cost of every program-year in the view (IDR), and of those with a shown effect (after Holm). */
  readonly costIdr: number;
  readonly costFasterIdr: number;
  /** Program-years the joint model finds faster after Holm's adjustment, by label (`PLY-PRIMA 2023`). */
  readonly jointFasterHolm: readonly JointFinding[];
  /** Program-years the joint model could estimate. */
  readonly jointEstimable: number;
}

/** A row as a joint finding: its label, whether it fails the agency-clustered check, its few agencies. */
export function jointFindingOf(e: Pick<PortfolioEntry, 'program' | 'year' | 'joint'>): JointFinding {
  // The verdict and the agency count do not depend on the language.
  const check = jointClusteredCheck(e, 'en');
  return {
    label: `${e.program} ${e.year}`,
    clusteredFails: check?.verdict === 'fails',
    fewAgencies: check?.caution ? check.treatedAgencies : null,
  };
}

/**
 * The view's headline: how many cohorts showed an effect after Holm's correction for testing every
 * cohort of the portfolio, which were faster before it only, and how much of the money bought a
 * shown effect.
 */
export function portfolioSummary(entries: readonly PortfolioEntry[]): PortfolioSummary {
  let estimable = 0;
  let faster = 0;
  let slower = 0;
  let inconclusive = 0;
  let costIdr = 0;
  let costFasterIdr = 0;
  let jointEstimable = 0;
  const jointFasterHolm: JointFinding[] = [];
  const fasterBeforeHolm: { label: string; pValueHolm: number | null }[] = [];
  for (const e of entries) {
    // Costs the API hid (a program with too few participants) are not in the sums.
    costIdr += e.roi.costs?.totalIdr ?? 0;
    const joint = jointVerdict(e);
    if (joint.evidence !== 'not_estimated') jointEstimable += 1;
    if (joint.evidence === 'faster' && joint.holm) jointFasterHolm.push(jointFindingOf(e));
    if (e.evidence === 'not_estimated') continue;
    estimable += 1;
    if (e.evidence === 'faster' && beforeHolmOnly(e))
      fasterBeforeHolm.push({ label: `${e.program} ${e.year}`, pValueHolm: e.pValueHolm });
    if (e.evidenceAfterHolm === 'faster') {
      faster += 1;
      costFasterIdr += e.roi.costs?.totalIdr ?? 0;
    } else if (e.evidenceAfterHolm === 'slower') slower += 1;
    else inconclusive += 1;
  }
  return {
    cohorts: entries.length,
    estimable,
    faster,
    slower,
    inconclusive,
    fasterBeforeHolm: fasterBeforeHolm.sort((a, b) => a.label.localeCompare(b.label)),
    costIdr,
    costFasterIdr,
    jointFasterHolm: jointFasterHolm.sort((a, b) => a.label.localeCompare(b.label)),
    jointEstimable,
  };
}

/** The ROI page's URL parameters that open the Phillips chain of one portfolio entry, same contrast and isolation. */
export function chainSearchOf(
  e: Pick<PortfolioEntry, 'program' | 'year'>,
  contrast: CohortContrast = 'vs_rest',
  isolation: EffectIsolation = 'cohort',
): Record<string, string | null> {
  return {
    rp: e.program,
    rfrom: `${e.year}-01-01`,
    rto: `${e.year}-12-31`,
    rc: contrastToParam(contrast),
    ri: isolationToParam(isolation),
  };
}

/** Employees behind a program-year's cohort estimate (trained + comparison); null if either is unknown. */
function cohortN(e: PortfolioEntry): number | null {
  const treated = e.roi.cohort.treated.n;
  const control = e.roi.cohort.control.n;
  return treated === null || treated === undefined || control === null || control === undefined
    ? null
    : treated + control;
}

/**
 * Whether the joint model's shown effect holds with errors clustered by agency, in words (both the
 * clustered CI and the wild cluster bootstrap must show it: PLY-PRIMA 2023's CI excludes 0, its
 * bootstrap p is 0.135, so it does not hold); empty when there is no shown effect to check.
 */
function clusteredVerdictText(e: PortfolioEntry, t: Translate): string | null {
  const verdict = jointClusteredCheck(e, 'en')?.verdict ?? null;
  return verdict === null ? null : t(CLUSTERED_VERDICT_KEY[verdict]);
}

/**
 * The shown rows as CSV: raw numbers, verdicts in words. The joint model's agency-clustered CI and
 * the agencies with a completer come after the earlier columns, then `n` (employees behind the
 * cohort estimate: trained + comparison) and `snapshot`, as every chart's CSV ends, so a sheet
 * reading the earlier columns by position keeps working. After them, added later and so last: the
 * cohort's Holm-adjusted p over every cohort of the portfolio and its evidence after that
 * correction, and the joint model's clustered check (the wild cluster bootstrap p and whether the
 * effect holds under clustering), without which the clustered CI alone reads as robust. Last, the
 * inputs the portfolio was computed with (`inputs`: contrast, isolation, assumption overrides), the
 * same in every row, so two files priced differently can be told apart by their contents.
 */
export function portfolioCsv(
  entries: readonly PortfolioEntry[],
  {
    t,
    title,
    snapshotId,
    inputs = [],
  }: {
    readonly t: Translate;
    readonly title: (program: string) => string;
    readonly snapshotId: string | null;
    /** Columns after the last (`portfolioCsvColumns`): header and the value of every row. */
    readonly inputs?: readonly CsvInputColumn[];
  },
): { head: string[]; body: CsvCell[][] } {
  const evidence = (e: Evidence) => t(`portfolio.evidence.${e}`);
  // A bound of the joint estimate: its label, then the bound's after a colon and in lower case
  // ("Efek model gabungan (hari per permohonan): batas bawah selang kepercayaan 95%"), not a capital
  // mid-header.
  const ofJoint = (bound: 'portfolio.ciLow' | 'portfolio.ciHigh') => {
    const text = t(bound);
    return `${t('portfolio.jointEstimate')}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  };
  const head = [
    t('portfolio.year'),
    t('roi.program'),
    t('portfolio.title'),
    t('portfolio.evidence'),
    t('portfolio.joint'),
    t('portfolio.jointEstimate'),
    ofJoint('portfolio.ciLow'),
    ofJoint('portfolio.ciHigh'),
    t('portfolio.holmP'),
    t('roi.participants'),
    t('portfolio.costIdr'),
    t('portfolio.didDays'),
    t('portfolio.ciLow'),
    t('portfolio.ciHigh'),
    t('portfolio.nTreated'),
    t('portfolio.nControl'),
    `${t('portfolio.roiPct')} ${t('roi.low')}`,
    `${t('portfolio.roiPct')} ${t('roi.base')}`,
    `${t('portfolio.roiPct')} ${t('roi.high')}`,
    t('roi.bcr'),
    t('joint.csvClusteredLow'),
    t('joint.csvClusteredHigh'),
    t('joint.csvTreatedAgencies'),
    'n',
    'snapshot',
    // After the snapshot, so a sheet reading the columns before it by position keeps working.
    t('portfolio.csvHolmP'),
    t('portfolio.csvEvidenceAfterHolm'),
    t('joint.csvBootstrapP'),
    t('portfolio.csvClusteredVerdict'),
    ...inputs.map(([header]) => header),
  ];
  const body = entries.map((e) => [
    e.year,
    e.program,
    title(e.program),
    evidence(e.evidence),
    evidence(jointVerdict(e).evidence),
    e.joint?.effect.estimate,
    e.joint?.effect.ci?.low,
    e.joint?.effect.ci?.high,
    e.joint?.pValueHolm,
    e.roi.participants,
    e.roi.costs?.totalIdr,
    e.roi.cohort.did.estimate,
    e.roi.cohort.did.ci?.low,
    e.roi.cohort.did.ci?.high,
    e.roi.cohort.treated.n,
    e.roi.cohort.control.n,
    e.roi.low?.roiPercent,
    e.roi.base?.roiPercent,
    e.roi.high?.roiPercent,
    e.roi.base?.bcr,
    e.joint?.clustered?.ci?.low,
    e.joint?.clustered?.ci?.high,
    e.joint?.clustered?.treatedClusters,
    cohortN(e),
    snapshotId,
    e.pValueHolm,
    evidence(e.evidenceAfterHolm),
    e.joint?.clustered?.wildBootstrap?.pValue,
    clusteredVerdictText(e, t),
    ...inputs.map(([, value]) => value),
  ]);
  return { head, body };
}

/**
 * What weakens a joint-model finding, in the reader's language (empty when nothing does): e.g.
 * `tidak lagi signifikan bila galat baku diklaster per instansi; peserta hanya di 1 instansi: …`.
 */
export function jointCaveatText(f: JointFinding, t: Translate, lang: Lang): string {
  const parts: string[] = [];
  if (f.clusteredFails) parts.push(t('joint.clustered.fails'));
  if (f.fewAgencies !== null)
    parts.push(
      f.fewAgencies === 1
        ? t('joint.clustered.oneAgency')
        : t('joint.clustered.fewAgencies', { n: formatNumber(f.fewAgencies, lang) }),
    );
  return parts.join('; ');
}

/** A priced cohort and what the portfolio says weakens its effect. */
export interface CohortWeakness {
  /** `PLY-PRIMA 2023`. */
  readonly label: string;
  /** The portfolio row's own words, joined by `; `. */
  readonly text: string;
}

/**
 * What weakens the effects of the given program-years, as the portfolio's rows and headline say it
 * (same messages, same checks), so a figure that prices those cohorts (the budget scenario) carries
 * them too: faster before Holm's correction over the portfolio only, not significant after Holm's
 * correction in the year's joint model, not holding with errors clustered by agency, completers in
 * fewer than 5 agencies. Cohorts that hold on every check (or are not in the portfolio) say nothing.
 */
export function cohortWeaknesses(
  entries: readonly PortfolioEntry[],
  program: string,
  years: readonly number[],
  t: Translate,
  lang: Lang,
): CohortWeakness[] {
  return entries
    .filter((e) => e.program === program && years.includes(e.year))
    .sort((a, b) => a.year - b.year)
    .flatMap((e) => {
      const parts: string[] = [];
      if (beforeHolmOnly(e))
        parts.push(t('portfolio.beforeHolmOnly', { p: formatPValue(e.pValueHolm, lang) }));
      if (jointStanding(e) === 'notAfterHolm')
        parts.push(t('portfolio.notAfterHolm', { p: formatPValue(e.joint?.pValueHolm, lang) }));
      const caveat = jointCaveatText(jointFindingOf(e), t, lang);
      if (caveat) parts.push(caveat);
      return parts.length > 0 ? [{ label: `${e.program} ${e.year}`, text: parts.join('; ') }] : [];
    });
}
