import type { SourceTableName } from '../source-schema/catalog.ts';
import { type AgencyVersion, buildAgencies } from './agencies.ts';
import { APPRAISAL_COLUMNS, type AppraisalTruth, generateAppraisals } from './appraisals.ts';
import {
  day,
  dayOfTimestamp,
  isoDate,
  WORLD_END,
  WORLD_START,
  WORLD_YEARS,
  wibTimestamp,
  yearOf,
} from './calendar.ts';
import {
  ASSIGNMENT_COLUMNS,
  assignmentOn,
  assignmentRows,
  EMPLOYEE_COLUMNS,
  employeeRows,
  generateEmployees,
} from './employees.ts';
import { type DemoManifest, MANIFEST_VERSION } from './manifest.ts';
import { buildOfferings, OFFERING_COLUMNS, offeringRows } from './offerings.ts';
import { plantedEffects } from './planted-summary.ts';
import { Prng } from './prng.ts';
import { buildPrograms, PROGRAM_COLUMNS, programRows } from './programs.ts';
import { BUDGET_COLUMNS, budgetRows, SALARY_COLUMNS, salaryRows } from './reference-tables.ts';
import { loadRegions } from './regions.ts';
import { generateSatisfaction, SATISFACTION_COLUMNS } from './satisfaction.ts';
import { SERVICE_LEVEL_COLUMNS, serviceLevelRows } from './service-levels.ts';
import { type HandlingTimeTruth, SERVICE_REQUEST_COLUMNS, serviceRequestChunks } from './service-requests.ts';
import {
  ASSESSMENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  generateTraining,
  INVITATION_COLUMNS,
  LMS_ACCOUNT_COLUMNS,
  LMS_ACTIVITY_COLUMNS,
  PROGRAM_COST_COLUMNS,
  REACTION_COLUMNS,
} from './training.ts';

/**
 * The deterministic demo world: Kota Palangka Raya 2021–2025 with planted effects.
 *
 * Everything but service_requests is built in memory (≈ 0.5 M rows at scale 1); requests
 * are produced lazily in chunks each time `chunks()` is called (same rows every time), so
 * scale 10's ≈ 10 M requests never sit in memory at once. Tables are listed parents first.
 */
export interface DemoTable {
  readonly name: SourceTableName;
  readonly columns: readonly string[];
  /** Row count when known up front (every table but service_requests). */
  readonly count: number | null;
  chunks(chunkSize?: number): Iterable<unknown[][]>;
}

export interface DemoWorld {
  readonly scale: number;
  readonly seed: string | number;
  readonly tables: readonly DemoTable[];
  /** The answer key. Drains the request stream first if no one has yet. */
  manifest(): DemoManifest;
}

export interface DemoOptions {
  readonly scale: number;
  readonly seed: string | number;
}

export const DEFAULT_CHUNK_ROWS = 25_000;

export async function generateDemoWorld({ scale, seed }: DemoOptions): Promise<DemoWorld> {
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new Error(`scale must be a positive number, got ${scale}`);
  const rng = new Prng(seed, 'demo-world/v1');
  const regions = await loadRegions();
  const agencies = buildAgencies(regions);
  const employees = generateEmployees(rng, agencies, scale);
  const programs = buildPrograms();
  const { offerings, cohorts } = buildOfferings(rng, programs, employees, agencies, scale);
  const training = generateTraining(rng, offerings, employees);
  const appraisals = generateAppraisals(rng, employees, training.plyPrimaCompletedYear);
  const budgets = budgetRows(rng, agencies, employees);
  const satisfaction = generateSatisfaction(rng, agencies, regions, scale, isoDate);

  const handling: { value?: HandlingTimeTruth } = {};
  const requestInputs = {
    rng,
    agencies,
    regions,
    employees,
    scale,
    plyPrimaEffectFrom: training.plyPrimaEffectFrom,
    placeboEffectFrom: training.placeboEffectFrom,
  };
  const tables: DemoTable[] = [
    memory(
      'agencies',
      ['id', 'code', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to', 'updated_at'],
      agencyRows(agencies.versions),
    ),
    memory('employees', EMPLOYEE_COLUMNS, employeeRows(employees)),
    memory('employee_assignments', ASSIGNMENT_COLUMNS, assignmentRows(employees)),
    memory('programs', PROGRAM_COLUMNS, programRows(programs)),
    memory('offerings', OFFERING_COLUMNS, offeringRows(offerings, isoDate)),
    memory('invitations', INVITATION_COLUMNS, training.invitations),
    memory('enrollments', ENROLLMENT_COLUMNS, training.enrollments),
    memory('assessments', ASSESSMENT_COLUMNS, training.assessments),
    memory('reactions', REACTION_COLUMNS, training.reactions),
    memory('appraisals', APPRAISAL_COLUMNS, appraisals.rows),
    memory('service_levels', SERVICE_LEVEL_COLUMNS, serviceLevelRows()),
    {
      name: 'service_requests',
      columns: SERVICE_REQUEST_COLUMNS,
      count: null,
      chunks: (chunkSize = DEFAULT_CHUNK_ROWS) => ({
        [Symbol.iterator]: () => serviceRequestChunks(requestInputs, chunkSize, handling),
      }),
    },
    memory('satisfaction_responses', SATISFACTION_COLUMNS, satisfaction.rows),
    memory('program_costs', PROGRAM_COST_COLUMNS, training.programCosts),
    memory('training_budgets', BUDGET_COLUMNS, budgets.rows),
    memory('salary_scale', SALARY_COLUMNS, salaryRows()),
    memory('lms_accounts', LMS_ACCOUNT_COLUMNS, training.lmsAccounts),
    memory('lms_activities', LMS_ACTIVITY_COLUMNS, training.lmsActivities),
  ];

  // Participation (planted d), defined as the metric defines it: of the employees on the 30 June
  // census, the share with ≥ 1 enrollment completed (WIB date) in that year.
  const completedIn = new Map<number, Set<number>>();
  for (const row of training.enrollments) {
    const completedAt = row[5] as number | null;
    if (row[3] !== 'completed' || completedAt === null) continue;
    const year = yearOf(dayOfTimestamp(completedAt));
    const set = completedIn.get(year) ?? new Set<number>();
    set.add(row[2] as number);
    completedIn.set(year, set);
  }
  const participation: Record<number, number> = {};
  for (const year of WORLD_YEARS) {
    const census = employees.filter((e) => assignmentOn(e, day(year, 6, 30)));
    const done = completedIn.get(year) ?? new Set<number>();
    participation[year] = round4(census.filter((e) => done.has(e.id)).length / census.length);
  }

  return {
    scale,
    seed,
    tables,
    manifest() {
      if (!handling.value) for (const _ of serviceRequestChunks(requestInputs, 100_000, handling));
      const handlingTruth = handling.value as HandlingTimeTruth;
      const counts: Partial<Record<SourceTableName, number>> = {};
      for (const t of tables) counts[t.name] = t.count ?? handlingTruth.requests;
      return {
        version: MANIFEST_VERSION,
        generator: 'asn-evaluasi demo world (etl/src/demo)',
        seed,
        scale,
        world: {
          city: 'Kota Palangka Raya (Kemendagri 62.71, BPS 6271)',
          from: isoDate(WORLD_START),
          to: isoDate(WORLD_END),
          timeZone: 'Asia/Jakarta (WIB, UTC+7); timestamps are generated in WIB',
          asOf: new Date(wibTimestamp(WORLD_END + 1, 0) * 1000).toISOString(),
        },
        conventions: {
          validTo:
            'agencies.valid_to and employee_assignments.ended_on are the last day (inclusive) of a version/posting',
          tenure: 'whole years from employees.appointed_on (CPNS TMT for PNS) to the invitation date',
          tenureBands: '<5, 5-9, 10-19, 20+',
          handlingDays: '(completed_at − submitted_at) in days, completed requests only',
          treatmentStart: 'first day of the month after the PLY-PRIMA completion date (WIB)',
          l2Gain: 'post − pre of completed enrollments (both tests present)',
          ikm: 'IKM = mean of the nine unsur means × 25 (weight exactly 1/9)',
          scale:
            'scale N multiplies every agency headcount, offerings per year, SKM respondents and request volumes by N; agencies, programs, services and kelurahan stay the same',
        },
        counts,
        effects: plantedEffects({
          handling: handlingTruth,
          appraisal: appraisals.truth as AppraisalTruth,
          tallies: training.tallies,
          cohorts,
          plyPrimaCompleters: training.plyPrimaEffectFrom.size,
          placeboCompleters: training.placeboEffectFrom.size,
          allocatedByYear: budgets.allocatedByYear,
          participationByYear: participation,
          ikm: satisfaction.truth,
        }),
      };
    },
  };
}

function memory(name: SourceTableName, columns: readonly string[], rows: unknown[][]): DemoTable {
  return {
    name,
    columns,
    count: rows.length,
    *chunks(chunkSize = DEFAULT_CHUNK_ROWS) {
      for (let i = 0; i < rows.length; i += chunkSize) yield rows.slice(i, i + chunkSize);
    },
  };
}

function agencyRows(versions: readonly AgencyVersion[]): unknown[][] {
  return versions.map((v) => [
    v.id,
    v.code,
    v.name,
    v.kind,
    v.parentId,
    isoDate(v.validFrom),
    v.validTo === null ? null : isoDate(v.validTo),
    wibTimestamp(v.validTo === null ? v.validFrom : v.validTo + 1, 8),
  ]);
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
