import { spawnSync } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSource, EmbeddedSourceBusyError } from '../src/source/connect.ts';

/**
 * The embedded PGlite directory is one process's: a lock left by a killed process (its pid is gone)
 * is taken over, a second opener is refused with a readable error, and close releases the lock.
 * (PGlite's own postmaster.pid holds the fake pid -42 and never blocks: it is not a lock.)
 * One PGlite start on disk only: it is the slow part.
 */
describe('embedded source lock', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'etl-source-lock-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('takes over a stale lock, refuses a second opener while connected, and releases on close', async () => {
    const dir = join(root, 'source');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(dead).toBeGreaterThan(0);
    await writeFile(`${dir}.lock`, `${dead}\n`);

    const conn = await connectSource({ embeddedDir: dir });
    try {
      expect((await readFile(`${dir}.lock`, 'utf8')).trim()).toBe(String(process.pid));
      expect(await conn.knex.raw('select 1 as one').then((r) => r.rows[0].one)).toBe(1);
      const second = connectSource({ embeddedDir: dir });
      await expect(second).rejects.toBeInstanceOf(EmbeddedSourceBusyError);
      await expect(second).rejects.toThrow(
        `The embedded source ${dir} is open in process ${process.pid} (this one): PGlite serves one process at a time.`,
      );
    } finally {
      await conn.close();
    }
    await expect(access(`${dir}.lock`)).rejects.toThrow();
  });
});
