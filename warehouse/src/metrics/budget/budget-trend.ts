import type { Db, PlainValue } from '../../db/index.ts';
import { CALENDAR_YEARS } from '../agency-scorecard.metric.ts';
import { participation } from '../guarded-metrics.ts';
import { count, num, ratio } from '../query/measures.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import type { MetricOptions } from '../query/metric-options.ts';

/** Which fiscal years and agencies the trend adds up. */
export interface BudgetTrendRequest {
  /** First fiscal year, inclusive; absent = the first year with a budget line, cost or offering. */
  readonly from?: number;
  /** Last fiscal year, inclusive; absent = the last such year. */
  readonly to?: number;
  /** Agency codes (budget holders, organisers, employers); absent or empty = the whole city. */
  readonly agencies?: readonly string[];
}

/**
 * One fiscal year of the city's (or the chosen agencies') training money beside its staff and their
 * participation: what DOMAIN names the program's first obstacle, a small training budget, and what
 * it bought. Money is public finance and never hidden; the headcount and participation rate are
 * those the published `participation` shows for the same agencies and year (null when it hides
 * them), and so is everything divided by the headcount.
 */
export interface BudgetTrendYear {
  readonly year: number;
  /** Agencies with a budget line that year. */
  readonly agencies: number;
  /** Σ allocated training budget (IDR); null when no agency has a budget line that year. */
  readonly allocatedIdr: number | null;
  /** Σ realised (spent) training budget (IDR); null as allocatedIdr. */
  readonly realizedIdr: number | null;
  /** realizedIdr / allocatedIdr (0–1, may exceed 1); null when either is null or nothing was allocated. */
  readonly realisation: number | null;
  /**
   * The change of the allocated budget on the year before, like for like: over the agencies with a
   * budget line in both years, (this year's − the year before's) / the year before's, as a fraction
   * (−0.4 = cut by 40 %); an agency whose line is missing in one of the two years is left out of
   * both, so a missing line does not read as a cut. Null when no agency has a line in both years or
   * they allocated nothing the year before.
   */
  readonly allocatedChange: number | null;
  /**
   * Σ direct costs of the offerings the agencies organised that started that year (IDR; by organiser,
   * not by budget holder: costs are recorded per offering and may be funded outside the budget lines,
   * so they can exceed them); null when none has a cost line.
   */
  readonly programCostIdr: number | null;
  /** Offerings the agencies organised that started that year. */
  readonly offerings: number;
  /** Employees on record in the agencies that year (participation's headcount); null when hidden or none. */
  readonly headcount: number | null;
  /** allocatedIdr / headcount (IDR per employee); null when either is null. */
  readonly allocatedPerEmployeeIdr: number | null;
  /** Share of that headcount who completed a training that year (0–1), as `participation` publishes it. */
  readonly participationRate: number | null;
  /** The published participation hides this year's headcount (a small cell or its complement). */
  readonly headcountSuppressed: boolean;
}

function checkYear(value: number | undefined, field: 'from' | 'to'): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < CALENDAR_YEARS.min || value > CALENDAR_YEARS.max) {
    throw new MetricInputError(
      `${field} must be a whole year from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}, got ${value}`,
      { reason: 'OUT_OF_RANGE', field, min: CALENDAR_YEARS.min, max: CALENDAR_YEARS.max },
    );
  }
}

interface MoneyYear {
  readonly year: number;
  readonly agencies: number;
  readonly allocated: number | null;
  readonly realized: number | null;
  /** Like for like: this year's and the year before's allocation of the agencies with a line in both. */
  readonly likeNow: number | null;
  readonly likeBefore: number | null;
  readonly cost: number | null;
  readonly offerings: number;
}

/** Budgets, costs and offerings per year for the agencies (all when `agencies` is empty): one query. */
async function moneyByYear(db: Db, agencies: readonly string[]): Promise<Map<number, MoneyYear>> {
  const params: Record<string, string> = {};
  const codes = agencies.map((code, i) => {
    params[`a${i}`] = code;
    return `$a${i}`;
  });
  const where = (column: string) => (codes.length === 0 ? '' : `WHERE ${column} IN (${codes.join(', ')})`);
  const rows = await db.all<Record<string, PlainValue>>(
    `WITH per_agency AS (
       SELECT agency_code, fiscal_year AS year, sum(allocated_idr) AS allocated, sum(realized_idr) AS realized
       FROM marts.fct_budgets ${where('agency_code')} GROUP BY ALL
     ),
     b AS (
       SELECT year, count(*) AS agencies, sum(allocated) AS allocated, sum(realized) AS realized
       FROM per_agency GROUP BY ALL
     ),
     l AS (
       SELECT cur.year, sum(cur.allocated) AS like_now, sum(prev.allocated) AS like_before
       FROM per_agency cur JOIN per_agency prev ON prev.agency_code = cur.agency_code AND prev.year = cur.year - 1
       GROUP BY ALL
     ),
     c AS (SELECT year, sum(amount_idr) AS cost FROM marts.fct_costs ${where('organizer_agency_code')} GROUP BY ALL),
     o AS (SELECT year, count(*) AS offerings FROM marts.dim_offering ${where('organizer_agency_code')} GROUP BY ALL)
     SELECT year, b.agencies, b.allocated, b.realized, l.like_now, l.like_before, c.cost, o.offerings
     FROM b LEFT JOIN l USING (year) FULL JOIN c USING (year) FULL JOIN o USING (year)
     WHERE year IS NOT NULL
     ORDER BY year`,
    params,
  );
  return new Map(
    rows.map((r) => {
      const year = Number(r.year);
      return [
        year,
        {
          year,
          agencies: r.agencies === null ? 0 : count(r.agencies),
          allocated: num(r.allocated),
          realized: num(r.realized),
          likeNow: num(r.like_now),
          likeBefore: num(r.like_before),
          cost: num(r.cost),
          offerings: r.offerings === null ? 0 : count(r.offerings),
        },
      ];
    }),
  );
}

/**
 * The training budget per fiscal year (DESIGN "ROI & Anggaran"; the brief's "minimnya anggaran"):
 * allocated and realised, the change on the year before (like for like), what the agencies' offerings
 * cost and how many there were, and per employee beside the participation rate, so a cut (the demo's
 * 2021) shows with the participation that followed it. One query for the money, and the published
 * `participation` (grain year, the same agencies; its guards read JP compliance, and with a list
 * the answers without it) for the headcount and rate, whose disclosure control decides theirs: a
 * hidden headcount hides the per-employee budget too, which would give it back. The budget per
 * employee divides the agencies' budget lines by all their staff, those of an agency without a line
 * that year included: `agencies` says how many had one. Every year from `from` to `to` has a row, with nulls where there is nothing; without them,
 * the years from the first to the last with a budget line, cost or offering.
 */
export async function budgetTrend(
  db: Db,
  request: BudgetTrendRequest,
  options: MetricOptions = {},
): Promise<BudgetTrendYear[]> {
  checkYear(request.from, 'from');
  checkYear(request.to, 'to');
  if (request.from !== undefined && request.to !== undefined && request.from > request.to) {
    throw new MetricInputError(`from (${request.from}) is after to (${request.to})`, {
      reason: 'RANGE_REVERSED',
      field: 'from',
      startField: 'from',
      endField: 'to',
      start: String(request.from),
      end: String(request.to),
    });
  }
  const agencies = [...new Set(request.agencies ?? [])].sort();
  const money = await moneyByYear(db, agencies);
  // The years the data has (within the years a question may name), and the bound given.
  const known = [...money.keys()].filter((y) => y >= CALENDAR_YEARS.min && y <= CALENDAR_YEARS.max);
  const first = request.from ?? Math.min(...known, ...(request.to === undefined ? [] : [request.to]));
  const last = request.to ?? Math.max(...known, ...(request.from === undefined ? [] : [request.from]));
  if (!Number.isFinite(first) || !Number.isFinite(last)) return [];

  const staff = await participation(
    db,
    {
      filter: { from: `${first}-01-01`, to: `${last}-12-31`, ...(agencies.length ? { agencies } : {}) },
      grain: 'year',
    },
    options,
  );
  const staffByYear = new Map(
    staff.rows.filter((r) => r.isTotal && r.period).map((r) => [Number(r.period!.slice(0, 4)), r]),
  );

  const out: BudgetTrendYear[] = [];
  for (let year = first; year <= last; year++) {
    const m = money.get(year);
    const s = staffByYear.get(year);
    const headcount = s && !s.suppressed && s.headcount ? s.headcount : null;
    const allocated = m?.allocated ?? null;
    out.push({
      year,
      agencies: m?.agencies ?? 0,
      allocatedIdr: allocated,
      realizedIdr: m?.realized ?? null,
      realisation: allocated ? ratio(m?.realized ?? null, allocated) : null,
      allocatedChange: m?.likeNow != null && m.likeBefore ? (m.likeNow - m.likeBefore) / m.likeBefore : null,
      programCostIdr: m?.cost ?? null,
      offerings: m?.offerings ?? 0,
      headcount,
      allocatedPerEmployeeIdr: allocated !== null && headcount ? allocated / headcount : null,
      participationRate: s && !s.suppressed ? s.rate : null,
      headcountSuppressed: s?.suppressed ?? false,
    });
  }
  return out;
}
