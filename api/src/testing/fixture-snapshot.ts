import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AppendValue,
  beginBuild,
  createMartTables,
  type Db,
  martSpec,
  type SnapshotInfo,
} from '@asn/warehouse';

export type MartRow = Readonly<Record<string, AppendValue>>;

function filler(type: string): AppendValue {
  if (type === 'DATE') return '2000-01-01';
  if (type.startsWith('TIMESTAMP')) return '2000-01-01T00:00:00Z';
  if (type === 'BOOLEAN') return false;
  if (type === 'VARCHAR') return '';
  return 0;
}

/** Appends rows naming only the columns a test cares about; the rest get NULL or a neutral filler. */
export async function insertMartRows(db: Db, mart: string, rows: readonly MartRow[]): Promise<void> {
  const spec = martSpec(mart);
  await db.appendRows(
    `marts.${mart}`,
    spec.columns.map((c) => c.name),
    rows.map((row) => spec.columns.map((c) => row[c.name] ?? (c.nullable ? null : filler(c.type)))),
  );
}

export const AGENCIES = ['DISDUKCAPIL', 'DINKES', 'BKPSDM'] as const;
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
      invitations.push({
        invitation_id: id,
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
  await db.exec(`CREATE TABLE fixture_label AS SELECT '${label.replace(/'/g, "''")}' AS label`);
}

/** Publishes a fixture snapshot into `dir` (a full build). */
export async function publishFixture(dir: string, label = 'fixture'): Promise<SnapshotInfo> {
  const build = await beginBuild(dir, { mode: 'full', log: () => undefined });
  try {
    await seedFixtureMarts(build.db, label);
    return await build.publish({ label, runId: `run-${label}` });
  } catch (error) {
    await build.abort();
    throw error;
  }
}

/** A fresh temp warehouse dir with one published fixture snapshot; `cleanup` removes it. */
export async function fixtureWarehouse(): Promise<{
  dir: string;
  snapshot: SnapshotInfo;
  cleanup(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'asn-api-'));
  const snapshot = await publishFixture(dir);
  return { dir, snapshot, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
