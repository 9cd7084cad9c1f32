import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../source/migrate.ts';
import { migrateCommand } from './migrate.ts';

describe('npm run migrate', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('applies every pending migration once, then says the schema is up to date', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asn-migrate-'));
    dirs.push(dir);
    const embeddedDir = join(dir, 'source');
    const first = await migrateCommand({ url: undefined, embeddedDir });
    expect(first.target).toContain('embedded PGlite');
    expect(first.applied.length).toBe(MIGRATIONS.length);
    const second = await migrateCommand({ url: undefined, embeddedDir });
    expect(second.applied).toEqual([]);
  }, 120_000);
});
