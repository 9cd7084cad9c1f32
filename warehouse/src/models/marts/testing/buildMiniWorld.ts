import { Db } from '../../../db/index.ts';
import { type BuildMartsOptions, buildMarts } from '../build.ts';
import { miniWorldWith } from './miniWorld.ts';
import type { StgRows } from './seedStg.ts';
import { seedStg } from './seedStg.ts';

/** An in-memory Db with `miniWorld()` (tables in `overrides` replaced) seeded and the marts built. */
export async function buildMiniWorld(overrides: StgRows = {}, options: BuildMartsOptions = {}): Promise<Db> {
  const db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
  await seedStg(db, miniWorldWith(overrides));
  await buildMarts(db, options);
  return db;
}

/** Pseudonym of mini-world employee n (64 hex characters). */
export const employeeKey = (n: number): string => `${'a'.repeat(63)}${n}`;
