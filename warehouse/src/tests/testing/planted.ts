import { Db } from '../../db/index.ts';
import { buildMarts } from '../../models/marts/build.ts';
import { miniWorld } from '../../models/marts/testing/miniWorld.ts';
import { seedStg } from '../../models/marts/testing/seedStg.ts';

/** The mini world's marts in an in-memory DuckDB: the data-test suites plant violations in it. */
export async function miniWorldMarts(): Promise<Db> {
  const db = await Db.open(':memory:', { mode: 'read-write' });
  await seedStg(db, miniWorld());
  await buildMarts(db);
  return db;
}

/** Runs `work` after `sql` (a planted violation) in a transaction, then rolls both back. */
export async function withPlanted<T>(db: Db, sql: string, work: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN TRANSACTION');
  try {
    await db.exec(sql);
    return await work();
  } finally {
    await db.exec('ROLLBACK');
  }
}
