import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine, listRunRecords } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { seedSource } from '../run/testing/seedSource.ts';
import { stgContent, stgIds } from '../run/testing/warehouseContent.ts';
import type { SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { sourceTargets } from '../testing/source-targets.ts';

/**
 * Validation rules through the PostgreSQL source, for the rules its schema lets a bad row reach:
 * NIP_MALFORMED, NIP_INCONSISTENT (the schema does not parse NIPs), FORMULA_INJECTION (text is
 * text), UNKNOWN_REFERENCE (a child whose parent is quarantined, or whose parent was deleted while
 * the FK was not enforced — session_replication_role = replica, as bulk loaders do), the
 * MISSING_REQUIRED rules that span columns (a completed enrollment or service request without
 * completed_at, a reaction with no item answered: each column alone may be NULL), and OUT_OF_RANGE
 * across tables (an enrollment's jp_earned above its program's jp).
 *
 * The others cannot happen in PostgreSQL, and the second test proves the schema refuses them:
 * MISSING_REQUIRED for one column (NOT NULL), BAD_TYPE (typed columns), NOT_ACCEPTED_VALUE / OUT_OF_RANGE /
 * NEGATIVE_MONEY / DATES_OUT_OF_ORDER (CHECK constraints), DUPLICATE_CONFLICT (primary key: an id
 * exists once), MALFORMED_ROW (COPY output always splits), and the xAPI codes (not a PG table).
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';

for (const target of sourceTargets()) {
  describe(`validation rules through the PostgreSQL source (${target.name})`, () => {
    let conn: SourceConnection;
    let dir: string;
    let fullDir: string;
    beforeAll(async () => {
      conn = await target.open();
      await migrateSource(conn.knex);
      await seedSource(conn.knex);
      dir = await mkdtemp(join(tmpdir(), 'etl-pgrules-'));
      fullDir = await mkdtemp(join(tmpdir(), 'etl-pgrules-full-'));
    });
    afterAll(async () => {
      await conn?.close();
      await rm(dir, { recursive: true, force: true });
      await rm(fullDir, { recursive: true, force: true });
    });

    it('quarantines what the source schema lets through, with source postgres, and reconciles (incremental = full)', async () => {
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });
      const first = await runEtl({ env, sources: ['postgres'], connection: conn, steps: noMarts });
      expect(first.tables.reduce((s, t) => s + t.quarantined, 0)).toBe(0);

      const k = conn.knex;
      // NIP_INCONSISTENT: employee 2's NIP sex digit says F.
      await k('employees').where({ id: 2 }).update({ sex: 'M' });
      // NIP_MALFORMED: 30 February.
      await k('employees').insert({
        id: 4,
        nip: '198002302005031001',
        full_name: 'X',
        sex: 'M',
        birth_date: '1980-02-28',
        employment_type: 'PNS',
        appointed_on: '2006-01-01',
      });
      // FORMULA_INJECTION: a phone number typed the Excel way. (Personal free text such as
      // reactions.comment never lands, so it needs no check.)
      await k('programs').where({ id: 2 }).update({ provider: '+62 811 5200 (BKPSDM)' });
      // UNKNOWN_REFERENCE via incremental: offering 2 is deleted while FKs are not enforced, and the
      // lms_activities row pointing at it changes afterwards (so the incremental run re-reads it).
      await k.transaction(async (trx) => {
        await trx.raw('set local session_replication_role = replica');
        await trx('offerings').where({ id: 2 }).del();
        await trx('lms_activities')
          .where({ id: 1 })
          .update({ activity_iri: 'https://lms.example.go.id/course/dig-01/v2', updated_at: k.fn.now() });
      });

      const inc = await runEtl({ env, sources: ['postgres'], connection: conn, steps: noMarts });
      expect(inc.mode).toBe('incremental');
      const { rows } = await listQuarantine(dir, { runId: inc.runId });
      // The children of the now-quarantined employee 2 left stg and were read again: orphans, as
      // in a full run.
      expect(rows.map((r) => `${r.table}:${r.reason}`).sort()).toEqual([
        'employee_assignments:UNKNOWN_REFERENCE',
        'employees:NIP_INCONSISTENT',
        'employees:NIP_MALFORMED',
        'invitations:UNKNOWN_REFERENCE',
        'lms_accounts:UNKNOWN_REFERENCE',
        'lms_activities:UNKNOWN_REFERENCE',
        'programs:FORMULA_INJECTION',
      ]);
      for (const r of rows) {
        expect(r.source).toBe('postgres');
        expect(r.run_id).toBe(inc.runId);
        // A database row has no line number; the raw row (with its id) identifies it.
        expect(r.row_number).toBeNull();
        expect(JSON.parse(r.raw)).toHaveProperty('id');
      }
      expect(rows.find((r) => r.reason === 'NIP_INCONSISTENT')?.detail).toBe(
        'nip sex digit differs from sex',
      );
      for (const t of inc.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      const byTable = Object.fromEntries(inc.tables.map((t) => [t.table, t]));
      expect(byTable.employees).toMatchObject({ read: 2, loaded: 0, quarantined: 2 });
      expect(byTable.programs).toMatchObject({ read: 1, loaded: 0, quarantined: 1 });
      expect(byTable.offerings).toMatchObject({ read: 0, deleted: 1 });
      // Its old stg version goes because the new one is quarantined (a replacement, not a deletion).
      expect(byTable.lms_activities).toMatchObject({ read: 1, loaded: 0, quarantined: 1, deleted: 0 });
      const [record] = await listRunRecords(dir, { limit: 1 });
      expect(record?.tables).toEqual(inc.tables);
      // Good rows still load; the quarantined versions replace nothing good.
      expect(await stgIds(dir, 'employees')).toEqual([1, 3]);
      expect(await stgIds(dir, 'programs')).toEqual([1]);
      expect(await stgIds(dir, 'offerings')).toEqual([1]);
      expect(await stgIds(dir, 'lms_activities')).toEqual([]);

      // A full run on the same source state lands on the same stg, and quarantines the same rows
      // for the same reasons.
      const fullEnv = readEnv({ WAREHOUSE_DIR: fullDir, PSEUDONYM_KEY: KEY });
      const full = await runEtl({
        env: fullEnv,
        sources: ['postgres'],
        connection: conn,
        steps: noMarts,
        mode: 'full',
      });
      for (const t of full.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
      const keyed = async (d: string, runId: string) =>
        (await listQuarantine(d, { runId })).rows
          .map((r) => `${r.table}:${JSON.parse(r.raw).id}:${r.reason}`)
          .sort();
      expect(await keyed(dir, inc.runId)).toEqual(await keyed(fullDir, full.runId));
    });

    it('refuses, at the source, the rows the other rules exist for', async () => {
      const k = conn.knex;
      const base = { code: 'NEW', name: 'Baru', kind: 'dinas', valid_from: '2020-01-01' };
      // Each refused by the constraint meant for it (its SQLSTATE), not by some other error.
      const refused: [string, string, () => Promise<unknown>][] = [
        ['MISSING_REQUIRED', '23502', () => k('agencies').insert({ ...base, id: 50, name: null })],
        ['BAD_TYPE', '22008', () => k('agencies').insert({ ...base, id: 51, valid_from: '2020-13-45' })],
        ['NOT_ACCEPTED_VALUE', '23514', () => k('agencies').insert({ ...base, id: 52, kind: 'ministry' })],
        [
          'DATES_OUT_OF_ORDER',
          '23514',
          () => k('agencies').insert({ ...base, id: 53, valid_to: '2019-01-01' }),
        ],
        ['DUPLICATE_CONFLICT', '23505', () => k('agencies').insert({ ...base, id: 1 })],
        [
          'UNKNOWN_REFERENCE (FK enforced)',
          '23503',
          () => k('agencies').insert({ ...base, id: 54, parent_id: 999 }),
        ],
        ['OUT_OF_RANGE', '23514', () => k('assessments').where({ id: 1 }).update({ score: 101 })],
        ['NEGATIVE_MONEY', '23514', () => k('program_costs').where({ id: 1 }).update({ amount_idr: -1 })],
      ];
      for (const [rule, code, attempt] of refused) {
        await expect(attempt(), rule).rejects.toMatchObject({ code });
      }
    });

    it('quarantines a completion without completed_at and a reaction without an answer (MISSING_REQUIRED)', async () => {
      const k = conn.knex;
      const now = k.fn.now();
      await k('offerings').insert({
        id: 3,
        program_id: 1,
        organizer_agency_id: 1,
        starts_on: '2023-09-01',
        ends_on: '2023-09-03',
        capacity: 30,
        updated_at: now,
      });
      await k('enrollments').insert([
        { id: 3, offering_id: 3, employee_id: 1, status: 'completed', jp_earned: 24, updated_at: now },
        { id: 4, offering_id: 3, employee_id: 3, status: 'no_show', jp_earned: 0, updated_at: now },
      ]);
      // Enrollment 2 (dropped) answered nothing; enrollment 4's form answers one item.
      await k('reactions').insert([
        { id: 2, enrollment_id: 2, comment: 'tidak ada', updated_at: now },
        { id: 3, enrollment_id: 4, facilitator: 3, updated_at: now },
      ]);
      await k('service_requests').insert([
        {
          id: 3,
          service_unit_agency_id: 2,
          service_type: 'ktp',
          handled_by: 1,
          submitted_at: '2023-07-01T01:00:00Z',
          status: 'completed',
          updated_at: now,
        },
      ]);
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });
      const run = await runEtl({ env, sources: ['postgres'], connection: conn, steps: noMarts });
      expect(run.mode).toBe('incremental');
      // (The rows the first test quarantined are read again and quarantined again, as every run does.)
      const { rows } = await listQuarantine(dir, { runId: run.runId });
      const missing = rows.filter((r) => r.reason === 'MISSING_REQUIRED');
      expect(missing.map((r) => `${r.table}:${JSON.parse(r.raw).id}:${r.reason}:${r.detail}`).sort()).toEqual(
        [
          'enrollments:3:MISSING_REQUIRED:completed_at is empty for status completed',
          'reactions:2:MISSING_REQUIRED:no reaction item answered (relevance, satisfaction, facilitator, intent_to_apply all empty)',
          'service_requests:3:MISSING_REQUIRED:completed_at is empty for status completed',
        ],
      );
      for (const t of run.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      const byTable = Object.fromEntries(run.tables.map((t) => [t.table, t]));
      expect(byTable.enrollments).toMatchObject({ read: 2, loaded: 1, quarantined: 1 });
      expect(byTable.reactions).toMatchObject({ read: 2, loaded: 1, quarantined: 1 });
      expect(byTable.service_requests).toMatchObject({ read: 1, loaded: 0, quarantined: 1 });
      expect(await stgIds(dir, 'enrollments')).toEqual([1, 2, 4]);
      expect(await stgIds(dir, 'reactions')).toEqual([1, 3]);
      expect(await stgIds(dir, 'service_requests')).toEqual([1, 2]);
    });

    it('quarantines JP above the program’s and a NIP appointment long before appointed_on (rules across rows), incremental = full', async () => {
      const k = conn.knex;
      const now = k.fn.now();
      // The source checks neither: jp_earned only >= 0, the NIP only as 18 digits.
      const pns = { employment_type: 'PNS', updated_at: now };
      await k('employees').insert([
        // NIP appointment 2010-01: appointed_on 24 months after it passes, 25 months after does not.
        {
          ...pns,
          id: 5,
          nip: '198503152010011005',
          full_name: 'A',
          sex: 'M',
          birth_date: '1985-03-15',
          appointed_on: '2012-01-01',
        },
        {
          ...pns,
          id: 6,
          nip: '198503152010012006',
          full_name: 'B',
          sex: 'F',
          birth_date: '1985-03-15',
          appointed_on: '2012-02-01',
        },
      ]);
      await k('programs').insert({
        id: 3,
        code: 'SEM-01',
        title: 'Seminar Regulasi',
        competency_area: 'regulation',
        method: 'seminar',
        jp: 4,
        updated_at: now,
      });
      await k('offerings').insert({
        id: 4,
        program_id: 3,
        organizer_agency_id: 1,
        starts_on: '2023-10-02',
        ends_on: '2023-10-02',
        capacity: 50,
        updated_at: now,
      });
      const done = { status: 'completed', completed_at: '2023-10-02T09:00:00Z', updated_at: now };
      await k('enrollments').insert([
        { ...done, id: 5, offering_id: 4, employee_id: 1, jp_earned: 500 }, // one seminar, 500 JP
        { ...done, id: 6, offering_id: 4, employee_id: 5, jp_earned: 4 }, // exactly the program's JP
        { id: 7, offering_id: 4, employee_id: 3, status: 'dropped', jp_earned: 4.5, updated_at: now },
      ]);
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });
      const run = await runEtl({ env, sources: ['postgres'], connection: conn, steps: noMarts });
      expect(run.mode).toBe('incremental');
      const { rows } = await listQuarantine(dir, { runId: run.runId });
      const isNew = (table: string, id: number) =>
        (table === 'employees' && id >= 5) || (table === 'enrollments' && id >= 5);
      expect(
        rows
          .map((r) => ({ r, id: Number(JSON.parse(r.raw).id) }))
          .filter(({ r, id }) => isNew(r.table, id))
          .map(({ r, id }) => `${r.table}:${id}:${r.reason}:${r.detail}`)
          .sort(),
      ).toEqual([
        'employees:6:NIP_INCONSISTENT:nip appointment month is more than 24 months before appointed_on (2012-02)',
        "enrollments:5:OUT_OF_RANGE:jp_earned 500 is more than the program's 4 JP",
        "enrollments:7:OUT_OF_RANGE:jp_earned 4.5 is more than the program's 4 JP",
      ]);
      for (const r of rows) expect(r.source).toBe('postgres');
      for (const t of run.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      expect(await stgIds(dir, 'employees')).toEqual([1, 3, 5]);
      expect(await stgIds(dir, 'programs')).toEqual([1, 3]);
      expect(await stgIds(dir, 'enrollments')).toEqual([1, 2, 4, 6]);

      // A full run on the same source state quarantines the same rows for the same reasons.
      const fresh = await mkdtemp(join(tmpdir(), 'etl-pgrules-jp-'));
      try {
        const full = await runEtl({
          env: readEnv({ WAREHOUSE_DIR: fresh, PSEUDONYM_KEY: KEY }),
          sources: ['postgres'],
          connection: conn,
          steps: noMarts,
          mode: 'full',
        });
        const keyed = async (d: string, runId: string) =>
          (await listQuarantine(d, { runId })).rows
            .map((r) => `${r.table}:${JSON.parse(r.raw).id}:${r.reason}`)
            .sort();
        expect(await keyed(fresh, full.runId)).toEqual(await keyed(dir, run.runId));
        expect(await stgContent(fresh)).toEqual(await stgContent(dir));
      } finally {
        await rm(fresh, { recursive: true, force: true });
      }
    });
  });
}
