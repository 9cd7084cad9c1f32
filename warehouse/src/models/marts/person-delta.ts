import type { Db } from '../../db/index.ts';
import { martSpec } from './contract.ts';
import { dimEmployeeFrom } from './dim-employee.sql.ts';
import { fctAppraisalsFrom } from './fct-appraisals.sql.ts';
import { fctEnrollmentsFor } from './fct-enrollments.sql.ts';
import { fctHeadcountFrom } from './fct-headcount.sql.ts';
import { fctInvitationsFrom } from './fct-invitations.sql.ts';

/**
 * The marts that look a person up as of an event date, updated by key in an incremental build when
 * only the stg tables of `PERSON_DELTA_STG` changed (see `preparePersonDelta`).
 */
export const PERSON_MARTS: readonly string[] = [
  'dim_employee',
  'fct_invitations',
  'fct_enrollments',
  'fct_appraisals',
  'fct_headcount',
];

/** stg tables whose changes the person marts take by key (anything else changed: rebuild). */
export const PERSON_DELTA_STG: readonly string[] = [
  'employee_assignments',
  'invitations',
  'enrollments',
  'assessments',
  'reactions',
  'appraisals',
];

/** Children of enrollments whose deletions are found per block of enrollment ids. */
export const CHILD_TABLES: readonly string[] = ['assessments', 'reactions'];
const BLOCK = 4096;

/**
 * Per child table, a summary of its rows per block of 4096 enrollment ids (count, hash sum of id and
 * enrollment_id), as a string: recorded in meta.mart_state, so the next incremental build finds the
 * enrollments that lost a child (a deletion leaves no row stamped with the new run) by comparing
 * blocks, and recomputes only the enrollments of the blocks that differ.
 */
export async function childBlocks(db: Db): Promise<Map<string, string>> {
  const rows = await db.all<{ t: string; blocks: string }>(
    CHILD_TABLES.map(
      (
        t,
      ) => `SELECT '${t}' AS t, coalesce(string_agg(b || ':' || n || ':' || h, ',' ORDER BY b), '') AS blocks
        FROM (SELECT enrollment_id // ${BLOCK} AS b, count(*) AS n, CAST(sum(hash(id, enrollment_id)) AS VARCHAR) AS h
          FROM stg.${t} GROUP BY ALL)`,
    ).join('\nUNION ALL\n'),
  );
  return new Map(rows.map((r) => [r.t, r.blocks]));
}

/** Block numbers whose summaries differ between two `childBlocks` strings. */
function differingBlocks(before: string, after: string): number[] {
  const parse = (s: string) =>
    new Map(
      s
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '')
        .map((e) => [e.split(':')[0] as string, e] as const),
    );
  const a = parse(before);
  const b = parse(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).map(Number);
}

export interface PersonDeltaInput {
  /** SQL predicate selecting the stg rows of runs the previous build did not see, per stg table. */
  readonly newRows: (alias: string, table: string) => string;
  /** Whether int_employee_assignment (built) may differ from the one dim_employee was built on. */
  readonly intChanged: boolean;
  /** Child-table block summaries of the previous build and of now (`childBlocks`). */
  readonly blocksBefore: ReadonlyMap<string, string>;
  readonly blocksNow: ReadonlyMap<string, string>;
}

/**
 * Finds, from the marts as the previous build left them and the current stg, the keys whose rows
 * may differ from a full build (temp tables):
 * - `pa_emp` (employee_id, employee_key): employees whose assignments changed (their
 *   int_employee_assignment rows differ from their dim_employee versions, or were rewritten by a new
 *   run): every event of theirs is looked up again;
 * - `pa_pairs` (offering_id, employee_id): offering + employee pairs whose source enrollment was
 *   rewritten or deleted (before and after), which decide invitations' `enrolled` and shadow xAPI rows;
 * - `pa_enr` (id), `pa_inv` (id), `pa_apr` (employee_id, period): rewritten, deleted and affected
 *   enrollments (also those whose assessments or reactions were rewritten or, per differing block,
 *   deleted), invitations and appraisals.
 * Requires employees, agencies, offerings and xAPI enrollments unchanged (the caller checks).
 */
export async function preparePersonDelta(db: Db, input: PersonDeltaInput): Promise<void> {
  const n = input.newRows;
  if (input.intChanged) {
    await db.exec(`CREATE OR REPLACE TEMP TABLE pa_emp AS
      WITH cur AS (
        SELECT employee_key, count(*) AS n,
          sum(hash(agency_code, agency_kind, grade, position_type, started_on, ended_on)) AS h
        FROM int_employee_assignment GROUP BY ALL
      ),
      old AS (
        SELECT employee_key, count(*) AS n,
          sum(hash(agency_code, agency_kind, grade, position_type, valid_from, valid_to)) AS h
        FROM marts.dim_employee GROUP BY ALL
      ),
      keys AS (
        SELECT coalesce(cur.employee_key, old.employee_key) AS employee_key
        FROM cur FULL JOIN old ON cur.employee_key = old.employee_key
        WHERE cur.n IS DISTINCT FROM old.n OR cur.h IS DISTINCT FROM old.h
        UNION
        SELECT e.employee_key FROM stg.employee_assignments a JOIN stg.employees e ON e.id = a.employee_id
        WHERE ${n('a', 'employee_assignments')}
      )
      SELECT DISTINCT e.id AS employee_id, e.employee_key FROM keys k JOIN stg.employees e USING (employee_key)`);
  } else {
    await db.exec(
      'CREATE OR REPLACE TEMP TABLE pa_emp AS SELECT CAST(NULL AS BIGINT) AS employee_id, CAST(NULL AS VARCHAR) AS employee_key WHERE false',
    );
  }
  await db.exec(`CREATE OR REPLACE TEMP TABLE pa_enr_source AS
    SELECT id FROM stg.enrollments e WHERE ${n('e', 'enrollments')}
    UNION
    (SELECT enrollment_id FROM marts.fct_enrollments WHERE source <> 'xapi' EXCEPT SELECT id FROM stg.enrollments)`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE pa_pairs AS
    SELECT offering_id, employee_id FROM stg.enrollments e WHERE ${n('e', 'enrollments')}
    UNION
    SELECT f.offering_id, e.id FROM marts.fct_enrollments f JOIN stg.employees e USING (employee_key)
    WHERE f.source <> 'xapi' AND f.enrollment_id IN (SELECT id FROM pa_enr_source)`);
  const blocks = [
    ...new Set(
      CHILD_TABLES.flatMap((t) =>
        differingBlocks(input.blocksBefore.get(t) ?? '', input.blocksNow.get(t) ?? ''),
      ),
    ),
  ];
  const inBlocks = (col: string) =>
    blocks.length > 0 ? `${col} // ${BLOCK} IN (${blocks.join(', ')})` : 'false';
  await db.exec(`CREATE OR REPLACE TEMP TABLE pa_enr AS
    SELECT id FROM pa_enr_source
    UNION SELECT enrollment_id FROM stg.assessments c WHERE ${n('c', 'assessments')}
    UNION SELECT enrollment_id FROM stg.reactions c WHERE ${n('c', 'reactions')}
    UNION SELECT enrollment_id FROM marts.fct_enrollments WHERE ${inBlocks('enrollment_id')}
    UNION SELECT id FROM stg.enrollments WHERE ${inBlocks('id')}
    UNION SELECT enrollment_id FROM stg.xapi_enrollments WHERE ${inBlocks('enrollment_id')}
    UNION SELECT id FROM stg.enrollments WHERE employee_id IN (SELECT employee_id FROM pa_emp)
    UNION SELECT enrollment_id FROM stg.xapi_enrollments WHERE employee_id IN (SELECT employee_id FROM pa_emp)
    UNION SELECT x.enrollment_id FROM stg.xapi_enrollments x
      SEMI JOIN pa_pairs p ON p.offering_id = x.offering_id AND p.employee_id = x.employee_id`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE pa_inv AS
    SELECT id FROM stg.invitations i WHERE ${n('i', 'invitations')}
    UNION (SELECT invitation_id FROM marts.fct_invitations EXCEPT SELECT id FROM stg.invitations)
    UNION SELECT id FROM stg.invitations WHERE employee_id IN (SELECT employee_id FROM pa_emp)
    UNION SELECT i.id FROM stg.invitations i
      SEMI JOIN pa_pairs p ON p.offering_id = i.offering_id AND p.employee_id = i.employee_id`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE pa_apr AS
    WITH m AS (
      SELECT e.id AS employee_id, f.period, count(*) AS n
      FROM marts.fct_appraisals f JOIN stg.employees e USING (employee_key) GROUP BY ALL
    ),
    s AS (SELECT employee_id, period, count(*) AS n FROM stg.appraisals GROUP BY ALL)
    SELECT employee_id, period FROM stg.appraisals a WHERE ${n('a', 'appraisals')}
    UNION
    SELECT coalesce(m.employee_id, s.employee_id), coalesce(m.period, s.period)
    FROM m FULL JOIN s ON m.employee_id = s.employee_id AND m.period = s.period
    WHERE m.n IS DISTINCT FROM s.n
    UNION
    SELECT employee_id, period FROM stg.appraisals WHERE employee_id IN (SELECT employee_id FROM pa_emp)
    UNION
    SELECT e.employee_id, f.period FROM marts.fct_appraisals f JOIN pa_emp e USING (employee_key)`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE pa_int AS
    SELECT * FROM int_employee_assignment WHERE employee_id IN (SELECT employee_id FROM pa_emp)`);
}

/** What a person mart's update deletes (a predicate on the mart `f`) and inserts (a model). */
function plan(mart: string): { where: string; model: string } {
  switch (mart) {
    case 'dim_employee':
      return {
        where: 'f.employee_key IN (SELECT employee_key FROM pa_emp)',
        model: dimEmployeeFrom('pa_int'),
      };
    case 'fct_headcount':
      return {
        where: 'f.employee_key IN (SELECT employee_key FROM pa_emp)',
        model: fctHeadcountFrom('pa_int'),
      };
    case 'fct_invitations':
      return {
        where: 'f.invitation_id IN (SELECT id FROM pa_inv)',
        model: fctInvitationsFrom('(SELECT * FROM stg.invitations WHERE id IN (SELECT id FROM pa_inv))'),
      };
    case 'fct_enrollments':
      return { where: 'f.enrollment_id IN (SELECT id FROM pa_enr)', model: fctEnrollmentsFor('pa_enr') };
    case 'fct_appraisals':
      return {
        where: `EXISTS (SELECT 1 FROM pa_apr k JOIN stg.employees e ON e.id = k.employee_id
          WHERE e.employee_key = f.employee_key AND k.period = f.period)`,
        model: fctAppraisalsFrom(
          '(SELECT a.* FROM stg.appraisals a SEMI JOIN pa_apr k ON k.employee_id = a.employee_id AND k.period = a.period)',
        ),
      };
    default:
      throw new Error(`buildMarts: ${mart} is not updated by person keys`);
  }
}

/**
 * Replaces the rows of `mart` for the keys `preparePersonDelta` found: the deleted rows are kept
 * in `pa_old_<mart>`, the inserted ones in `pa_new_<mart>` (both shaped like the mart).
 */
export async function updatePersonMart(db: Db, mart: string): Promise<{ newRows: string; oldRows: string }> {
  const { where, model } = plan(mart);
  const columns = martSpec(mart as never)
    .columns.map((c) => c.name)
    .join(', ');
  const oldRows = `pa_old_${mart}`;
  const newRows = `pa_new_${mart}`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${oldRows} AS SELECT ${columns} FROM marts.${mart} f WHERE ${where}`,
  );
  await db.run(`DELETE FROM marts.${mart} f WHERE ${where}`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${newRows} AS SELECT ${columns} FROM (${model})`);
  await db.exec(`INSERT INTO marts.${mart} BY NAME SELECT * FROM ${newRows}`);
  return { newRows, oldRows };
}

/** Drops the helper tables of `preparePersonDelta` (the pa_old_/pa_new_ deltas stay for later steps). */
export const DROP_PERSON_HELPERS =
  'DROP TABLE IF EXISTS pa_emp; DROP TABLE IF EXISTS pa_enr_source; DROP TABLE IF EXISTS pa_pairs; DROP TABLE IF EXISTS pa_enr; DROP TABLE IF EXISTS pa_inv; DROP TABLE IF EXISTS pa_apr; DROP TABLE IF EXISTS pa_int';
