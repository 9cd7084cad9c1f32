import type { Db, PlainRow } from '../db/index.ts';
import { ENROLLMENTS_BY_COMPLETION, HEADCOUNT, JP_AGENCY } from './bindings.ts';
import type { MetricQuery } from './filter.ts';
import { partnerCountsOf, partnerQuery, sharedReads, withPartnerCounts } from './headcount-partners.ts';
import { jpTotalSql, orLegacy } from './metric-aggregates.ts';
import { participationCounts, participationRows } from './participation.metric.ts';
import { finishRows, publishedCounts, withComplements } from './query/finish-rows.ts';
import { histogramPairs, histogramQuantile } from './query/histogram-quantile.ts';
import { count, nulled, num, ratio } from './query/measures.ts';
import { MetricInputError } from './query/metric-input-error.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricRow } from './query/metric-row.ts';
import {
  andAll,
  assertFilterFields,
  filterPredicates,
  groupingSql,
  keyColumns,
  planQuery,
  type QueryPlan,
} from './query/plan-query.ts';
import { type RangedResult, readRange } from './service-times.metric.ts';

/** Minimum competency development per PNS per year: PP 11/2017 Pasal 203(4) jo. PP 17/2020 (DOMAIN §2). */
export const DEFAULT_JP_THRESHOLD = 20;
/** Minutes in one JP (jam pelajaran): customary, not regulated (DOMAIN §2, L) → parameter JP_MINUTES. */
export const DEFAULT_JP_MINUTES = 45;

export interface JpOptions extends MetricOptions {
  /** JP per year that counts as compliant (default 20). */
  readonly jpThreshold?: number;
  /** Minutes per JP, for the hours figures only (default 45). */
  readonly jpMinutes?: number;
}

export interface JpComplianceMeasures {
  /** Employee-years in the headcount. */
  readonly employees: number | null;
  /** Of those, with JP earned ≥ threshold in the year. */
  readonly compliant: number | null;
  /** compliant / employees, 0–1. */
  readonly rate: number | null;
  /** Mean JP earned per employee-year (zeros included). */
  readonly jpPerEmployee: number | null;
  /** jpPerEmployee × jpMinutes / 60. */
  readonly hoursPerEmployee: number | null;
  /** Median JP per employee-year (type-7 quantile). */
  readonly medianJp: number | null;
}
export type JpComplianceRow = MetricRow<JpComplianceMeasures>;

/**
 * The compliant, and those below the threshold (employees − compliant, the row's other cell),
 * protected like n (see the spec below) and compared across queries. The employees with any JP are
 * protected too, but not published: nothing to compare.
 */
export const JP_COMPLIANCE_COUNTS = withComplements(
  publishedCounts<JpComplianceMeasures>('compliant'),
  'employees',
  'compliant',
);
/**
 * JP compliance: share of employees whose JP earned in the year reaches the threshold (default 20),
 * and JP per employee.
 *
 * Grain: employee-years of marts.fct_headcount; yearly only (grain "year" or none, else
 * UNSUPPORTED_GRAIN; without a grain the years of the range are pooled, n = employee-years), so
 * `from`/`to` select whole years (`range` in the result gives the days read). JP earned = Σ fct_enrollments.jp_earned of
 * completed enrollments whose completion falls in the year; `jp_earned` is already in JP (the ETL
 * converts e-learning minutes with JP_MINUTES), so `jpMinutes` only converts JP to hours for display.
 * Each employee-year's JP is rounded to 6 decimals (`jpTotalSql`) before it meets the threshold:
 * e-learning JP are binary fractions whose sum depends on the order of its terms (15 h of courses,
 * exactly 20 JP, summed to 19.999999999999996 in one order).
 * An employee with no completions has 0 JP (counted, not null). Person filters and groupBy apply
 * to the headcount; program filters restrict which JP count (then JP is summed from fct_enrollments,
 * else read from agg_jp_employee_year). n = employee-years; percent of total is of compliant
 * employee-years.
 */
export async function jpCompliance(
  db: Db,
  query: MetricQuery,
  options?: JpOptions,
): Promise<RangedResult<JpComplianceRow>> {
  const minN = resolveMinN(options);
  const threshold = options?.jpThreshold ?? DEFAULT_JP_THRESHOLD;
  const jpMinutes = options?.jpMinutes ?? DEFAULT_JP_MINUTES;
  if (!(threshold >= 0) || !(jpMinutes > 0)) {
    throw new MetricInputError('jpThreshold must be ≥ 0 and jpMinutes > 0', {
      reason: 'OUT_OF_RANGE',
      field: 'options',
    });
  }
  const plan = planQuery('jpCompliance', query);
  const programFiltered = assertJpFilters(plan);
  const raw = await jpRows(db, query, plan, threshold);
  // Participation's cells of the same table, protected here too (headcount-partners.ts). With
  // minN 1 nothing is hidden and nothing needs them.
  const partner = partnerQuery(query, plan);
  const rows =
    partner === undefined || minN <= 1
      ? raw
      : withPartnerCounts(raw, plan, [
          { rows: await participationRows(db, partner), counts: participationCounts },
        ]);
  const result = await finishRows<JpComplianceMeasures>(
    plan,
    rows,
    {
      read: (r) => {
        const employees = count(r.employees);
        const compliant = count(r.compliant);
        // With a program filter the JP earned (JP per employee × employees) is a sum over the
        // programs listed of their completions × their fixed JP: answers for an area or a method and
        // for its programs one by one add up, and a hidden program's completions follow by
        // difference (review of 2026-12-05: 2021, grade group IV, technical 3,756 JP − TEK-WS 448 −
        // TEK-SM 360 − TEK-EL 960 − TEK-KL 1,960 = 28 = 1 TEK-CO completion, a cell reaction and
        // learning hide; 50 such cells of 1–4). So the JP figures are published without one only.
        const jpMean = programFiltered ? null : num(r.jp_mean);
        return {
          employees,
          compliant,
          rate: ratio(compliant, employees),
          jpPerEmployee: jpMean,
          hoursPerEmployee: jpMean === null ? null : (jpMean * jpMinutes) / 60,
          medianJp: programFiltered
            ? null
            : r.hist === undefined
              ? num(r.jp_median)
              : histogramQuantile(...histogramPairs(r.hist), 0.5),
        };
      },
      n: (m) => m.employees ?? 0,
      // The compliant, and the employees with any JP, are employees who completed a training: with
      // a program filter, those of completion's, reaction's and learning's cells (agency × program),
      // which hide 1 … minN − 1 of them; the JP per employee times the employees gives the JP earned,
      // a multiple of the program's JP. Protected like n (review of 2026-12-05: KEP-CO 2021 by
      // agency, DISKOMINFO's 1 compliant of 58, a cell reaction and learning hide; 1,145 rows of
      // 1–4 over 16 programs of 20 JP or more).
      // And (JP_COMPLIANCE_COUNTS) the employees below the threshold, employees − compliant: the
      // other cell of the same row, the ones short of a duty (a privacy review of 2026-12-07).
      // And participation's participants and those who took part in nothing, as participation
      // protects these (headcount-partners.ts): both hide the same cells of their common table.
      protect: (m, r) => [...JP_COMPLIANCE_COUNTS.protect(m), count(r.with_jp), ...partnerCountsOf(r)],
      value: (m) => m.rate,
      share: (m) => m.compliant,
      empty: () => ({
        employees: 0,
        compliant: 0,
        rate: null,
        jpPerEmployee: null,
        hoursPerEmployee: null,
        medianJp: null,
      }),
      hide: nulled,
    },
    minN,
    undefined,
    options?.signal,
  );
  return { ...result, range: readRange(plan.filter, 'year', 'fct_enrollments') };
}

const JP_PERSON_FILTERS = ['agencies', 'gradeGroups', 'tenureBands', 'employmentTypes'] as const;
const JP_PROGRAM_FILTERS = ['programs', 'methods', 'competencyAreas'] as const;

/** Checks the filter fields JP compliance takes; whether a program filter is set. */
function assertJpFilters(plan: QueryPlan): boolean {
  assertFilterFields(plan, [...JP_PERSON_FILTERS, ...JP_PROGRAM_FILTERS]);
  return JP_PROGRAM_FILTERS.some((f) => (plan.filter[f]?.length ?? 0) > 0);
}

/**
 * JP compliance's SQL rows for `plan` (`query` planned), before disclosure control: per row
 * `employees`, `compliant` (at `threshold`), `with_jp`, and the JP mean and median. Within a
 * `sharingReads` call the same read runs once (participation reads the same rows as its partner). Participation
 * reads them too, to protect the same cells (`withPartnerCounts`).
 */
/** JP compliance's cells participation protects too: the compliant, those below, those with any JP. */
export function jpCounts(row: PlainRow): number[] {
  const employees = count(row.employees);
  const compliant = count(row.compliant);
  return [compliant, employees - compliant, count(row.with_jp)];
}

export async function jpRows(
  db: Db,
  query: MetricQuery,
  plan: QueryPlan,
  threshold: number = DEFAULT_JP_THRESHOLD,
): Promise<PlainRow[]> {
  const programFiltered = assertJpFilters(plan);
  const reader = sharedReads(db);
  const run = (p: QueryPlan, legacy: boolean) =>
    reader.all(jpSql(p, legacy, threshold, programFiltered), p.params.values);
  return programFiltered
    ? run(plan, false)
    : orLegacy(
        () => run(plan, false),
        () => run(planQuery('jpCompliance', query), true),
      );
}

function jpSql(plan: QueryPlan, legacy: boolean, threshold: number, programFiltered: boolean): string {
  const hcWhere = andAll(
    filterPredicates(plan, HEADCOUNT, ['agencies', 'gradeGroups', 'tenureBands', 'employmentTypes']),
  );
  const { keys, groupBy } = groupingSql(plan, HEADCOUNT);
  const jpWhere = () =>
    andAll([
      "status = 'completed'",
      'completed_on IS NOT NULL',
      ...filterPredicates(plan, ENROLLMENTS_BY_COMPLETION, ['programs', 'methods', 'competencyAreas'], {
        from: plan.from === undefined ? undefined : `${plan.from.slice(0, 4)}-01-01`,
        to: plan.to === undefined ? undefined : `${plan.to.slice(0, 4)}-12-31`,
      }),
    ]);
  const thresholdParam = plan.params.bind(threshold);
  // Without program filters the pre-aggregates already hold the JP histogram per person cell: the
  // median is read off it in TS (type-7, as quantile_cont over the employee-years). legacy: a
  // snapshot without them (see orLegacy) reads agg_jp_employee_year, whose JP that snapshot's build
  // did not round: rounded here, as every JP total compared with the threshold (`jpTotalSql`).
  const legacySource = `(SELECT * REPLACE (${jpTotalSql('jp')} AS jp) FROM marts.agg_jp_employee_year)`;
  return programFiltered || legacy
    ? `SELECT ${keys}, count(*) AS employees,
         count(*) FILTER (WHERE jp >= ${thresholdParam}) AS compliant,
         count(*) FILTER (WHERE jp > 0) AS with_jp,
         avg(jp) AS jp_mean, quantile_cont(jp, 0.5) AS jp_median
       FROM ${
         programFiltered
           ? `(SELECT h.*, coalesce(jp.jp, 0) AS jp FROM marts.fct_headcount h LEFT JOIN (
         SELECT employee_key, CAST(year(completed_on) AS INTEGER) AS year, ${jpTotalSql('sum(jp_earned)')} AS jp
         FROM marts.fct_enrollments WHERE ${jpWhere()} GROUP BY ALL) jp USING (employee_key, year))`
           : legacySource
       }
       WHERE ${hcWhere} ${groupBy}`
    : (() => {
        // The agency is the only person dimension in the query: the per-agency histogram suffices
        // (hcWhere then only restricts year and agency_code, which it carries).
        const agencyOnly =
          plan.groupBy.every((d) => d === 'agency') &&
          !['gradeGroups', 'tenureBands', 'employmentTypes'].some(
            (f) => (plan.filter[f as 'gradeGroups']?.length ?? 0) > 0,
          );
        const binding = agencyOnly ? JP_AGENCY : HEADCOUNT;
        const hist = groupingSql(plan, binding, { extra: ['jp'] });
        const cols = keyColumns(plan).join(', ');
        return `WITH h AS (
            SELECT ${hist.keys}, sum(employees) AS n FROM marts.${agencyOnly ? 'agg_jp_agency' : 'agg_jp_cells'}
            WHERE ${hcWhere} ${hist.groupBy}
          )
          SELECT ${cols}, CAST(sum(n) AS BIGINT) AS employees,
            CAST(coalesce(sum(n) FILTER (WHERE jp >= ${thresholdParam}), 0) AS BIGINT) AS compliant,
            CAST(coalesce(sum(n) FILTER (WHERE jp > 0), 0) AS BIGINT) AS with_jp,
            sum(jp * n) / sum(n) AS jp_mean,
            list({d: jp, n: n}) AS hist
          FROM h GROUP BY ${cols}`;
      })();
}
