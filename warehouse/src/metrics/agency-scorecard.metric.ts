import type { Db } from '../db/index.ts';
import type { MetricQuery } from './filter.ts';
// As published: by agency they also hide what the answers by service type hide (`coarseHidden`),
// which the bare computations do not know (review of 2026-12-05: at scale 0.25, Disdukcapil's 2022
// IKM by agency is hidden there, and a card showed it).
import {
  guardedSatisfaction as satisfaction,
  guardedServiceTimes as serviceTimes,
} from './guarded-metrics.ts';
import { sharingReads } from './headcount-partners.ts';
import { type JpOptions, jpCompliance } from './jp-compliance.metric.ts';
import { jpTotalSql, orLegacy } from './metric-aggregates.ts';
import { participation } from './participation.metric.ts';
import { count, num, ratio } from './query/measures.ts';
import { MetricInputError } from './query/metric-input-error.ts';
import { resolveMinN } from './query/metric-options.ts';
import type { MetricRowBase } from './query/metric-row.ts';
import { resistance } from './resistance.metric.ts';
import type { SatisfactionRow } from './satisfaction.metric.ts';
import { ikmSample, judgeable } from './satisfaction-sample.ts';
import type { ServiceTimesRow } from './service-times.metric.ts';

/** Which agencies and years to score: any number of each, answered with one query per source. */
export interface ScorecardRequest {
  readonly agencies: readonly string[];
  readonly years: readonly number[];
}

/**
 * ROI per agency and year, supplied by the ROI module (Phillips, DOMAIN §5), e.g. wrapping
 * `roiByAgency(db, { year, agencies })` per year and mapping `roiPercent.base` to `roiPct`.
 */
export type ScorecardRoiHook = (request: ScorecardRequest) => Promise<
  readonly {
    agency: string;
    year: number;
    roiPct: number | null;
    note?: string;
    /** How to read roiPct, e.g. no measured benefit (code, Indonesian and English text). */
    warnings?: readonly ScorecardCaveat[];
  }[]
>;

/** A caveat about a scorecard figure: stable code, Bahasa Indonesia and English text. */
export interface ScorecardCaveat {
  readonly code: string;
  readonly id: string;
  readonly en: string;
}

export interface ScorecardOptions extends JpOptions {
  /** Optional hook; without it `roiPct` is null with a note. */
  readonly roiByAgency?: ScorecardRoiHook;
}

export interface AgencyScorecardRow {
  readonly agency: string;
  readonly year: number;
  /** Employees in fct_headcount (null when hidden by disclosure control). */
  readonly headcount: number | null;
  readonly participationRate: number | null;
  readonly resistanceRate: number | null;
  readonly jpComplianceRate: number | null;
  readonly jpPerEmployee: number | null;
  /** IKM of the surveys of services this agency delivers, with its mutu (A–D). */
  readonly ikm: number | null;
  readonly ikmMutu: string | null;
  /**
   * Whether the IKM's questionnaires reach the SKM sample PermenPANRB 14/2017 asks for (Krejcie–Morgan)
   * of the agency's requests that year, as `satisfaction` judges a row (`withIkmSample`): the
   * population is the request count serviceTimes shows for the agency and year. Null when the IKM is
   * null or hidden, when that count is hidden or absent, or when some questionnaires are about a
   * service the service data holds no request of.
   */
  readonly ikmSampleAdequate: boolean | null;
  readonly slaMetRate: number | null;
  readonly medianServiceDays: number | null;
  readonly budgetAllocatedIdr: number | null;
  readonly budgetRealizedIdr: number | null;
  /** realized / allocated, 0–1 (may exceed 1). */
  readonly budgetRealisation: number | null;
  /** Σ fct_costs of offerings the agency organised in the year. */
  readonly programCostIdr: number | null;
  /** Distinct employees who completed those offerings. */
  readonly participants: number | null;
  /** JP earned in those offerings. */
  readonly jpDelivered: number | null;
  readonly costPerParticipantIdr: number | null;
  readonly costPerJpIdr: number | null;
  readonly roiPct: number | null;
  readonly roiNote: string | null;
  /** The ROI's caveats from the hook (e.g. `no_effect_data`: −100 % means no measured benefit). */
  readonly roiWarnings: readonly ScorecardCaveat[];
  /** Components hidden by disclosure control (small n), e.g. ['participation', 'ikm']. */
  readonly suppressed: readonly string[];
}

/**
 * The years a scorecard (and the other yearly questions: budget scenario, portfolio) may name,
 * inclusive. Outside them the figures are not data but arithmetic on empty windows (and past 9998 a
 * cohort window no longer has a date), so they are refused.
 */
export const CALENDAR_YEARS = { min: 1990, max: 2100 } as const;

type Keyed = Pick<MetricRowBase, 'keys' | 'period' | 'isTotal' | 'suppressed' | 'n'>;

/**
 * Agency rows by agency and year. A row with n = 0 is a period the metric filled in because the
 * agency has data in another year of the range: it says nothing about this year, so it is left out,
 * as it would be had the year been asked alone.
 */
function byAgencyYear<R extends Keyed>(rows: readonly R[]): Map<string, R> {
  return new Map(
    rows
      .filter((r) => !r.isTotal && r.n !== 0)
      .map((r) => [`${r.keys.agency}|${Number(r.period?.slice(0, 4))}`, r]),
  );
}

/**
 * Agency scorecard: per agency and year, headcount, participation, resistance, JP compliance, IKM,
 * SLA, budget realisation, cost per participant and per JP, and ROI.
 *
 * Batch by design: one call for N agencies × M years costs a fixed number of warehouse queries
 * (participation, resistance, JP, IKM, service times, budgets + costs: 6; participation and JP
 * compliance read each other's rows, `sharingReads`, the same two reads), which is what the API's
 * DataLoader relies on. Rates are fractions 0–1; person-based components obey disclosure control
 * (null and listed in `suppressed`); budget and cost figures are public finance and never
 * suppressed, but the people the agency's offerings trained are: 1 … minN − 1 of them hide
 * `participants`, `jpDelivered` and the costs per participant and per JP (component `training`);
 * an ROI whose participants the hook hid is listed as component `roi`. Costs are attributed to the organising agency. ROI comes from `options.roiByAgency`
 * when given, else null with a note.
 *
 * A card does not depend on what else is in the batch: the person-based metrics are computed over
 * every agency (complementary suppression is decided among all of them, not among the agencies
 * asked for), and a year's figures come from that year alone (a period the metric filled in for the
 * range counts as no data). An agency-year without any data (no headcount, no invitation, JP, IKM
 * or service row, hidden or not, no budget or cost figure) has no card: it is left out of the result.
 */
export async function agencyScorecard(
  db: Db,
  request: ScorecardRequest,
  options?: ScorecardOptions,
): Promise<AgencyScorecardRow[]> {
  const minN = resolveMinN(options);
  const years = [...new Set(request.years)].sort();
  const agencies = [...new Set(request.agencies)];
  const { min, max } = CALENDAR_YEARS;
  if (years.some((y) => !Number.isInteger(y) || y < min || y > max)) {
    throw new MetricInputError(`years must be calendar years ${min} … ${max}`, {
      reason: 'OUT_OF_RANGE',
      field: 'years',
      min,
      max,
    });
  }
  if (agencies.length === 0 || years.length === 0) return [];
  // Every agency, so that disclosure control (complements within a year's table of agencies) gives
  // each agency the same answer whichever agencies are asked for with it.
  const query: MetricQuery = {
    filter: { from: `${years[0]}-01-01`, to: `${years.at(-1)}-12-31` },
    groupBy: ['agency'],
    grain: 'year',
  };
  // Participation and JP compliance each read the other's rows (headcount-partners.ts): once here.
  const [part, resist, jp, ikm, service, money, roi] = await sharingReads(() =>
    Promise.all([
      participation(db, query, options),
      resistance(db, query, { ...options, withReasons: false }),
      jpCompliance(db, query, options),
      // Coverage: which questionnaires are about services with requests (the sample check).
      satisfaction(db, query, { ...options, coverage: true }),
      serviceTimes(db, query, options),
      moneyFigures(db, agencies, years),
      options?.roiByAgency?.({ agencies, years }),
    ]),
  );
  const maps = {
    participation: byAgencyYear(part.rows),
    resistance: byAgencyYear(resist.rows),
    jpCompliance: byAgencyYear(jp.rows),
    ikm: byAgencyYear(ikm.rows),
    serviceTimes: byAgencyYear(service.rows),
  };
  const roiMap = new Map((roi ?? []).map((r) => [`${r.agency}|${r.year}`, r]));
  const hasData = (key: string) => {
    const m = money.get(key);
    return (
      Object.values(maps).some((map) => map.has(key)) ||
      (m !== undefined && Object.values(m).some((v) => v !== null))
    );
  };
  return agencies.flatMap((agency) =>
    years.flatMap((year): AgencyScorecardRow[] => {
      const key = `${agency}|${year}`;
      if (!hasData(key)) return [];
      const p = maps.participation.get(key);
      const r = maps.resistance.get(key);
      const j = maps.jpCompliance.get(key);
      const s = maps.ikm.get(key);
      const t = maps.serviceTimes.get(key);
      const m = money.get(key);
      const roiRow = roiMap.get(key);
      // The agency's offerings trained 1 … minN − 1 people: their count and what it divides are a
      // small cell (the program costs themselves are public finance and stay).
      const fewTrained = m != null && m.participants !== null && m.participants > 0 && m.participants < minN;
      const row: AgencyScorecardRow = {
        agency,
        year,
        headcount: p?.headcount ?? null,
        participationRate: p?.rate ?? null,
        resistanceRate: r?.rate ?? null,
        jpComplianceRate: j?.rate ?? null,
        jpPerEmployee: j?.jpPerEmployee ?? null,
        ikm: s?.ikm ?? null,
        ikmMutu: s?.mutu ?? null,
        ikmSampleAdequate: ikmSampleOf(s, t),
        slaMetRate: t?.slaMetRate ?? null,
        medianServiceDays: t?.medianDays ?? null,
        budgetAllocatedIdr: m?.allocated ?? null,
        budgetRealizedIdr: m?.realized ?? null,
        budgetRealisation: ratio(m?.realized ?? null, m?.allocated ?? null),
        programCostIdr: m?.cost ?? null,
        participants: fewTrained ? null : (m?.participants ?? null),
        jpDelivered: fewTrained ? null : (m?.jp ?? null),
        costPerParticipantIdr: fewTrained ? null : ratio(m?.cost ?? null, m?.participants ?? null),
        costPerJpIdr: fewTrained ? null : ratio(m?.cost ?? null, m?.jp ?? null),
        roiPct: roiRow?.roiPct ?? null,
        roiNote: roiRow
          ? (roiRow.note ?? null)
          : 'ROI not computed: it needs an isolated effect from a cohort comparison (roiByAgency hook)',
        roiWarnings: roiRow?.warnings ?? [],
        suppressed: [
          ...Object.entries(maps)
            .filter(([, map]) => map.get(key)?.suppressed === true)
            .map(([name]) => name),
          ...(fewTrained ? ['training'] : []),
          // The agency's ROI hid its few participants (roi-disclosure.ts): its ROI % is hidden too.
          ...(roiRow?.warnings?.some((w) => w.code === 'participants_suppressed') ? ['roi'] : []),
        ],
      };
      return [row];
    }),
  );
}

/**
 * The scorecard's sample verdict from its own satisfaction and service-times rows of the agency and
 * year (the same query, so the same cells `withIkmSample` would match).
 */
function ikmSampleOf(s: SatisfactionRow | undefined, t: ServiceTimesRow | undefined): boolean | null {
  if (!s || !judgeable(s)) return null;
  return ikmSample(s.respondents, t && !t.suppressed ? t.requests : null).sampleAdequate;
}

interface Money {
  allocated: number | null;
  realized: number | null;
  cost: number | null;
  participants: number | null;
  jp: number | null;
}

/** Budgets and organiser-attributed costs for every requested agency-year, from agg_scorecard_money. */
async function moneyFigures(
  db: Db,
  agencies: readonly string[],
  years: readonly number[],
): Promise<Map<string, Money>> {
  const params: Record<string, string | number> = {};
  const list = (prefix: string, values: readonly (string | number)[]) =>
    values
      .map((v, i) => {
        params[`${prefix}${i}`] = v;
        return `$${prefix}${i}`;
      })
      .join(', ');
  const a = list('a', agencies);
  const y = list('y', years);
  const rows = await orLegacy(
    () =>
      db.all(
        `SELECT cells.agency_code, years.year, m.allocated, m.realized, m.cost, m.participants, m.jp
         FROM (SELECT unnest([${a}]) AS agency_code) cells CROSS JOIN (SELECT unnest([${y}]) AS year) years
           LEFT JOIN marts.agg_scorecard_money m ON m.agency_code = cells.agency_code AND m.year = years.year`,
        params,
      ),
    // A snapshot without agg_scorecard_money (see orLegacy): the same figures from the marts (the JP
    // rounded as there: a sum of binary fractions depends in its last bits on the order of its terms).
    () =>
      db.all(
        `WITH cells AS (
           SELECT agency_code, year FROM (SELECT unnest([${a}]) AS agency_code) CROSS JOIN (SELECT unnest([${y}]) AS year)
         ),
         b AS (SELECT agency_code, fiscal_year AS year, sum(allocated_idr) AS allocated, sum(realized_idr) AS realized
               FROM marts.fct_budgets WHERE agency_code IN (${a}) AND fiscal_year IN (${y}) GROUP BY ALL),
         c AS (SELECT organizer_agency_code AS agency_code, year, sum(amount_idr) AS cost
               FROM marts.fct_costs WHERE organizer_agency_code IN (${a}) AND year IN (${y}) GROUP BY ALL),
         o AS (SELECT offering_id, organizer_agency_code AS agency_code, year FROM marts.dim_offering
               WHERE organizer_agency_code IN (${a}) AND year IN (${y})),
         e AS (SELECT o.agency_code, o.year, count(DISTINCT e.employee_key) AS participants,
                 ${jpTotalSql('sum(e.jp_earned)')} AS jp
               FROM marts.fct_enrollments e JOIN o USING (offering_id) WHERE e.status = 'completed' GROUP BY ALL)
         SELECT cells.agency_code, cells.year, b.allocated, b.realized, c.cost, e.participants, e.jp
         FROM cells LEFT JOIN b USING (agency_code, year) LEFT JOIN c USING (agency_code, year)
           LEFT JOIN e USING (agency_code, year)`,
        params,
      ),
  );
  return new Map(
    rows.map((r) => [
      `${r.agency_code}|${r.year}`,
      {
        allocated: num(r.allocated),
        realized: num(r.realized),
        cost: num(r.cost),
        participants: r.participants === null ? null : count(r.participants),
        jp: num(r.jp),
      },
    ]),
  );
}
