import type { Db } from '../db/index.ts';
import { DEFAULT_MIN_N } from '../disclosure/index.ts';
import { COMPLETION_COUNTS, completion as completionMetric } from './completion.metric.ts';
import type { MetricQuery } from './filter.ts';
import { sharingReads } from './headcount-partners.ts';
import { FUNNEL_COUNTS, invitationFunnel as invitationFunnelMetric } from './invitation-funnel.metric.ts';
import { JP_COMPLIANCE_COUNTS, jpCompliance as jpComplianceMetric } from './jp-compliance.metric.ts';
import { learning as learningMetric } from './learning.metric.ts';
import {
  PARTICIPATION_COUNTS,
  participation as participationMetric,
  participationYearMasks,
} from './participation.metric.ts';
import { guardDistinctYears } from './query/distinct-years.ts';
import { guardFilterComplements, hideRows, listFilters, type RowCount } from './query/filter-complements.ts';
import type { MetricOptions } from './query/metric-options.ts';
import type { MetricResult, MetricRowBase } from './query/metric-row.ts';
import { methodsAsPrograms } from './query/program-lists.ts';
import { cellKeyOf, tableIdOf } from './query/row-tables.ts';
import { rememberRefusals } from './query/snapshot-memo.ts';
import { guardYearSums, hideSumsOfHiddenYears } from './query/year-sums.ts';
import { REACTION_COUNTS, reaction as reactionMetric } from './reaction.metric.ts';
import type { ResistanceResult, ResistanceRow } from './resistance.metric.ts';
import { RESISTANCE_COUNTS, resistance as resistanceMetric, withheldReasons } from './resistance.metric.ts';
import { satisfaction as satisfactionMetric } from './satisfaction.metric.ts';
import { withIkmSample } from './satisfaction-sample.ts';
import {
  SERVICE_TIMES_COUNTS,
  serviceTimes as serviceTimesMetric,
  withSlaTargets,
} from './service-times.metric.ts';

/**
 * Disclosure control across queries around a metric: a list filter cannot single out a small group
 * by difference with the same query unfiltered (`guardFilterComplements`), and a row without a grain
 * over several years publishes no sum of a hidden year row (`guardYearSums`; for participation's
 * distinct employees, no set difference of two ranges, `guardDistinctYears`). Within one query and
 * across grains and ranges of the same query, `finishRows` protects the periods themselves. Grouped
 * by a coarse dimension (agency kind, method, competency area, agency over service types), it hides
 * what the same answer by the finer one hides (`coarseHidden`, inside `guardFilterComplements`), and
 * by the finer one it keeps a part of each coarse cell hidden (`partsHidden`). A call
 * refused as too complex to protect is refused at once the next time on the same snapshot
 * (`rememberRefusals`). `counts`: what the metric protects like n and publishes, compared in the
 * relaxations too: its module's `…_COUNTS`, the list its `MeasureSpec.protect` reads.
 */
function guard<R extends object, O extends MetricOptions>(
  metric: (db: Db, query: MetricQuery, options?: O) => Promise<R>,
  counts: readonly RowCount[] = [],
  additiveOverTime = true,
  widerOptions?: (options: O) => O,
) {
  return rememberRefusals(
    guardYearSums(
      guardFilterComplements(metric, counts, { additiveOverTime, ...(widerOptions ? { widerOptions } : {}) }),
      { additiveOverTime },
    ),
  );
}

/**
 * The filtered metrics as the package publishes them (the API and the bench call these), with
 * disclosure control across queries (`guard`). The metric modules' own exports are the bare
 * computations their known-answer tests check.
 */
// Participation's n is the yearly headcount in every period: no sum over time. Without a grain over
// several years its headcount and participants are distinct employees, which two ranges can
// set-difference: `guardDistinctYears`, inside the guard, so that the wider and finer answers the
// guard reads (`sliceHidden`, `coarseHidden`, `partsHidden`) are published ones, with the rows it
// hides: outside, `agencies: [A, E]` less E's row gave back an A it hid (a review of 2026-12-07).
// It cannot be grouped by program: a method or area is asked as its programs (`methodsAsPrograms`),
// so each program is left out in turn.
const participationAlone = methodsAsPrograms(
  guard(
    guardDistinctYears(
      participationMetric,
      ['n', ...PARTICIPATION_COUNTS.fields],
      participationYearMasks,
      // Those in the headcount who took part in nothing, over the range: n's units outside participants'.
      [[0, 1]],
    ),
    PARTICIPATION_COUNTS.guarded,
    false,
  ),
);
// The funnel's enrolled are completion's n: compared in the relaxations too, as completion's n is
// (and its completed, and its invited less accepted: resistance's declined and no response).
export const invitationFunnel = guard(invitationFunnelMetric, FUNNEL_COUNTS);
// Its wider and finer answers are its rows alone: the reasons breakdown takes one groupBy dimension.
const guardedResistance = guard(resistanceMetric, RESISTANCE_COUNTS, true, (o) => ({
  ...o,
  withReasons: false,
}));

/**
 * Resistance as published. Its rows are the same with or without the reasons breakdown: unfiltered,
 * the breakdown is one more table of the same answer, whose rows the guard hides as it hides those
 * of the rows-only answer (the wider and finer answers it compares with are asked rows-only); the
 * breakdown then shows nothing of a group the rows hide (a breakdown's total is its group's
 * declines). Filtered by a list, the answer is the rows-only one and the breakdown is withheld whole
 * (`withheldReasons`, not computed): it is a slice of the breakdown by the listed dimension, a table
 * with the reasons as one more dimension, which nothing protects consistently with it (review of
 * 2026-12-05: 2021, already_experienced 668 − 10-19 259 − 20+ 395 − tenureBands ["5-9"] 11 = <5's
 * hidden 3; 93 hidden cells of 1–4 pinned over 1,000 answers).
 */
export async function resistance(
  db: Db,
  query: MetricQuery,
  options?: Parameters<typeof resistanceMetric>[2],
): Promise<ResistanceResult> {
  if (options?.withReasons === false) return guardedResistance(db, query, options);
  if (listFilters(query.filter).length > 0) {
    const rowsOnly = await guardedResistance(db, query, { ...options, withReasons: false });
    return { ...rowsOnly, byReason: withheldReasons(rowsOnly.rows) };
  }
  const full = await guardedResistance(db, query, options);
  const outer = query.groupBy ?? [];
  const groupOf = (r: { period: string | null; keys: Record<string, unknown> }, total: boolean) =>
    JSON.stringify([r.period, total ? null : outer.map((d) => r.keys[d] ?? null)]);
  const hiddenGroups = new Set(
    full.rows.filter((r: ResistanceRow) => r.suppressed).map((r) => groupOf(r, r.isTotal)),
  );
  const cells = new Set(
    full.byReason
      .filter((r) =>
        hiddenGroups.has(
          groupOf(
            r,
            outer.every((d) => (r.keys[d] ?? null) === null),
          ),
        ),
      )
      .map((r) => cellKeyOf(r, r.period)),
  );
  return cells.size === 0
    ? full
    : { ...full, byReason: hideRows(full.byReason, { tables: new Set(), cells }, query.grain) };
}
export const completion = guard(completionMetric, COMPLETION_COUNTS.guarded);
// A method or area asked as its programs, as participation (`methodsAsPrograms`).
const jpComplianceAlone = methodsAsPrograms(guard(jpComplianceMetric, JP_COMPLIANCE_COUNTS.guarded));

/**
 * Whether participation and JP compliance answer `query` with the same table (headcount-partners.ts):
 * each year's headcount by the same dimensions, at grain year or without a grain over one year.
 */
function commonTable(query: MetricQuery): boolean {
  if (query.grain === 'year') return true;
  const { from, to } = query.filter ?? {};
  return (
    query.grain === undefined && from !== undefined && to !== undefined && from.slice(0, 4) === to.slice(0, 4)
  );
}

/** Options the two metrics pass each other: the disclosure ones, and the JP threshold of their common table. */
type PartnerOptions = MetricOptions & { readonly jpThreshold?: number };

/**
 * `metric` as published, hiding also the rows `partner` hides when both answer `query` with the same
 * table. Within an answer the two already hide the same cells (each protects the other's counts,
 * headcount-partners.ts), but the guards across queries compare each metric's own counts with its
 * relaxations and hide rows of their own: participation a filtered row that leaves out a few
 * participants, JP compliance one that leaves out a few compliant. Each hides what either hides, so
 * neither shows a row of the common table the other hides. The union keeps what each guard
 * ensures: each rule hides a row of one answer when another answer of the same metric hides or
 * differs, and the union holds for every answer alike; within a table, hiding more never reveals more.
 * With `compare` the year before the range too: a shown row's comparison must not carry the value
 * of a row the partner hides (a review of 2026-12-07: 2024 against a 2023 hidden by participation's
 * guard). And for `sumsOfYears` (JP compliance: employee-years add up over years), a row without a
 * grain over several years is hidden when its group has a year the partner hides, as
 * `guardYearSums` does for the metric's own (participation's distinct employees over several years
 * are no sum of years). `partner` is the other metric's guarded answer without this step (no
 * recursion), asked with the same minN, signal and JP threshold. Both run in one `sharingReads`
 * call: what each reads of the warehouse, the other reads too, once.
 */
function hidingWhatPartnerHides<R extends MetricResult<MetricRowBase>, O extends PartnerOptions>(
  metric: (db: Db, query: MetricQuery, options?: O) => Promise<R>,
  partner: (db: Db, query: MetricQuery, options?: PartnerOptions) => Promise<MetricResult<MetricRowBase>>,
  { sumsOfYears = false }: { readonly sumsOfYears?: boolean } = {},
) {
  return (db: Db, query: MetricQuery, options?: O): Promise<R> =>
    sharingReads(() => published(db, query, options));
  async function published(db: Db, query: MetricQuery, options?: O): Promise<R> {
    const mine = await metric(db, query, options);
    if ((options?.minN ?? DEFAULT_MIN_N) <= 1) return mine;
    const theirOptions: PartnerOptions = {
      ...(options?.minN === undefined ? {} : { minN: options.minN }),
      ...(options?.signal === undefined ? {} : { signal: options.signal }),
      ...(options?.jpThreshold === undefined ? {} : { jpThreshold: options.jpThreshold }),
    };
    if (!commonTable(query)) {
      if (!sumsOfYears || query.grain !== undefined) return mine;
      const yearly = await partner(db, { ...query, grain: 'year', compare: false }, theirOptions);
      return hideSumsOfHiddenYears(mine, yearly);
    }
    const answers = [await partner(db, query, theirOptions)];
    const from = query.filter?.from;
    if (query.compare === true && from !== undefined) {
      const year = Number(from.slice(0, 4)) - 1;
      answers.push(
        await partner(
          db,
          {
            ...query,
            compare: false,
            filter: { ...query.filter, from: `${year}-01-01`, to: `${year}-12-31` },
          },
          theirOptions,
        ),
      );
    }
    const cells = new Set(
      answers.flatMap((a) => a.rows.filter((r) => r.suppressed).map((r) => cellKeyOf(r, r.period))),
    );
    if (cells.size === 0) return mine;
    // A total the partner hides takes its table's percents of total with it (each would give it
    // back), as `guardYearSums` and `guardDistinctYears` do.
    const rows = hideRows(mine.rows, { tables: new Set(), cells }, query.grain);
    const table = tableIdOf(rows);
    const hiddenTotals = new Set(rows.filter((r) => r.isTotal && r.suppressed).map((r) => table(r)));
    return {
      ...mine,
      rows: rows.map((r) => (r.suppressed || !hiddenTotals.has(table(r)) ? r : { ...r, pctOfTotal: null })),
    };
  }
}

export const participation = hidingWhatPartnerHides(participationAlone, jpComplianceAlone);
export const jpCompliance = hidingWhatPartnerHides(jpComplianceAlone, participationAlone, {
  sumsOfYears: true,
});
export const reaction = guard(reactionMetric, REACTION_COUNTS.guarded);
export const learning = guard(learningMetric);
/** serviceTimes under the guard, without the SLA targets (for callers that read none: the scorecard). */
export const guardedServiceTimes = guard(serviceTimesMetric, SERVICE_TIMES_COUNTS.guarded);
// Each row's SLA target is added after the guard: a service type's parameter, hidden with no row.
export const serviceTimes = withSlaTargets(guardedServiceTimes);
/** satisfaction under the guard, without the sample check (callers that read the IKM alone). */
export const guardedSatisfaction = guard(satisfactionMetric);
// Each row's sample is judged after the guard, against the service times published for the query.
export const satisfaction = withIkmSample(guardedSatisfaction, guardedServiceTimes);
