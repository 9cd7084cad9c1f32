import { spawnSync } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSource, EmbeddedSourceBusyError } from '../src/source/connect.ts';

/**
 * The embedded PGlite directory is one process's: a second opener is refused with a readable error,
 * and a lock left by a killed process (its pid is gone) is taken over. (PGlite's own postmaster.pid
 * holds the fake pid -42 and never blocks: it is not a lock.)
 */
describe('embedded source lock', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'etl-source-lock-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a second open while connected, and releases the lock on close', async () => {
    const dir = join(root, 'source');
    const conn = await connectSource({ embeddedDir: dir });
    try {
      expect((await readFile(`${dir}.lock`, 'utf8')).trim()).toBe(String(process.pid));
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

  it('takes over a stale lock whose process is gone (a SIGKILLed run)', async () => {
    const dir = join(root, 'stale');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(dead).toBeGreaterThan(0);
    await writeFile(`${dir}.lock`, `${dead}\n`);
    const conn = await connectSource({ embeddedDir: dir });
    try {
      expect((await readFile(`${dir}.lock`, 'utf8')).trim()).toBe(String(process.pid));
      expect(await conn.knex.raw('select 1 as one').then((r) => r.rows[0].one)).toBe(1);
    } finally {
      await conn.close();
    }
  });
});
