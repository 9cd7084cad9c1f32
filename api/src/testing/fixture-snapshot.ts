import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  beginBuild,
  buildMetricAggregates,
  createMartTables,
  type Db,
  type SnapshotInfo,
} from '@asn/warehouse';
import { insertMartRows, type MartRow } from '@asn/warehouse/testing/seed-marts';

export { insertMartRows, type MartRow };

export const AGENCIES = ['DISDUKCAPIL', 'DINKES', 'BKPSDM'] as const;
/** A kecamatan agency `addFixtureKecamatan` adds to `dim_agency` (no employees, requests or budgets). */
export const FIXTURE_KECAMATAN = 'KEC-62.71.01';

/**
 * `publishFixture`'s `extra`: a kecamatan office with no rows of its own, a code the API knows, for
 * the refusal that needs one (KECAMATAN_BY_KELURAHAN: service times by kelurahan leave them out).
 * Not in the fixture itself, whose agency lists other tests compare whole.
 */
export async function addFixtureKecamatan(db: Db): Promise<void> {
  await insertMartRows(db, 'dim_agency', [
    {
      agency_version_id: 100,
      agency_code: FIXTURE_KECAMATAN,
      name: 'Kecamatan Pahandut',
      current_name: 'Kecamatan Pahandut',
      kind: 'kecamatan',
      valid_from: '2020-01-01',
      is_current: true,
    },
  ]);
}
export const PROGRAMS = ['PLY-PRIMA', 'DIGI-101'] as const;
const TENURE = ['<5', '5-9', '10-19', '20+'] as const;

/**
 * A tiny but complete world: 3 agencies, 2 programs, 60 employees' invitations and enrollments in
 * 2023–2024, service requests, SKM responses, budgets. Enough rows per cell that the default
 * SUPPRESSION_MIN_N (5) leaves totals visible.
 */
export async function seedFixtureMarts(db: Db, label = 'fixture'): Promise<void> {
  await createMartTables((sql) => db.exec(sql));
  await insertMartRows(
    db,
    'dim_agency',
    AGENCIES.map((code, i) => ({
      agency_version_id: i + 1,
      agency_code: code,
      name: `${code} ${label}`,
      current_name: `${code} ${label}`,
      kind: code === 'BKPSDM' ? 'badan' : 'dinas',
      valid_from: '2020-01-01',
      is_current: true,
    })),
  );
  await insertMartRows(db, 'dim_program', [
    {
      program_id: 1,
      program_code: 'PLY-PRIMA',
      title: 'Pelayanan Prima',
      competency_area: 'soft_skills',
      method: 'workshop',
      jp: 24,
    },
    {
      program_id: 2,
      program_code: 'DIGI-101',
      title: 'Literasi Digital',
      competency_area: 'it',
      method: 'e_learning',
      jp: 12,
    },
  ]);
  const invitations: MartRow[] = [];
  const enrollments: MartRow[] = [];
  const headcount: MartRow[] = [];
  let id = 0;
  for (let e = 0; e < 60; e++) {
    const agency = AGENCIES[e % 3]!;
    const program = PROGRAMS[e % 2]!;
    const tenure = TENURE[e % 4]!;
    const key = `emp${e}`;
    for (const year of [2023, 2024]) {
      headcount.push({
        employee_key: key,
        year,
        agency_code: agency,
        agency_kind: 'dinas',
        grade_group: 'III',
        tenure_band: tenure,
        employment_type: 'PNS',
      });
      id += 1;
      const response = e % 5 === 0 ? 'declined' : e % 7 === 0 ? 'no_response' : 'accepted';
      const completed = response === 'accepted' && e % 4 !== 0;
      // What an invitation and its enrollment share: the offering, its program, and the employee.
      const offered = {
        offering_id: year * 10 + (e % 2),
        program_id: (e % 2) + 1,
        program_code: program,
        method: program === 'PLY-PRIMA' ? 'workshop' : 'e_learning',
        competency_area: program === 'PLY-PRIMA' ? 'soft_skills' : 'it',
        employee_key: key,
        agency_code: agency,
        agency_kind: 'dinas',
        grade_group: 'III',
        tenure_band: tenure,
        employment_type: 'PNS',
      };
      invitations.push({
        invitation_id: id,
        ...offered,
        invited_on: `${year}-0${(e % 9) + 1}-10`,
        year,
        response,
        decline_reason: response === 'declined' ? (e % 2 ? 'workload' : 'already_experienced') : null,
        enrolled: response === 'accepted',
        enrollment_status: response === 'accepted' ? (completed ? 'completed' : 'dropped') : null,
      });
      if (response === 'accepted') {
        enrollments.push({
          enrollment_id: id,
          ...offered,
          grade: 'III/a',
          status: completed ? 'completed' : 'dropped',
          jp_earned: completed ? 24 : 0,
          start_date: `${year}-0${(e % 9) + 1}-15`,
          completed_on: completed ? `${year}-0${(e % 9) + 1}-20` : null,
          year,
          source: 'postgres',
          pre_score: 50 + (e % 10),
          post_score: 70 + (e % 10),
          reaction_relevance: 4,
          reaction_satisfaction: 4,
          reaction_facilitator: 5,
          reaction_intent_to_apply: 4,
          has_reaction: true,
        });
      }
    }
  }
  await insertMartRows(db, 'fct_headcount', headcount);
  await insertMartRows(db, 'fct_invitations', invitations);
  await insertMartRows(db, 'fct_enrollments', enrollments);
  const requests: MartRow[] = [];
  const surveys: MartRow[] = [];
  for (let r = 0; r < 120; r++) {
    const year = r % 2 ? 2024 : 2023;
    const month = String((r % 12) + 1).padStart(2, '0');
    const days = 2 + (r % 5) + (year === 2024 ? 0 : 2);
    requests.push({
      request_id: r + 1,
      service_type: r % 3 ? 'KTP-EL' : 'KK',
      agency_code: 'DISDUKCAPIL',
      handled_by_key: `emp${(r % 10) * 3}`,
      kelurahan_code: `62.71.01.100${r % 3}`,
      submitted_at: `${year}-${month}-01T02:00:00Z`,
      completed_at: `${year}-${month}-${String(1 + days).padStart(2, '0')}T02:00:00Z`,
      submitted_on: `${year}-${month}-01`,
      month_start: `${year}-${month}-01`,
      year,
      status: 'completed',
      days,
      target_days: 5,
      sla_met: days <= 5,
    });
    surveys.push({
      response_id: r + 1,
      agency_code: AGENCIES[r % 3]!,
      service_type: 'KTP-EL',
      surveyed_on: `${year}-${month}-05`,
      year,
      ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`u${i + 1}`, 3 + ((r + i) % 2)])),
    });
  }
  await insertMartRows(db, 'fct_service_requests', requests);
  await insertMartRows(db, 'fct_satisfaction', surveys);
  await insertMartRows(
    db,
    'fct_budgets',
    AGENCIES.flatMap((agency_code) =>
      [2023, 2024].map((fiscal_year) => ({
        agency_code,
        fiscal_year,
        allocated_idr: 100e6,
        realized_idr: 80e6,
      })),
    ),
  );
  await insertMartRows(
    db,
    'fct_costs',
    [2023, 2024].flatMap((year, i) =>
      PROGRAMS.map((program_code, p) => ({
        cost_id: i * 10 + p + 1,
        offering_id: year * 10 + p,
        program_id: p + 1,
        program_code,
        method: p ? 'e_learning' : 'workshop',
        competency_area: p ? 'it' : 'soft_skills',
        organizer_agency_code: 'BKPSDM',
        year,
        category: 'trainer',
        amount_idr: 15e6,
      })),
    ),
  );
  await buildMetricAggregates(db);
  await db.exec(`CREATE TABLE fixture_label AS SELECT '${label.replace(/'/g, "''")}' AS label`);
}

/** Publishes a fixture snapshot into `dir` (a full build); `extra` adds rows before it is published. */
export async function publishFixture(
  dir: string,
  label = 'fixture',
  extra?: (db: Db) => Promise<void>,
): Promise<SnapshotInfo> {
  const build = await beginBuild(dir, { mode: 'full', log: () => undefined });
  try {
    await seedFixtureMarts(build.db, label);
    await extra?.(build.db);
    return await build.publish({ label, runId: `run-${label}` });
  } catch (error) {
    await build.abort();
    throw error;
  }
}

/** A fresh temp warehouse dir with one published fixture snapshot; `cleanup` removes it. */
export async function fixtureWarehouse(extra?: (db: Db) => Promise<void>): Promise<{
  dir: string;
  snapshot: SnapshotInfo;
  cleanup(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'asn-api-'));
  const snapshot = await publishFixture(dir, 'fixture', extra);
  return { dir, snapshot, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
