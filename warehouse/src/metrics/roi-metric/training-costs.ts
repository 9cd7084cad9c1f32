import type { Db, SqlParam } from '../../db/index.ts';
import type { CohortSelector } from '../cohort/cohort-spec.ts';
import { selectorCondition } from '../cohort/cohort-units.ts';

/** Fully loaded cost inputs of the offerings of a selector, for one participants' agency (or none). */
export interface AgencyTrainingCosts {
  /** Participants' agency at the offering start; null = offerings with costs but no participants. */
  readonly agencyCode: string | null;
  /** Program cost lines (fct_costs) by category, IDR, allocated to the agency by its participant share. */
  readonly programCostsIdr: Record<string, number>;
  /** Enrollments that attended (status completed or dropped). */
  readonly participants: number;
  /**
   * Distinct employees behind those enrollments (one may attend several offerings): the persons a
   * disclosure rule counts (`participantsVerdict`).
   */
  readonly employees: number;
  /** Their employee keys (sorted), so that a sum over rows counts each employee once. */
  readonly employeeKeys: readonly string[];
  readonly completed: number;
  /** Σ planned JP × jpMinutes / 60 over attended enrollments. */
  readonly participantHours: number;
  /** Hours of participants whose grade has a dim_grade cost. */
  readonly hoursWithGradeCost: number;
  /** Σ hours × dim_grade.monthly_cost_idr over those hours (divide by working hours per month). */
  readonly hoursTimesMonthlyCostIdr: number;
}

export interface TrainingCostQuery {
  readonly selector: CohortSelector;
  /** Offerings starting in [from, to] (inclusive ISO dates) count. */
  readonly from: string;
  readonly to: string;
  /** Length of one JP in minutes (JP_MINUTES, DOMAIN §2, default 45). */
  readonly jpMinutes: number;
}

/**
 * Costs of training, per participants' agency. Which offerings: those of the selector that START in
 * [from, to] (dim_offering.starts_on). Who is a participant: an enrollment with status `completed` or
 * `dropped` (both sat in class; a no-show did not). Participant hours use the program's planned JP
 * (dim_program.jp), also for drop-outs: the conservative choice (Phillips), since we don't know when
 * they left. Program costs of an offering are split over agencies by their share of its participants,
 * so costs and benefits cover the same people; offerings without participants keep their costs under
 * agency null (a whole-program ROI counts them, an agency ROI can't attribute them).
 *
 * One query for all agencies (batch-friendly).
 */
export async function loadTrainingCosts(db: Db, q: TrainingCostQuery): Promise<AgencyTrainingCosts[]> {
  return (await queryTrainingCosts(db, q, false)).get(ALL) ?? [];
}

/**
 * `loadTrainingCosts` per program among the selector's offerings starting in the window (the
 * program portfolio): each program's entry equals `loadTrainingCosts` with that program as the
 * selector. One query.
 */
export async function loadTrainingCostsByProgram(
  db: Db,
  q: TrainingCostQuery,
): Promise<Map<string, AgencyTrainingCosts[]>> {
  return queryTrainingCosts(db, q, true);
}

const ALL = '*';

async function queryTrainingCosts(
  db: Db,
  q: TrainingCostQuery,
  byProgram: boolean,
): Promise<Map<string, AgencyTrainingCosts[]>> {
  const params: Record<string, SqlParam> = { from: q.from, to: q.to, jp_minutes: q.jpMinutes };
  const selector = selectorCondition(q.selector.kind, params, q.selector.value);
  const cohort = byProgram ? 'program_code' : `'${ALL}'`;
  const sql = `
    WITH off AS (
      SELECT offering_id, program_id, ${cohort} AS cohort FROM marts.dim_offering
      WHERE starts_on BETWEEN $from::DATE AND $to::DATE AND ${selector}
    ),
    part AS (
      SELECT off.cohort, e.offering_id, e.agency_code, e.employee_key, e.status, e.grade, p.jp * $jp_minutes / 60.0 AS hours
      FROM marts.fct_enrollments e
      JOIN off USING (offering_id)
      JOIN marts.dim_program p ON p.program_id = off.program_id
      WHERE e.status IN ('completed', 'dropped')
    ),
    share AS (
      SELECT offering_id, agency_code, count(*) / sum(count(*)) OVER (PARTITION BY offering_id) AS share
      FROM part GROUP BY offering_id, agency_code
    ),
    costs AS (
      SELECT off.cohort, s.agency_code, c.category, sum(c.amount_idr * coalesce(s.share, 1)) AS amount
      FROM marts.fct_costs c
      JOIN off USING (offering_id)
      LEFT JOIN share s USING (offering_id)
      GROUP BY ALL
    ),
    time AS (
      SELECT cohort, agency_code, count(*) AS participants,
        count(*) FILTER (WHERE status = 'completed') AS completed,
        sum(hours) AS hours,
        coalesce(sum(hours) FILTER (WHERE g.monthly_cost_idr IS NOT NULL), 0) AS hours_costed,
        coalesce(sum(hours * g.monthly_cost_idr), 0) AS hours_x_monthly
      FROM part LEFT JOIN marts.dim_grade g USING (grade)
      GROUP BY cohort, agency_code
    )
    SELECT 'cost' AS kind, cohort, agency_code, category, amount, NULL AS participants, NULL AS completed,
      NULL AS hours, NULL AS hours_costed, NULL AS hours_x_monthly, CAST(NULL AS VARCHAR[]) AS employee_keys
    FROM costs
    UNION ALL
    SELECT 'time', cohort, agency_code, NULL, NULL, participants, completed, hours, hours_costed, hours_x_monthly, NULL
    FROM time
    UNION ALL
    -- One list per cohort and agency rather than a row per employee: about 4x less to convert to JS
    -- at scale 10 (45,076 keys in 2025).
    SELECT 'employee', cohort, agency_code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, list(DISTINCT employee_key)
    FROM part WHERE employee_key IS NOT NULL GROUP BY cohort, agency_code`;
  const rows = await db.all<{
    kind: 'cost' | 'time' | 'employee';
    cohort: string;
    agency_code: string | null;
    category: string | null;
    amount: number | null;
    participants: number | null;
    completed: number | null;
    hours: number | null;
    hours_costed: number | null;
    hours_x_monthly: number | null;
    employee_keys: string[] | null;
  }>(sql, params);
  const byCohort = new Map<string, Map<string | null, AgencyTrainingCosts>>();
  const get = (cohort: string, code: string | null) => {
    const byAgency = byCohort.get(cohort) ?? new Map<string | null, AgencyTrainingCosts>();
    byCohort.set(cohort, byAgency);
    let entry = byAgency.get(code);
    if (!entry) {
      entry = {
        agencyCode: code,
        programCostsIdr: {},
        participants: 0,
        employees: 0,
        employeeKeys: [],
        completed: 0,
        participantHours: 0,
        hoursWithGradeCost: 0,
        hoursTimesMonthlyCostIdr: 0,
      };
      byAgency.set(code, entry);
    }
    return { entry, byAgency };
  };
  for (const r of rows) {
    const { entry, byAgency } = get(r.cohort, r.agency_code);
    if (r.kind === 'cost') {
      entry.programCostsIdr[r.category!] = r.amount ?? 0;
    } else if (r.kind === 'employee') {
      for (const key of r.employee_keys ?? []) (entry.employeeKeys as string[]).push(key);
    } else {
      byAgency.set(r.agency_code, {
        ...entry,
        participants: Number(r.participants),
        completed: Number(r.completed),
        participantHours: r.hours ?? 0,
        hoursWithGradeCost: r.hours_costed ?? 0,
        hoursTimesMonthlyCostIdr: r.hours_x_monthly ?? 0,
      });
    }
  }
  const sorted = new Map<string, AgencyTrainingCosts[]>();
  for (const byAgency of byCohort.values())
    for (const [code, entry] of byAgency) {
      const employeeKeys = [...entry.employeeKeys].sort();
      byAgency.set(code, { ...entry, employeeKeys, employees: employeeKeys.length });
    }
  for (const [cohort, byAgency] of byCohort)
    sorted.set(
      cohort,
      [...byAgency.values()].sort((a, b) => (a.agencyCode ?? '').localeCompare(b.agencyCode ?? '')),
    );
  return sorted;
}

/**
 * Adds up several agencies' cost inputs (a whole-program or multi-agency ROI); employees are counted
 * once however many rows they appear in.
 */
export function sumTrainingCosts(parts: readonly AgencyTrainingCosts[]): AgencyTrainingCosts {
  const programCostsIdr: Record<string, number> = {};
  let participants = 0;
  const employeeKeys = new Set<string>();
  let completed = 0;
  let participantHours = 0;
  let hoursWithGradeCost = 0;
  let hoursTimesMonthlyCostIdr = 0;
  for (const p of parts) {
    for (const [category, amount] of Object.entries(p.programCostsIdr)) {
      programCostsIdr[category] = (programCostsIdr[category] ?? 0) + amount;
    }
    participants += p.participants;
    for (const k of p.employeeKeys) employeeKeys.add(k);
    completed += p.completed;
    participantHours += p.participantHours;
    hoursWithGradeCost += p.hoursWithGradeCost;
    hoursTimesMonthlyCostIdr += p.hoursTimesMonthlyCostIdr;
  }
  return {
    agencyCode: null,
    programCostsIdr,
    participants,
    employees: employeeKeys.size,
    employeeKeys: [...employeeKeys].sort(),
    completed,
    participantHours,
    hoursWithGradeCost,
    hoursTimesMonthlyCostIdr,
  };
}
