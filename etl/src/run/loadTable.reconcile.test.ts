import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openScratch } from '../load/scratchArea.ts';
import { loadTable, type PgPart, ReconciliationError } from './loadTable.ts';
import { openServiceRequestDb, serviceRequestContext } from './testing/serviceRequestDb.ts';
import { stagedRows } from './testing/stagedRows.ts';

/**
 * The reconciliation read = loaded + quarantined and inserted = loaded − collapsed (README,
 * Reconciliation) fails the table when the counts disagree. Nothing in a healthy load makes them
 * disagree, so the test lies about one count through the Db the loader is given (ctx.db): the stg
 * INSERT reports one row fewer than it wrote, as a write that lost a row would.
 */
const HEADER =
  'id,service_unit_agency_id,service_type,handled_by,kelurahan_code,submitted_at,completed_at,status,updated_at';
const ROWS = [1, 2, 3].map(
  (id) =>
    `${id},1,ktp_el,7,62.71.01,2024-03-0${id} 10:00:00+00,2024-03-0${id + 1} 10:00:00+00,completed,2024-11-01 00:00:00+00`,
);

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'etl-reconcile-'));
  file = join(dir, 'part_0.csv');
  await writeFile(file, `${HEADER}\n${ROWS.join('\n')}\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const openDb = () => openServiceRequestDb();
const context = (db: Db, name: string) => serviceRequestContext(db, dir, name);

/** Makes `db.run` report one row fewer for every INSERT into stg.<table>. */
function undercountInserts(db: Db, table: string): void {
  const run = db.run.bind(db);
  vi.spyOn(db, 'run').mockImplementation(async (sql, params) => {
    const n = await run(sql, params);
    return sql.trimStart().startsWith(`INSERT INTO stg."${table}" `) ? n - 1 : n;
  });
}

describe('loadTable: the reconciliation guard', () => {
  it('reconciles an honest load (the control)', async () => {
    const db = await openDb();
    try {
      const outcome = await loadTable(context(db, 'honest'), {
        table: 'service_requests',
        pgParts: [Promise.resolve<PgPart>({ file, rows: ROWS.length })],
        reconcile: null,
        staged: [],
      });
      expect(outcome.counts).toMatchObject({ read: 3, loaded: 3, quarantined: 0, inserted: 3 });
    } finally {
      await db.close();
    }
  });

  it('fails a PostgreSQL-only table whose read ≠ loaded + quarantined', async () => {
    const db = await openDb();
    try {
      undercountInserts(db, 'service_requests');
      const load = loadTable(context(db, 'direct'), {
        table: 'service_requests',
        pgParts: [Promise.resolve<PgPart>({ file, rows: ROWS.length })],
        reconcile: null,
        staged: [],
      });
      await expect(load).rejects.toThrow(ReconciliationError);
      await expect(load).rejects.toThrow(
        'service_requests does not reconcile: read 3 ≠ loaded 2 + quarantined 0',
      );
    } finally {
      await db.close();
    }
  });

  it('fails a landed table whose inserted ≠ loaded − collapsed', async () => {
    const db = await openDb();
    // Rows that land first (file drops) go through the scratch catalog `land`.
    const scratch = await openScratch(db, join(dir, 'landed'), 'run-1');
    try {
      undercountInserts(db, 'service_levels');
      const load = loadTable(
        { ...context(db, 'landed'), scratchDir: scratch.dir },
        {
          table: 'service_levels',
          pgParts: null,
          reconcile: null,
          staged: [
            stagedRows('service_levels', [
              { id: '2', service_type: 'kk', name: 'KK', target_days: '10' },
              { id: '3', service_type: 'akta', name: 'Akta', target_days: '5' },
            ]),
          ],
        },
      );
      await expect(load).rejects.toMatchObject({
        code: 'RECONCILIATION_FAILED',
        message: expect.stringContaining('or inserted 1 ≠ loaded − collapsed 2'),
      });
    } finally {
      await scratch.dispose();
      await db.close();
    }
  });
});
