import { readFactCoverage } from '../../catalog/coverage.ts';
import type { Db } from '../../db/index.ts';
import { computeRoi, type RoiRange } from '../../roi/index.ts';
import { CALENDAR_YEARS } from '../agency-scorecard.metric.ts';
import { type CohortAnalysis, cohortAnalysis, DEFAULT_MIN_CELL_SIZE } from '../cohort/cohort-comparison.ts';
import type { CohortOptions } from '../cohort/cohort-spec.ts';
import { participation } from '../participation.metric.ts';
import type { EffectEvidence } from '../portfolio/program-portfolio.ts';
import { type ProgramEffect, programEffectsWithCoverage } from '../program-effects/program-effects.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import {
  DEFAULT_JP_MINUTES,
  mergeAssumptions,
  priceParticipantTime,
} from '../roi-metric/participant-time.ts';
import { checkRoiAssumptions } from '../roi-metric/roi-assumption-bounds.ts';
import { hideGradeMix, participantsVerdict } from '../roi-metric/roi-disclosure.ts';
import { daysSavedFromDid } from '../roi-metric/roi-from-parts.ts';
import type { RoiEchoedAssumption, RoiMetricAssumptions } from '../roi-metric/roi-spec.ts';
import {
  type AgencyTrainingCosts,
  loadTrainingCosts,
  sumTrainingCosts,
} from '../roi-metric/training-costs.ts';
import { budgetCaveats } from './budget-caveats.ts';
import {
  BUDGET_MAX_IDR,
  type BudgetCaveat,
  type BudgetPastCohort,
  type BudgetScenarioResult,
  type BudgetScenarioSpec,
} from './budget-scenario-spec.ts';
import { poolFixedEffect } from './pool-effects.ts';

const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

interface YearEvidence {
  readonly year: number;
  readonly analysis: CohortAnalysis;
  readonly costs: readonly AgencyTrainingCosts[];
  /** The program's row in the year's joint model (isolation `joint` only). */
  readonly joint: ProgramEffect | null;
  /** The year's effect as the spec's isolation prices it; null = not usable. */
  readonly effect: { readonly estimate: number; readonly se: number; readonly ci: RoiCi } | null;
}

type RoiCi = NonNullable<CohortAnalysis['result']['did']['ci']>;

/** The agency's staff: employees on 30 June of `year` (fct_headcount); year null = none on record. */
interface AgencyStaff {
  readonly year: number | null;
  readonly employees: number;
}

/**
 * The agency's headcount of the budget year, else of the latest earlier year the data has, else of
 * its first year (a budget year before the data); without a budget year, the latest. One query.
 */
async function loadAgencyStaff(db: Db, agencyCode: string, year: number | undefined): Promise<AgencyStaff> {
  const rows = await db.all<{ year: number; employees: number | bigint }>(
    `SELECT year, count(*) AS employees FROM marts.fct_headcount WHERE agency_code = $agency
     GROUP BY year ORDER BY year`,
    { agency: agencyCode },
  );
  const upTo = rows.filter((r) => year === undefined || r.year <= year);
  const row = upTo.at(-1) ?? rows[0];
  return row ? { year: Number(row.year), employees: Number(row.employees) } : { year: null, employees: 0 };
}

/**
 * Whether the published `participation` by agency (grain year, every agency: the table the agency
 * scorecard shows too) hides the agency's headcount of `year`: as a small cell or as a complement of
 * one. Disclosure control of the seat cap follows that table, not the count itself: hiding only
 * counts of 1 … minCell − 1 here would say which of the table's hidden rows are the small ones
 * (it never tells), and so pin them. One query (the table of the year).
 */
async function publishedHeadcountHidden(
  db: Db,
  agencyCode: string,
  year: number,
  minCell: number,
): Promise<boolean> {
  const table = await participation(
    db,
    { filter: { from: `${year}-01-01`, to: `${year}-12-31` }, groupBy: ['agency'], grain: 'year' },
    { minN: minCell },
  );
  const row = table.rows.find((r) => !r.isTotal && r.keys.agency === agencyCode);
  // No row: the table has no headcount for the agency, so the count read here is 0 as well.
  return row?.suppressed ?? false;
}

/**
 * Completed requests with a recorded handler whom the agency's service units employed, in the 12
 * months before `cutoff`, or before the end of the service data when it ends earlier
 * (agg_handler_month: each handler-month counted for the unit the handler worked for most that
 * month); null when there is no service data before `cutoff`. Requests without a handler are left
 * out on purpose: the cap bounds the requests trained staff could speed up, and the volume per seat
 * it caps is counted from handlers' requests the same way. One query.
 */
async function loadAgencyRequests(db: Db, agencyCode: string, cutoff: string): Promise<number | null> {
  const [row] = await db.all<{ upto: unknown; completed: number | bigint | null }>(
    `WITH bound AS (
       SELECT CAST(max(month_start) + INTERVAL 1 MONTH AS DATE) AS upto
       FROM marts.agg_handler_month WHERE month_start < $cutoff::DATE
     )
     SELECT bound.upto, sum(h.completed) AS completed
     FROM bound LEFT JOIN marts.agg_handler_month h
       ON h.agency_code = $agency AND h.month_start < bound.upto
       AND h.month_start >= CAST(bound.upto - INTERVAL 12 MONTH AS DATE)
     GROUP BY bound.upto`,
    { agency: agencyCode, cutoff },
  );
  if (!row || row.upto === null) return null;
  return Number(row.completed ?? 0);
}

/**
 * The effect a scenario prices from its usable past years' estimates (service days, negative =
 * faster): one year's with its own (t) CI, several pooled (fixed effect, normal CI at `level`); the
 * days saved per request with the conservative clamps of `daysSavedFromDid`; and what that CI shows,
 * as the portfolio's `effectEvidence` judges a cohort (`not_estimated` when nothing is priced).
 */
export function pricedEffect(
  effects: readonly { readonly estimate: number; readonly se: number; readonly ci: RoiCi }[],
  level?: number,
): { saved: RoiRange | null; ci: RoiCi | null; evidence: EffectEvidence } {
  let saved: RoiRange | null = null;
  let ci: RoiCi | null = null;
  if (effects.length === 1) {
    ci = effects[0]!.ci;
    saved = daysSavedFromDid(effects[0]!.estimate, ci);
  } else if (effects.length > 1) {
    const pooled = poolFixedEffect(
      effects.map((e) => ({ estimate: e.estimate, se: e.se })),
      level,
    );
    ci = pooled?.ci ?? null;
    saved = pooled && daysSavedFromDid(pooled.estimate, pooled.ci);
  }
  if (saved === null || ci === null) return { saved: null, ci: null, evidence: 'not_estimated' };
  const evidence: EffectEvidence = ci.high < 0 ? 'faster' : ci.low > 0 ? 'slower' : 'inconclusive';
  return { saved, ci, evidence };
}

/** A finite double ≥ 0 as the exact fraction num / den it is (den a power of 2; doubling is exact). */
function exactFraction(x: number): { num: bigint; den: bigint } {
  let den = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    den *= 2n;
  }
  return { num: BigInt(v), den };
}

/**
 * num / den ≥ 0 as a double: the whole part exactly (below 2^53 here: at most the budget), the rest
 * to 64 binary places, so exact when the quotient is a whole number.
 */
function fractionToNumber(num: bigint, den: bigint): number {
  return Number(num / den) + Number(((num % den) << 64n) / den) / 2 ** 64;
}

export interface BudgetSeats {
  /** Seats the budget pays for: ⌊budget × participants / program costs⌋. */
  readonly affordable: number;
  /** Seats priced: `affordable`, at most the headcount. */
  readonly seats: number;
  readonly capped: boolean;
  /** Cash cost of the priced seats: seats × program costs / participants. */
  readonly spentIdr: number;
  /** budget − spentIdr (≥ 0): the rest of a seat's cost, and what the cap leaves. */
  readonly leftoverIdr: number;
}

/**
 * What a budget buys at programCostsIdr / participants a seat, at most `headcount` seats, decided
 * in exact rational arithmetic. In doubles the cost per seat is rounded (5,001,000 / 7 =
 * 714,428.5714285715, a little more than a seventh), so ⌊5,001,000 / it⌋ is 6 seats with
 * 714,428.57 left where the budget pays exactly 7 (numerical audit: likewise 13 seats for
 * 10,002,000, not 14, and 48 for Rp 1,000,000 at 1,000,000 over 49 participants). Here the
 * seats are ⌊budget × participants / costs⌋ in integers and the leftover is the exact rational
 * budget − seats × costs / participants, converted to a double only at the end: a fraction of a
 * rupiah when a seat's cost is one (it is an average), kept rather than rounded to a rupiah, as the
 * budget not spent; a budget of whole seats leaves exactly 0.
 *
 * `programCostsIdr` a whole number of rupiah > 0, `participants` a whole number > 0, `budgetIdr`
 * 0 … BUDGET_MAX_IDR (any double: a fractional budget is taken exactly too).
 */
export function seatsForBudget(
  budgetIdr: number,
  programCostsIdr: number,
  participants: number,
  headcount: number,
): BudgetSeats {
  const costs = BigInt(programCostsIdr);
  const people = BigInt(participants);
  const budget = exactFraction(budgetIdr);
  // budget / (costs / people) = budget.num × people / (budget.den × costs), floored.
  const affordable = (budget.num * people) / (budget.den * costs);
  const capped = affordable > BigInt(headcount);
  const seats = capped ? BigInt(headcount) : affordable;
  // leftover = budget.num / budget.den − seats × costs / people, over the common denominator.
  const den = budget.den * people;
  const spent = seats * costs * budget.den;
  return {
    affordable: Number(affordable),
    seats: Number(seats),
    capped,
    spentIdr: fractionToNumber(seats * costs, people),
    leftoverIdr: fractionToNumber(budget.num * people - spent, den),
  };
}

/** The spec's budget and year, checked (MetricInputError, so the API reports a caller mistake). */
function checkSpec(spec: BudgetScenarioSpec): void {
  if (!(Number.isFinite(spec.budgetIdr) && spec.budgetIdr >= 0 && spec.budgetIdr <= BUDGET_MAX_IDR))
    throw new MetricInputError(`budgetIdr must be an amount from 0 to ${BUDGET_MAX_IDR} IDR`, {
      reason: 'OUT_OF_RANGE',
      field: 'budgetIdr',
      min: 0,
      max: BUDGET_MAX_IDR,
    });
  const { min, max } = CALENDAR_YEARS;
  if (spec.year !== undefined && !(Number.isInteger(spec.year) && spec.year >= min && spec.year <= max))
    throw new MetricInputError(`year must be a calendar year ${min} … ${max}`, {
      reason: 'OUT_OF_RANGE',
      field: 'year',
      min,
      max,
    });
}

/**
 * What a training budget buys (DESIGN "budget scenario"), for one agency and one program:
 *
 * - Seats = ⌊budget / historic cash cost per participant⌋ (in exact arithmetic, `seatsForBudget`),
 *   cost per participant = all past program costs (fct_costs of offerings starting before the budget
 *   year, in whole rupiah) / past participants (attended: completed or dropped). Participants' time
 *   is NOT charged to the budget (salaries are paid anyway), but it is in the scenario's fully loaded
 *   cost for ROI, priced at the past participants' grade mix and JP hours per participant.
 * - Expected effect, per past completion year (12-month windows): with `isolation: 'cohort'`
 *   (default) the service-days DiD of the cohort comparison (the spec's contrast); with `joint` the
 *   program's coefficient in that year's joint model (`programEffects`, one indicator per program),
 *   so what the same staff's other programs did is not counted as this one's. One usable year → its
 *   t CI; several → fixed-effect inverse-variance pooling (normal CI). Program-wide, since one
 *   agency's cohorts are too small to estimate alone.
 * - Volume per seat: completed requests per year of the past trained handlers of THIS agency / its
 *   past participants, in the usable cohort years; the whole program's when the agency has none.
 * - Caps, so a large budget does not price what the agency cannot use: seats at most the agency's
 *   headcount (one seat per employee: fct_headcount of the budget year, or the nearest the data has;
 *   staff who took the program before still count, since whether a second seat helps is not
 *   measured), and the priced volume (seats × volume per seat) at most the completed requests with a
 *   recorded handler of the agency's service units in the last 12 months of data before the budget
 *   year (requests nobody is recorded as handling are not counted: no training can speed them up). Each cap is
 *   reported (`seatsCapped`, `volumeCapped`) with a caveat; the budget the cap leaves is in
 *   `leftoverIdr`, and costs are those of the priced seats.
 * - ROI: `computeRoi` on the scenario (seats × cost, seats × hours, priced volume × days saved),
 *   with the same conservative rules as `roi`; no usable cohort → no benefit (Phillips).
 * - Evidence: what the CI of the effect priced shows (`evidence`). When it contains 0 the caveat
 *   effect_ci_includes_zero (as `roi` warns) comes first: the base and high ROI then price an effect
 *   that may be nil; a CI wholly above 0 (slower) gives effect_adverse.
 *
 * Assumptions are `roi`'s (`RoiMetricAssumptions`, within `ROI_ASSUMPTION_BOUNDS`), priced the same
 * way (`priceParticipantTime`, `computeRoi`) and echoed in `assumptions` (source override when set).
 *
 * Budget 0 … BUDGET_MAX_IDR, year within CALENDAR_YEARS and assumptions within their bounds, else
 * MetricInputError.
 *
 * Queries: 4 + 2 per past completion year, 1 more for the published headcount table; with `joint` 1 + 2 per year more (the coverage, the models).
 */
export async function budgetScenario(
  db: Db,
  spec: BudgetScenarioSpec,
  assumptions: RoiMetricAssumptions = {},
  options: CohortOptions = {},
): Promise<BudgetScenarioResult> {
  checkSpec(spec);
  // The same bounds as `roi` (a share outside 0 … 1 would price a benefit larger than the effect).
  checkRoiAssumptions(assumptions, 'assumptions');
  const selector = { kind: 'program' as const, value: spec.programCode };
  const cutoff = spec.year === undefined ? '9999-12-31' : `${spec.year}-01-01`;
  const jpMinutes = assumptions.jpMinutes ?? DEFAULT_JP_MINUTES;
  const historyCosts = sumTrainingCosts(
    await loadTrainingCosts(db, { selector, from: '0001-01-01', to: dayBefore(cutoff), jpMinutes }),
  );
  const years = (
    await db.all<{ year: number }>(
      `SELECT DISTINCT year(completed_on) AS year FROM marts.fct_enrollments
       WHERE program_code = $program AND status = 'completed' AND completed_on < $cutoff::DATE ORDER BY 1`,
      { program: spec.programCode, cutoff },
    )
  ).map((r) => r.year);

  const staff = await loadAgencyStaff(db, spec.agencyCode, spec.year);
  const agencyRequestsPerYear = await loadAgencyRequests(db, spec.agencyCode, cutoff);

  const isolation = spec.isolation ?? 'cohort';
  const coverage = isolation === 'joint' ? await readFactCoverage(db, 'fct_service_requests') : null;
  const evidence: YearEvidence[] = [];
  for (const year of years) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const analysis = await cohortAnalysis(
      db,
      { selector, from, to, outcome: 'service_days', ...(spec.contrast ? { contrast: spec.contrast } : {}) },
      options,
    );
    const costs = await loadTrainingCosts(db, { selector, from, to, jpMinutes });
    const joint =
      isolation === 'joint'
        ? ((
            await programEffectsWithCoverage(
              db,
              { from, to, outcome: 'service_days', by: 'program' },
              options,
              coverage,
            )
          ).programs.find((p) => p.programCode === spec.programCode) ?? null)
        : null;
    const estimate =
      isolation === 'joint' ? joint?.effect : analysis.result.suppressed ? null : analysis.result.did;
    const effect =
      estimate?.estimate != null && estimate.se != null && estimate.ci != null
        ? { estimate: estimate.estimate, se: estimate.se, ci: estimate.ci }
        : null;
    evidence.push({ year, analysis, costs, joint, effect });
  }
  const cohorts: BudgetPastCohort[] = evidence.map(({ year, analysis: { result }, joint, effect }) => ({
    year,
    didDays: result.did.estimate,
    se: result.did.se,
    ci: result.did.ci,
    n: result.n,
    suppressed: result.suppressed,
    joint,
    pooled: effect !== null,
  }));
  const usable = evidence.filter((e) => e.effect !== null);

  const caveats: BudgetCaveat[] = [];
  const effects = usable.map((e) => e.effect!);
  const { saved, ci: pricedCi, evidence: effectEvidence } = pricedEffect(effects, options.level);
  // First, as the figures' main caveat: a planner must not read a base ROI as a shown return.
  if (effectEvidence === 'inconclusive') caveats.push(budgetCaveats.effectCiIncludesZero(pricedCi!));
  if (effectEvidence === 'slower') caveats.push(budgetCaveats.effectAdverse(pricedCi!));
  // What a priced year's cohort says qualifies its effect (as `roi` warns).
  const qualifying = new Set(usable.flatMap((e) => e.analysis.result.warnings.map((w) => w.code)));
  if (qualifying.has('few_agencies')) caveats.push(budgetCaveats.fewAgencies());
  if (qualifying.has('diverging_pre_trends')) caveats.push(budgetCaveats.divergingPreTrends());
  if (effects.length > 1) caveats.push(budgetCaveats.pooledCohorts(usable.length));
  if (saved === null) caveats.push(budgetCaveats.noEffectHistory());

  // Volume per seat: the agency's own past participants when it has any in the usable years.
  const volumeOf = (agency: string | null) =>
    usable.reduce((s, e) => {
      const v = agency === null ? e.analysis.matched : e.analysis.matchedByAgency.get(agency);
      return s + (v?.postCompleted ?? 0);
    }, 0);
  const rowsOf = (agency: string | null) =>
    usable.flatMap((e) =>
      e.costs.filter((c) => (agency === null ? c.agencyCode !== null : c.agencyCode === agency)),
    );
  const participantsOf = (agency: string | null) => sumTrainingCosts(rowsOf(agency)).participants;
  const minCell = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  // Disclosure control (as an ROI's participants, `roi-disclosure.ts`): 1 … minCell − 1 past
  // participants of the program, or distinct employees behind them, are not shown, nor what is
  // priced per participant from them.
  const historyHidden = participantsVerdict(historyCosts, [], minCell) !== null;
  // The agency's own volume per seat only from enough of its own past participants, counted as
  // enrollments and as distinct employees: a few people's requests per head would be theirs.
  const agencyHistory = sumTrainingCosts(rowsOf(spec.agencyCode));
  const agencyParticipants = agencyHistory.participants;
  // And only from enough matched trained handlers in every usable year it has any: the volume is
  // their completed requests, and requestsPerSeatPerYear × the participants `roi` publishes gives it
  // back (one handler's 104 requests on the demo); a year of its own, since budget years differ by
  // the years they pool.
  const fewHandlers = usable.some((e) => {
    const handlers = e.analysis.matchedByAgency.get(spec.agencyCode)?.handlers ?? 0;
    return handlers > 0 && handlers < minCell;
  });
  const volumeBasis =
    agencyParticipants >= minCell && agencyHistory.employees >= minCell && !fewHandlers
      ? 'agency'
      : 'program';
  if (volumeBasis === 'program') caveats.push(budgetCaveats.noAgencyHistory());
  const basisParticipants = volumeBasis === 'agency' ? agencyParticipants : participantsOf(null);
  const requestsPerSeatPerYear =
    basisParticipants > 0
      ? volumeOf(volumeBasis === 'agency' ? spec.agencyCode : null) / basisParticipants
      : 0;

  const priced = priceParticipantTime(historyCosts, assumptions);
  // Whole rupiah: fct_costs amounts are (an ETL rule), but each offering's cost is split over the
  // participants' agencies by their share in doubles and summed back, which leaves noise
  // (1,000,000 × 1/7 + 1,000,000 × 6/7 = 999,999.9999999999). The true total is whole, so rounding
  // restores it; the seats below are decided in integers on it (`seatsForBudget` takes whole rupiah).
  const programCostsIdr = Math.round(Object.values(historyCosts.programCostsIdr).reduce((s, v) => s + v, 0));
  const hasCostHistory = historyCosts.participants > 0 && programCostsIdr > 0 && !historyHidden;
  const costPerParticipantIdr = hasCostHistory ? programCostsIdr / historyCosts.participants : null;
  const hoursPerParticipant =
    historyCosts.participants > 0 && !historyHidden
      ? historyCosts.participantHours / historyCosts.participants
      : null;

  // Hidden as the published participation table of that year hides it (a small cell or a complement,
  // in the same words); a count of 1 … minCell − 1 always is (the table hides it too).
  const headcountHidden =
    staff.year !== null &&
    staff.employees > 0 &&
    (staff.employees < minCell || (await publishedHeadcountHidden(db, spec.agencyCode, staff.year, minCell)));
  const headcount = staff.year === null || headcountHidden ? null : staff.employees;
  let seats: number | null = null;
  let seatsCapped = false;
  let leftoverIdr: number | null = null;
  let requestsPerYear = 0;
  let volumeCapped = false;
  let roi: BudgetScenarioResult['roi'] = null;
  let assumptionsOut: RoiEchoedAssumption[] = [...priced.assumptions];
  // A hidden headcount hides every figure the seat cap would bound it by: capped or not, the seats
  // and the leftover at any budget would tell it (by bisection if need be).
  if (historyHidden) {
    caveats.unshift(budgetCaveats.historySuppressed());
    assumptionsOut = hideGradeMix(assumptionsOut);
  } else if (headcountHidden) {
    caveats.unshift(budgetCaveats.headcountSuppressed());
  } else if (costPerParticipantIdr === null) {
    caveats.unshift(budgetCaveats.noCostHistory());
  } else {
    // Exactly, from the whole-rupiah total rather than the rounded cost per seat (`seatsForBudget`).
    const bought = seatsForBudget(
      spec.budgetIdr,
      programCostsIdr,
      historyCosts.participants,
      staff.employees,
    );
    const { affordable } = bought;
    seatsCapped = bought.capped;
    seats = bought.seats;
    leftoverIdr = bought.leftoverIdr;
    if (staff.year === null) caveats.push(budgetCaveats.noHeadcount());
    else if (seatsCapped)
      caveats.push(budgetCaveats.seatsCapped(affordable, seats, headcount, staff.year, leftoverIdr));
    if (affordable === 0) caveats.push(budgetCaveats.belowOneSeat());
    const wanted = seats * requestsPerSeatPerYear;
    volumeCapped = agencyRequestsPerYear !== null && wanted > agencyRequestsPerYear;
    requestsPerYear = volumeCapped ? agencyRequestsPerYear! : wanted;
    if (volumeCapped) caveats.push(budgetCaveats.volumeCapped(wanted, agencyRequestsPerYear!));
    const lib = computeRoi(
      {
        programCostsIdr: { seats: bought.spentIdr },
        participantHours: seats * (hoursPerParticipant ?? 0),
        benefits: [
          {
            name: 'citizen days saved',
            effect: saved,
            effectUnit: 'days saved per request',
            volumePerYear: requestsPerYear,
          },
        ],
      },
      priced.parameters,
    );
    roi = { costs: lib.costs, low: lib.low, base: lib.base, high: lib.high };
    assumptionsOut = mergeAssumptions(lib.assumptions, priced);
  }

  return {
    agencyCode: spec.agencyCode,
    programCode: spec.programCode,
    budgetIdr: spec.budgetIdr,
    year: spec.year ?? null,
    isolation,
    history: {
      participants: historyHidden ? null : historyCosts.participants,
      programCostsIdr,
      costPerParticipantIdr,
      hoursPerParticipant,
      hourlyCostIdr: historyHidden ? null : priced.hourlyCostIdr,
      cohorts,
    },
    seats,
    seatsCapped,
    headcount,
    headcountYear: staff.year,
    leftoverIdr,
    daysSavedPerRequest: saved,
    evidence: effectEvidence,
    requestsPerSeatPerYear,
    volumeBasis,
    agencyRequestsPerYear,
    requestsPerYear,
    volumeCapped,
    roi,
    assumptions: assumptionsOut,
    caveats,
  };
}
