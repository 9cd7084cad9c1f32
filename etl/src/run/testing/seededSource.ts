import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { SourceConnection } from '../../source/connect.ts';
import { migrateSource } from '../../source/migrate.ts';
import type { SourceTarget } from '../../testing/source-targets.ts';
import { seedSource } from './seedSource.ts';

/**
 * The source of a describe block: `target` opened, migrated and seeded before its tests and closed
 * after them, with warehouse directories (`tempDir`) removed then. Registers the block's `beforeAll`
 * and `afterAll`, so call it in the describe body. `conn()` is the open connection.
 */
export function useSeededSource(target: SourceTarget): {
  conn(): SourceConnection;
  tempDir(prefix: string): Promise<string>;
} {
  let conn: SourceConnection | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    conn = await target.open();
    await migrateSource(conn.knex);
    await seedSource(conn.knex);
  });
  afterAll(async () => {
    await conn?.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  return {
    conn: () => {
      if (!conn) throw new Error('the seeded source is open only inside the tests of its describe block');
      return conn;
    },
    tempDir: async (prefix) => {
      const d = await mkdtemp(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
  };
}
