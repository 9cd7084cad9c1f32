import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db, listQuarantine, readCurrent } from '@asn/warehouse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { stagedRows as staged } from '../run/testing/stagedRows.ts';
import type { StagedTable } from '../sources/staged.ts';

/** Every rule through file drops (StagedTable, as the files parser hands them over). */
type Row = Record<string, string | null>;
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };

const agency = (id: string, extra: Row = {}): Row => ({
  id,
  code: `A${id}`,
  name: `Agency ${id}`,
  kind: 'dinas',
  valid_from: '2020-01-01',
  ...extra,
});
const employee = (id: string, extra: Row = {}): Row => ({
  id,
  nip: '198005122005031001',
  sex: 'M',
  birth_date: '1980-05-12',
  employment_type: 'PNS',
  appointed_on: '2006-03-01',
  ...extra,
});

describe('validation rules (file drops)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-rules-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(tables: StagedTable[]) {
    const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    const result = await runEtl({ env, sources: [], staged: tables, steps: noMarts, mode: 'full' });
    for (const t of result.tables) expect(t.read).toBe(t.loaded + t.quarantined);
    const { rows } = await listQuarantine(dir);
    return { result, reasons: rows.map((r) => `${r.table}:${JSON.parse(r.raw).id}:${r.reason}`).sort() };
  }

  it('assigns each bad row its first failing rule, and loads the good ones', async () => {
    const { result, reasons } = await run([
      staged('agencies', [
        agency('1'),
        agency('2', { name: null }),
        agency('3', { valid_from: '2020-13-45' }),
        agency('4', { kind: 'ministry' }),
        agency('5', { name: '=HYPERLINK("http://x")' }),
        agency('6', { valid_to: '2019-01-01' }),
        agency('7', { parent_id: '99' }),
        agency('8', { name: '-5 is fine in a number, not here' }),
      ]),
      staged('employees', [
        employee('1'),
        employee('2', { nip: '19800512200503100' }),
        employee('3', { nip: '198013122005031001' }),
        employee('4', { nip: '198005122005031001', sex: 'F' }),
        employee('5', { nip: '198005122007031001' }),
        employee('6', { nip: '198005122005031001', birth_date: '1980-05-13' }),
        employee('7', { nip: null }),
        employee('8', { employment_type: 'PPPK', nip: null, ni_pppk: '198005122022211001' }),
        employee('9', { nip: '198005122005033001' }),
      ]),
      staged('programs', [
        { id: '1', code: 'P1', title: 'T', competency_area: 'it', method: 'seminar', jp: '-1' },
        { id: '2', code: 'P2', title: 'T', competency_area: 'it', method: 'seminar', jp: '12' },
      ]),
      staged('offerings', [
        {
          id: '1',
          program_id: '2',
          organizer_agency_id: '1',
          starts_on: '2023-03-01',
          ends_on: '2023-03-02',
          capacity: '10',
        },
        {
          id: '2',
          program_id: '1',
          organizer_agency_id: '1',
          starts_on: '2023-03-01',
          ends_on: '2023-03-02',
          capacity: '10',
        },
      ]),
      // Enrollments 3 and 6 first: they hold (offering 1, employee 1 / 8), which the source allows
      // once, and the bad rows after them with the same pair say their own fault first.
      staged('enrollments', [
        {
          id: '3',
          offering_id: '1',
          employee_id: '1',
          status: 'completed',
          jp_earned: '12',
          completed_at: '2023-02-28 17:00:00+00',
        },
        { id: '6', offering_id: '1', employee_id: '8', status: 'dropped', jp_earned: '0' },
        {
          id: '1',
          offering_id: '1',
          employee_id: '1',
          status: 'completed',
          jp_earned: '12',
          completed_at: '2023-02-01 00:00:00+00',
        },
        {
          id: '2',
          offering_id: '1',
          employee_id: '1',
          status: 'dropped',
          jp_earned: '0',
          completed_at: '2023-03-02 00:00:00+00',
        },
        // The offering starts on 1 March, local time (WIB, UTC+7): 17:00 UTC the day before is in
        // time (enrollment 3, first), a microsecond earlier is still 28 February there.
        {
          id: '4',
          offering_id: '1',
          employee_id: '8',
          status: 'completed',
          jp_earned: '12',
          completed_at: '2023-02-28 16:59:59.999999+00',
        },
        // Completed, but when? (No completion date: out of participation and JP, in completion.)
        { id: '5', offering_id: '1', employee_id: '1', status: 'completed', jp_earned: '12' },
      ]),
      staged('reactions', [
        { id: '1', enrollment_id: '3', relevance: '5', satisfaction: null, facilitator: null },
        // A form with no item answered is no respondent.
        { id: '2', enrollment_id: '3' },
        // Its enrollment is quarantined.
        { id: '3', enrollment_id: '5', relevance: '4' },
      ]),
      staged('service_levels', [{ id: '1', service_type: 'ktp', name: 'KTP-el', target_days: '14' }]),
      staged('service_requests', [
        {
          id: '1',
          service_unit_agency_id: '1',
          service_type: 'ktp',
          submitted_at: '2023-04-01 01:00:00+00',
          completed_at: '2023-04-05 01:00:00+00',
          status: 'completed',
        },
        {
          id: '2',
          service_unit_agency_id: '1',
          service_type: 'ktp',
          submitted_at: '2023-04-01 01:00:00+00',
          status: 'completed',
        },
        {
          id: '3',
          service_unit_agency_id: '1',
          service_type: 'ktp',
          submitted_at: '2023-04-01 01:00:00+00',
          status: 'in_progress',
        },
      ]),
      staged('training_budgets', [
        { id: '1', agency_id: '1', fiscal_year: '2023', allocated_idr: '-5', realized_idr: '0' },
      ]),
      staged('satisfaction_responses', [
        {
          id: '1',
          agency_id: '1',
          surveyed_on: '2023-01-01',
          u1: '5',
          u2: '1',
          u3: '1',
          u4: '1',
          u5: '1',
          u6: '1',
          u7: '1',
          u8: '1',
          u9: '1',
        },
      ]),
    ]);
    expect(reasons).toEqual([
      'agencies:2:MISSING_REQUIRED',
      'agencies:3:BAD_TYPE',
      'agencies:4:NOT_ACCEPTED_VALUE',
      'agencies:5:FORMULA_INJECTION',
      'agencies:6:DATES_OUT_OF_ORDER',
      'agencies:7:UNKNOWN_REFERENCE',
      'agencies:8:FORMULA_INJECTION',
      'employees:2:NIP_MALFORMED',
      'employees:3:NIP_MALFORMED',
      'employees:4:NIP_INCONSISTENT',
      'employees:5:NIP_INCONSISTENT',
      'employees:6:NIP_INCONSISTENT',
      'employees:7:MISSING_REQUIRED',
      'employees:9:NIP_MALFORMED',
      'enrollments:1:DATES_OUT_OF_ORDER',
      'enrollments:2:NOT_ACCEPTED_VALUE',
      'enrollments:4:DATES_OUT_OF_ORDER',
      'enrollments:5:MISSING_REQUIRED',
      'offerings:2:UNKNOWN_REFERENCE',
      'programs:1:OUT_OF_RANGE',
      'reactions:2:MISSING_REQUIRED',
      'reactions:3:UNKNOWN_REFERENCE',
      'satisfaction_responses:1:OUT_OF_RANGE',
      'service_requests:2:MISSING_REQUIRED',
      'training_budgets:1:NEGATIVE_MONEY',
    ]);
    const byTable = Object.fromEntries(result.tables.map((t) => [t.table, t]));
    expect(byTable.agencies).toMatchObject({ read: 8, loaded: 1, quarantined: 7 });
    expect(byTable.employees).toMatchObject({ read: 9, loaded: 2, quarantined: 7 });
    expect(byTable.enrollments).toMatchObject({ read: 6, loaded: 2, quarantined: 4 });
    expect(byTable.reactions).toMatchObject({ read: 3, loaded: 1, quarantined: 2 });
    expect(byTable.service_requests).toMatchObject({ read: 3, loaded: 2, quarantined: 1 });
    const { rows } = await listQuarantine(dir);
    expect(rows.find((r) => r.table === 'service_requests')?.detail).toBe(
      'completed_at is empty for status completed',
    );
    expect(rows.find((r) => r.table === 'reactions' && r.reason === 'MISSING_REQUIRED')?.detail).toBe(
      'no reaction item answered (relevance, satisfaction, facilitator, intent_to_apply all empty)',
    );
  });

  it('collapses identical duplicates and quarantines conflicting ones', async () => {
    const { result, reasons } = await run([
      staged('agencies', [agency('1'), agency('1'), agency('2'), agency('2', { name: 'Other' })]),
    ]);
    expect(reasons).toEqual(['agencies:2:DUPLICATE_CONFLICT', 'agencies:2:DUPLICATE_CONFLICT']);
    expect(result.tables[0]).toMatchObject({ read: 4, loaded: 2, collapsed: 1, inserted: 1, quarantined: 2 });
  });

  it('maps xAPI actors and activities, quarantining unmapped ones', async () => {
    const xapi = (id: string, extra: Row): Row => ({
      statement_id: id,
      verb: 'http://adlnet.gov/expapi/verbs/completed',
      activity_iri: 'https://lms/c1',
      timestamp: '2023-05-10 03:00:00+00',
      jp: '4',
      ...extra,
    });
    const { reasons } = await run([
      staged('agencies', [agency('1')]),
      staged('employees', [employee('1')]),
      staged('programs', [
        { id: '1', code: 'P', title: 'T', competency_area: 'it', method: 'e_learning', jp: '4' },
      ]),
      staged('offerings', [
        {
          id: '1',
          program_id: '1',
          organizer_agency_id: '1',
          starts_on: '2023-05-01',
          ends_on: '2023-05-31',
          capacity: '9',
        },
      ]),
      staged('lms_accounts', [{ id: '1', employee_id: '1', mbox: 'mailto:Budi@X.go.id' }]),
      staged('lms_activities', [{ id: '1', activity_iri: 'https://lms/c1', offering_id: '1' }]),
      staged(
        'xapi_statements',
        [
          xapi('s1', { actor_mbox: 'mailto:budi@x.go.id' }),
          xapi('s2', { actor_mbox: 'mailto:nobody@x.go.id' }),
          xapi('s3', { actor_mbox: 'mailto:budi@x.go.id', activity_iri: 'https://lms/unknown' }),
        ],
        'xapi:test.ndjson',
      ),
    ]);
    expect(reasons).toEqual([
      'xapi_statements:undefined:XAPI_UNKNOWN_ACTIVITY',
      'xapi_statements:undefined:XAPI_UNMAPPED_ACTOR',
    ]);
    const current = await readCurrent(dir);
    const db = await Db.open(join(dir, current?.file ?? ''), { mode: 'read-only' });
    const enrollments = await db.all(
      'select offering_id, employee_id, status, jp_earned from stg.xapi_enrollments',
    );
    await db.close();
    expect(enrollments).toEqual([{ offering_id: 1, employee_id: 1, status: 'completed', jp_earned: 4 }]);
  });

  it('quarantines the descendants of a quarantined agency, to a fixpoint (a full run as an incremental one)', async () => {
    // 1 fails a rule; 2 is its child and 3 its grandchild; 4 names 1 too but comes first in the
    // file; 5 names a valid parent; 6 a parent of the same file that is valid.
    const { result, reasons } = await run([
      staged('agencies', [
        agency('4', { parent_id: '1' }),
        agency('1', { name: '=cmd' }),
        agency('2', { parent_id: '1' }),
        agency('3', { parent_id: '2' }),
        agency('5', { parent_id: '6' }),
        agency('6'),
      ]),
    ]);
    expect(reasons).toEqual([
      'agencies:1:FORMULA_INJECTION',
      'agencies:2:UNKNOWN_REFERENCE',
      'agencies:3:UNKNOWN_REFERENCE',
      'agencies:4:UNKNOWN_REFERENCE',
    ]);
    expect(result.tables.find((t) => t.table === 'agencies')).toMatchObject({
      read: 6,
      loaded: 2,
      quarantined: 4,
    });
    const { rows } = await listQuarantine(dir);
    const three = rows.find((r) => JSON.parse(r.raw).id === '3');
    expect(three?.detail).toBe('parent_id 2 references no valid agencies row');
    expect(JSON.parse(three!.raw)).toMatchObject({ id: '3', code: 'A3', parent_id: '2' });
  });
});
