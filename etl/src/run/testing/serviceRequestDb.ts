import { join } from 'node:path';
import { createStgTables, Db } from '@asn/warehouse';
import type { LoadContext } from '../loadTable.ts';

/**
 * An in-memory warehouse with the stg tables and the parents a service request needs (agency 1,
 * employee 7, service type `ktp_el` with a 1-day target), for tests that load service requests
 * through `loadTable`. `land`: also attach the landing schema the staged path writes to.
 */
export async function openServiceRequestDb(options: { readonly land?: boolean } = {}): Promise<Db> {
  const db = await Db.open(':memory:', { mode: 'read-write', threads: 2 });
  await db.exec(`SET TimeZone = 'UTC'`);
  if (options.land) await db.exec(`ATTACH ':memory:' AS land`);
  await createStgTables((sql) => db.exec(sql));
  const lineage = `'postgres' AS _source, 'r0' AS _run_id`;
  await db.exec(`INSERT INTO stg.agencies BY NAME SELECT 1 AS id, 'A' AS code, 'A' AS name, 'dinas' AS kind,
    DATE '2020-01-01' AS valid_from, TIMESTAMPTZ '2024-01-01' AS updated_at, ${lineage}`);
  await db.exec(`INSERT INTO stg.employees BY NAME SELECT 7 AS id, 'k' AS employee_key, 'F' AS sex, 1980 AS birth_year,
    'PNS' AS employment_type, DATE '2005-01-01' AS appointed_on, TIMESTAMPTZ '2024-01-01' AS updated_at, ${lineage}`);
  await db.exec(`INSERT INTO stg.service_levels BY NAME SELECT 1 AS id, 'ktp_el' AS service_type, 'KTP' AS name,
    1.0 AS target_days, TIMESTAMPTZ '2024-01-01' AS updated_at, ${lineage}`);
  return db;
}

/** A load context of run `run-1` onto stored stg rows, writing under `<dir>/<name>`. */
export function serviceRequestContext(db: Db, dir: string, name: string): LoadContext {
  return {
    db,
    runId: 'run-1',
    warehouseDir: join(dir, name),
    scratchDir: dir,
    secret: 'test-key-0123456789',
    emptyStg: false,
    receivedAt: '2024-12-01T00:00:00Z',
  };
}
