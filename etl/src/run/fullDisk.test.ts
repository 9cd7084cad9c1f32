import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listRunRecords, readCurrent } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDisk } from '../../../warehouse/src/snapshot/testing/fullDisk.ts';
import { readEnv } from '../env.ts';
import { runEtl } from './runEtl.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const cli = join(repoRoot, 'etl/src/cli/etl.ts');
/** Fails writes under FULL_DISK_DIR as a full disk does (checked against a 2 MB tmpfs). */
const fullDisk = join(repoRoot, 'warehouse/src/snapshot/testing/fullDiskPreload.ts');

/** `npm run etl` on file drops in a child process; `disk` makes its disk full (see fullDiskPreload). */
function runCli(dir: string, drops: string, disk: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', fullDisk, cli, '--source', 'files', '--files', drops],
    {
      cwd: repoRoot,
      env: { ...process.env, WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789', ...disk },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let output = '';
  child.stdout.on('data', (c) => {
    output += String(c);
  });
  child.stderr.on('data', (c) => {
    stderr += String(c);
    output += String(c);
  });
  return new Promise<{ code: number | null; stderr: string; output: string }>((done) =>
    child.on('exit', (code) => done({ code, stderr, output })),
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/**
 * A warehouse directory and a drops folder holding one agency, made before a describe block's tests
 * and removed after them.
 */
function warehouseAndDrop(prefix: string): { dir: string; drops: string } {
  const paths = { dir: '', drops: '' };
  beforeAll(async () => {
    paths.dir = await mkdtemp(join(tmpdir(), prefix));
    paths.drops = await mkdtemp(join(tmpdir(), 'etl-drops-'));
    await writeFile(
      join(paths.drops, 'agencies.csv'),
      'id,code,name,kind,valid_from\n1,SETDA,Setda,sekretariat,2020-01-01\n',
    );
  });
  afterAll(async () => {
    await rm(paths.dir, { recursive: true, force: true });
    await rm(paths.drops, { recursive: true, force: true });
  });
  return paths;
}

/**
 * A full disk at the start of a run (review of 2026-12-05, revKill): the run recorded nothing and
 * said only `ENOSPC: no space left on device, write`. Now it is recorded as failed where the record
 * fits; where it does not, the CLI says which file could not be written and exits 1; the live
 * snapshot is untouched, and once space is freed the next run succeeds.
 */
describe('an ETL run on a full disk', () => {
  const paths = warehouseAndDrop('etl-full-disk-');

  it('fails naming the file it could not write, records the run where it can, and the next run succeeds', async () => {
    const { dir, drops } = paths;
    const first = await runCli(dir, drops);
    expect(first.code, first.output).toBe(0);
    const live = await readCurrent(dir);
    const liveSha = await sha256(join(dir, live?.file ?? ''));
    const leftovers = async () =>
      [
        ...(await readdir(dir)),
        ...(await readdir(join(dir, 'runs'))),
        ...(await readdir(join(dir, 'snapshots'))),
      ]
        .filter((n) => n.startsWith('.') || n.includes('.tmp-') || n.endsWith('.lock'))
        .sort();

    // Full from the start: not even the run record fits.
    const full = await runCli(dir, drops, { FULL_DISK_DIR: dir });
    expect(full.code, full.output).toBe(1);
    expect(full.stderr).toMatch(
      new RegExp(
        `ETL failed \\(ENOSPC\\): cannot write run record ${escapeRegExp(dir)}/runs/\\d{8}T\\d{9}Z-[0-9a-f]{4}\\.json: ENOSPC: no space left on device\\n`,
      ),
    );
    expect(full.stderr).toMatch(/is full: free space and run again/);
    expect((await listRunRecords(dir)).map((r) => r.status)).toEqual(['succeeded']);
    expect(await leftovers()).toEqual([]);

    // Room for the run record, not for the build lock: recorded as failed, with the lock's path.
    const noLock = await runCli(dir, drops, { FULL_DISK_DIR: dir, FULL_DISK_ONLY: 'build.lock' });
    expect(noLock.code, noLock.output).toBe(1);
    const lockError = `cannot write build lock ${join(dir, 'build.lock')}: ENOSPC: no space left on device`;
    expect(noLock.stderr).toContain(`ETL failed (ENOSPC): ${lockError}\n`);
    const [failed] = await listRunRecords(dir, { limit: 1 });
    expect(failed).toMatchObject({ status: 'failed', error: lockError });
    expect(await leftovers()).toEqual([]);

    // The disk fills up at the build lock: the run's `running` record is written, its failed one not.
    const filling = await runCli(dir, drops, { FULL_DISK_DIR: dir, FULL_DISK_FROM: 'build.lock' });
    expect(filling.code, filling.output).toBe(1);
    expect(filling.stderr).toMatch(
      new RegExp(
        `${escapeRegExp(lockError)}; the run could not be recorded as failed: cannot write run record ${escapeRegExp(dir)}/runs/\\S+\\.json: ENOSPC: no space left on device\\n`,
      ),
    );
    expect(await leftovers()).toEqual([]);
    expect(await readCurrent(dir)).toEqual(live);
    expect(await sha256(join(dir, live?.file ?? ''))).toBe(liveSha);

    // Space freed: the next run is not held up by anything the failed ones left, and publishes.
    const next = await runCli(dir, drops);
    expect(next.code, next.output).toBe(0);
    expect(next.output).toMatch(/Run \S+ had been interrupted/);
    expect((await readCurrent(dir))?.id).not.toBe(live?.id);
    const runs = await listRunRecords(dir);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'failed', 'failed', 'succeeded']);
    expect(runs[1]?.error).toMatch(/^interrupted: process \d+ ended before the run finished$/);
    expect(await leftovers()).toEqual([]);
  });
});

/**
 * The disk fills up right after the pointer swap (review of 2026-12-06, diskfull): the snapshot was
 * live and served, yet the run failed with "Nothing was published; the live snapshot is unchanged",
 * because its final run record did not fit. Now the run succeeds and says what was not written.
 */
describe('an ETL run whose disk fills up once it published', () => {
  const paths = warehouseAndDrop('etl-full-after-publish-');

  it('succeeds with the snapshot live, says the run record was not written, and the next run records it', async () => {
    const { dir, drops } = paths;
    const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    const run = async () => {
      const logs: string[] = [];
      const result = await runEtl({
        env,
        sources: ['files'],
        filesDir: drops,
        onProgress: (event) => {
          if (event.kind === 'log') logs.push(event.message);
        },
      });
      return { result, logs };
    };
    // Nothing fits from the first write after the new CURRENT's temp file (which fits) on.
    let swapped = false;
    const freeSpace = fillDisk(dir, (path) => {
      if (path.includes('.CURRENT.tmp-')) {
        swapped = true;
        return false;
      }
      return swapped;
    });
    let first: Awaited<ReturnType<typeof run>>;
    try {
      first = await run();
    } finally {
      freeSpace();
    }
    const { result, logs } = first;
    expect(swapped).toBe(true);
    expect((await readCurrent(dir))?.id).toBe(result.snapshotId);
    const record = join(dir, 'runs', `${result.runId}.json`);
    expect(logs).toContain(
      `Published snapshot ${result.snapshotId}, but the run record could not be written: cannot write run record ${record}: ENOSPC: no space left on device. The snapshot is live; the next run records run ${result.runId} as succeeded.`,
    );
    expect((await listRunRecords(dir)).map((r) => [r.runId, r.status])).toEqual([[result.runId, 'running']]);

    // Space freed: the next run records the first one as it published.
    const next = await run();
    expect(next.logs).toContain(
      `Run ${result.runId} ended after publishing snapshot ${result.snapshotId}: recorded as succeeded`,
    );
    expect((await listRunRecords(dir)).map((r) => [r.runId, r.status, r.snapshotId])).toEqual([
      [next.result.runId, 'succeeded', next.result.snapshotId],
      [result.runId, 'succeeded', result.snapshotId],
    ]);
  });
});
