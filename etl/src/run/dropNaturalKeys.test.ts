import { listQuarantine, type TableRunCounts } from '@asn/warehouse';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { connectSource } from '../source/connect.ts';
import type { StagedTable } from '../sources/staged.ts';
import { runEtl } from './runEtl.ts';
import { useSeededSource } from './testing/seededSource.ts';
import { stagedRows as staged } from './testing/stagedRows.ts';
import { stgContent, stgIds } from './testing/warehouseContent.ts';

/**
 * A file-drop row that takes a PostgreSQL row's natural key while another row of the drop carries
 * that PostgreSQL row's id (a review of 2026-12-06, /tmp/steward drop6 and drop4). An incremental
 * run left the PostgreSQL row in stg out of the key's holders, because its id arrived: the drop row
 * took the key, was counted as loaded, and was removed again at the end of the run
 * (`evictDropKeys`), the quarantine blaming the wrong row. A full run refuses it at validation,
 * naming the PostgreSQL row. Both runs must end alike: counts, quarantine and stg.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';
const HELD = '(the source allows it once)';
const PG_KEPT =
  'id is a PostgreSQL row with different content: the PostgreSQL row is kept (change it there, or give the drop row a new id)';

interface Case {
  readonly name: string;
  readonly drops: () => StagedTable[];
  /** The drop's own counts (read, loaded, quarantined, collapsed, inserted) per table. */
  readonly counts: Record<string, readonly [number, number, number, number, number]>;
  /** `table:row:id:reason:detail` of every quarantined drop row. */
  readonly quarantine: readonly string[];
  /** The ids stg holds afterwards, per table. */
  readonly ids: Record<string, readonly number[]>;
}

const CASES: readonly Case[] = [
  {
    name: 'a program code (drop6)',
    drops: () => [
      staged('programs', [
        // 2: a new local program that reuses PostgreSQL program 1's code by mistake.
        {
          id: '9401',
          code: 'PLY-01',
          title: 'Pelayanan Prima (salinan instansi)',
          competency_area: 'technical',
          method: 'workshop',
          jp: '24',
        },
        // 3: PostgreSQL program 1 as it is: the same content loads, collapsed into the PostgreSQL
        // row (kept, `_source` and all, as a full run keeps it).
        {
          id: '1',
          code: 'PLY-01',
          title: 'Pelayanan Prima',
          competency_area: 'technical',
          method: 'workshop',
          jp: '24',
        },
      ]),
    ],
    counts: { programs: [2, 1, 1, 1, 0] },
    quarantine: [`programs:2:9401:DUPLICATE_CONFLICT:code=PLY-01 is already held by programs id 1 ${HELD}`],
    ids: { programs: [1, 2] },
  },
  {
    name: 'a NIP, with the drop employee’s assignment and enrollment (drop4)',
    drops: () => {
      const sari = {
        nip: '199001012015042002',
        sex: 'F',
        birth_date: '1990-01-01',
        employment_type: 'PNS',
        appointed_on: '2015-04-01',
        education: 'S1',
      };
      return [
        // 2: PostgreSQL employee 2 with other content (S1, not S2); 3: a new id with employee 2's NIP.
        staged('employees', [
          { id: '2', ...sari },
          { id: '9201', ...sari },
        ]),
        staged('employee_assignments', [
          {
            id: '990501',
            employee_id: '9201',
            agency_id: '1',
            grade: 'III/a',
            position_type: 'pelaksana',
            started_on: '2020-01-01',
          },
        ]),
        staged('enrollments', [
          {
            id: '990501',
            offering_id: '2',
            employee_id: '9201',
            status: 'completed',
            jp_earned: '12',
            completed_at: '2023-05-20 10:00',
          },
        ]),
      ];
    },
    counts: {
      employees: [2, 0, 2, 0, 0],
      employee_assignments: [1, 0, 1, 0, 0],
      enrollments: [1, 0, 1, 0, 0],
    },
    quarantine: [
      'employee_assignments:2:990501:UNKNOWN_REFERENCE:employee_id=9201 references no employees row',
      `employees:2:2:DUPLICATE_CONFLICT:employees ${PG_KEPT}`,
      `employees:3:9201:DUPLICATE_CONFLICT:nip (or ni_pppk) is already held by employees id 2 ${HELD}`,
      'enrollments:2:990501:UNKNOWN_REFERENCE:employee_id=9201 references no employees row',
    ],
    ids: { employees: [1, 2, 3], employee_assignments: [1, 2, 3], enrollments: [1, 2] },
  },
];

const counted = (t: TableRunCounts | undefined) =>
  t ? [t.read, t.loaded, t.quarantined, t.collapsed, t.inserted] : undefined;

describe('a drop row taking the natural key of a PostgreSQL row whose id the drop also carries', () => {
  // An in-memory PGlite source only: this block does not run against a real server.
  const { conn, tempDir } = useSeededSource({
    name: 'pglite',
    open: () => connectSource({ embeddedDir: 'memory://' }),
  });
  const env = (dir: string) => readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });
  const dropQuarantine = async (dir: string, runId: string) =>
    (await listQuarantine(dir, { runId, limit: 1000 })).rows
      .filter((r) => r.source !== 'postgres')
      .map((r) => `${r.table}:${r.row_number}:${JSON.parse(r.raw).id}:${r.reason}:${r.detail}`)
      .sort();

  for (const c of CASES) {
    it(`${c.name}: refused at validation with its row number, incremental and full alike`, async () => {
      // Incremental: the drop alone (`--source files`) over a live snapshot of PostgreSQL.
      const inc = await tempDir('etl-natkey-inc-');
      const base = await runEtl({
        env: env(inc),
        sources: ['postgres'],
        connection: conn(),
        steps: noMarts,
        mode: 'full',
      });
      const incremental = await runEtl({ env: env(inc), sources: [], staged: c.drops(), steps: noMarts });
      expect(incremental.mode).toBe('incremental');

      // Full: PostgreSQL and the drop read together.
      const fullDir = await tempDir('etl-natkey-full-');
      const full = await runEtl({
        env: env(fullDir),
        sources: ['postgres'],
        connection: conn(),
        staged: c.drops(),
        steps: noMarts,
        mode: 'full',
      });
      expect(full.mode).toBe('full');

      for (const [table, expected] of Object.entries(c.counts)) {
        const own = incremental.tables.find((t) => t.table === table);
        expect(counted(own), `incremental ${table}`).toEqual(expected);
        // Nothing counted as loaded and then removed after the fact.
        expect(own?.deleted, `incremental ${table}`).toBe(0);
        // The full run's counts less PostgreSQL's own (the same source state as the base run).
        const all = full.tables.find((t) => t.table === table);
        const pg = base.tables.find((t) => t.table === table);
        expect(
          (counted(all) ?? []).map((n, i) => n - (counted(pg)?.[i] ?? 0)),
          `full ${table}`,
        ).toEqual(expected);
        expect(all?.deleted, `full ${table}`).toBe(0);
      }
      // No "stored row" record: every refused row is named at its row, with the key's real holder.
      expect(await dropQuarantine(inc, incremental.runId)).toEqual(c.quarantine);
      expect(await dropQuarantine(fullDir, full.runId)).toEqual(c.quarantine);
      for (const [table, ids] of Object.entries(c.ids)) {
        expect(await stgIds(inc, table), `incremental ${table}`).toEqual(ids);
        expect(await stgIds(fullDir, table), `full ${table}`).toEqual(ids);
      }
      // Row for row, lineage included (`_source`, `updated_at`): the identical drop copy of a
      // PostgreSQL row does not take its place in either run.
      expect(await stgContent(inc)).toEqual(await stgContent(fullDir));
    });
  }
});
