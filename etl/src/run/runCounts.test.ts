import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine, type TableRunCounts } from '@asn/warehouse';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { connectSource, type SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { SOURCE_TABLES } from '../source-schema/catalog.ts';
import type { StagedTable } from '../sources/staged.ts';
import { runEtl } from './runEtl.ts';
import { seedSource } from './testing/seedSource.ts';
import { stagedRows as staged } from './testing/stagedRows.ts';
import { stgContent } from './testing/warehouseContent.ts';

/**
 * The run log's counts tell what happened at the source (README, Reconciliation; Incremental vs
 * full): `deleted` counts only stg rows whose id is gone from the source. Rows an incremental run
 * takes out of stg only to read them again (children of a parent it removed, swept before the key
 * reconcile) are counted as what the reconcile then makes of them, inserted or quarantined, and
 * never as deleted too. A review of 2026-12-05 (revK) saw `agencies: inserted 53, deleted 52` on a
 * PostgreSQL + files run that changed nothing in stg.
 */
const KEY = 'test-key-0123456789';
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };

interface World {
  readonly conn: SourceConnection;
  readonly dir: string;
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The seeded source, and a warehouse holding its full run. */
async function world(): Promise<World> {
  const conn = await connectSource({ embeddedDir: 'memory://' });
  cleanup.push(() => conn.close());
  await migrateSource(conn.knex);
  await seedSource(conn.knex);
  const dir = await tempDir('etl-counts-');
  await runEtl({ env: env(dir), sources: ['postgres'], connection: conn, steps: noMarts, mode: 'full' });
  return { conn, dir };
}

const env = (dir: string) => readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });

/** An incremental PostgreSQL run (plus `drops`) on `w`, checked against a full run of the same state. */
async function incremental(w: World, drops: StagedTable[] = []) {
  const run = await runEtl({
    env: env(w.dir),
    sources: ['postgres'],
    connection: w.conn,
    staged: drops,
    steps: noMarts,
  });
  expect(run.mode).toBe('incremental');
  for (const t of run.tables) {
    expect(t.read, t.table).toBe(t.loaded + t.quarantined);
    expect(t.inserted, t.table).toBe(t.loaded - t.collapsed);
  }
  return run;
}

/** The counts of every table, without the timing; tables not listed must all be 0. */
function counts(
  tables: readonly TableRunCounts[],
): Record<string, Omit<TableRunCounts, 'seconds' | 'table'>> {
  return Object.fromEntries(tables.map(({ seconds: _s, table, ...n }) => [table, n]));
}

const NONE = { read: 0, loaded: 0, quarantined: 0, collapsed: 0, inserted: 0, deleted: 0 };

function expectCounts(
  tables: readonly TableRunCounts[],
  expected: Record<string, Partial<typeof NONE>>,
): void {
  const byTable = counts(tables);
  for (const table of SOURCE_TABLES) {
    expect(byTable[table] ?? NONE, table).toEqual({ ...NONE, ...expected[table] });
  }
}

async function sourceCounts(w: World): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of SOURCE_TABLES) {
    const [row] = await w.conn.knex(table).count<{ n: string }[]>({ n: '*' });
    out[table] = Number(row?.n ?? 0);
  }
  return out;
}

describe('run counts: deleted is what the source deleted', () => {
  it('a drop row refused as DUPLICATE_CONFLICT with PostgreSQL agency 1 (PostgreSQL + files) deletes and inserts nothing', async () => {
    const w = await world();
    const before = await stgContent(w.dir);
    const run = await incremental(w, [
      // /tmp/revK/c1/agencies.csv
      staged('agencies', [
        {
          id: '1',
          code: 'SETDA',
          name: 'Sekretariat Daerah Diubah',
          kind: 'sekretariat',
          valid_from: '1980-01-01',
        },
      ]),
    ]);
    const reasons = (await listQuarantine(w.dir, { runId: run.runId })).rows.map(
      (r) => `${r.table}:${JSON.parse(r.raw).id}:${r.reason}`,
    );
    expect(reasons).toEqual(['agencies:1:DUPLICATE_CONFLICT']);
    expectCounts(run.tables, { agencies: { read: 1, quarantined: 1 } });
    expect(await stgContent(w.dir)).toEqual(before);
  }, 60_000);

  it('rows swept for a parent now quarantined, then read again and quarantined, are not deleted', async () => {
    const w = await world();
    // Agency 2 becomes invalid at the source: everything that points at it (by id, or by its code:
    // service level 1, then by service type the requests and the SKM response) is quarantined.
    await w.conn.knex('agencies').where({ id: 2 }).update({ name: '=HYPERLINK("x")' });
    const run = await incremental(w);
    expectCounts(run.tables, {
      agencies: { read: 1, quarantined: 1 },
      employee_assignments: { read: 2, quarantined: 2 },
      service_levels: { read: 1, quarantined: 1 },
      service_requests: { read: 2, quarantined: 2 },
      satisfaction_responses: { read: 1, quarantined: 1 },
      training_budgets: { read: 1, quarantined: 1 },
    });
    await expectSameAsFull(w);
  }, 60_000);

  it('rows swept for a parent column rule, then read again, are not deleted', async () => {
    const w = await world();
    // Offering 1 now starts after enrollment 1 completed (DATES_OUT_OF_ORDER), whose assessments
    // and reaction then point at a quarantined enrollment.
    await w.conn
      .knex('offerings')
      .where({ id: 1 })
      .update({ starts_on: '2023-03-04', ends_on: '2023-03-06' });
    const run = await incremental(w);
    expectCounts(run.tables, {
      offerings: { read: 1, loaded: 1, inserted: 1 },
      enrollments: { read: 1, quarantined: 1 },
      assessments: { read: 2, quarantined: 2 },
      reactions: { read: 1, quarantined: 1 },
    });
    await expectSameAsFull(w);
  }, 60_000);

  it('rows deleted at the source (a cascade) are counted as deleted, swept first or not', async () => {
    const w = await world();
    const before = await sourceCounts(w);
    // Cascades to assignments, invitations, enrollments (and their assessments and reaction),
    // appraisals; sets service_requests.handled_by to null (an update: read and inserted).
    await w.conn.knex('employees').where({ id: 1 }).del();
    const after = await sourceCounts(w);
    const gone = Object.fromEntries(
      SOURCE_TABLES.filter((t) => (before[t] ?? 0) > (after[t] ?? 0)).map((t) => [
        t,
        (before[t] ?? 0) - (after[t] ?? 0),
      ]),
    );
    expect(gone).toEqual({
      employees: 1,
      employee_assignments: 1,
      invitations: 1,
      enrollments: 1,
      assessments: 2,
      reactions: 1,
      appraisals: 1,
    });
    const run = await incremental(w);
    expectCounts(run.tables, {
      ...Object.fromEntries(Object.entries(gone).map(([t, n]) => [t, { deleted: n }])),
      service_requests: { read: 1, loaded: 1, inserted: 1 },
    });
    await expectSameAsFull(w);
  }, 60_000);
});

/** stg of `w` equals a full run's on the same source state. */
async function expectSameAsFull(w: World): Promise<void> {
  const fullDir = await tempDir('etl-counts-full-');
  await runEtl({
    env: env(fullDir),
    sources: ['postgres'],
    connection: w.conn,
    steps: noMarts,
    mode: 'full',
  });
  expect(await stgContent(w.dir)).toEqual(await stgContent(fullDir));
}
