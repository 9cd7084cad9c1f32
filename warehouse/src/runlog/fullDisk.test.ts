import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginBuild } from '../snapshot/beginBuild.ts';
import { readCurrent } from '../snapshot/currentPointer.ts';
import { snapshotLayout } from '../snapshot/snapshotLayout.ts';
import { fillDisk } from '../snapshot/testing/fullDisk.ts';
import { publishTestSnapshot } from '../snapshot/testing/publishTestSnapshot.ts';
import { listRunRecords, writeRunRecord } from './runLogStore.ts';
import type { EtlRunRecord } from './runRecord.ts';

/**
 * A full disk at the start of a run (review of 2026-12-05, revKill): the error said only
 * `ENOSPC: no space left on device, write`, and an empty build lock was left that refused the next
 * build. Simulated with fillDisk, which fails writes as a full 2 MB tmpfs does.
 */
const record = (status: EtlRunRecord['status']): EtlRunRecord => ({
  runId: '20261205T100000000Z-abcd',
  mode: 'full',
  sources: ['files'],
  status,
  startedAt: '2026-12-05T10:00:00.000Z',
  finishedAt: null,
  durationMs: null,
  watermarks: {},
  tables: [],
  dataTests: null,
  snapshotId: null,
  error: null,
  pid: process.pid,
});

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describe('on a full disk', () => {
  let dir: string;
  let freeSpace: (() => void) | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-full-disk-'));
  });
  afterEach(async () => {
    freeSpace?.();
    freeSpace = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('a run record that cannot be written names its path and the errno, and leaves no temp file', async () => {
    freeSpace = fillDisk(dir);
    const path = join(dir, 'runs', '20261205T100000000Z-abcd.json');
    // The runs directory cannot even be made.
    await expect(writeRunRecord(dir, record('running'))).rejects.toMatchObject({
      code: 'ENOSPC',
      message: `cannot write run record ${path}: ENOSPC: no space left on device`,
    });
    freeSpace();
    await writeRunRecord(dir, record('running'));
    // The directory exists now; the temp file opens but its bytes do not fit.
    freeSpace = fillDisk(dir);
    await expect(writeRunRecord(dir, record('failed'))).rejects.toMatchObject({
      code: 'ENOSPC',
      message: `cannot write run record ${path}: ENOSPC: no space left on device`,
    });
    expect(await readdir(join(dir, 'runs'))).toEqual(['20261205T100000000Z-abcd.json']);
    expect((await listRunRecords(dir)).map((r) => r.status)).toEqual(['running']);
  });

  it('a build lock that cannot be written is not left behind, and the live snapshot is untouched', async () => {
    const live = await publishTestSnapshot(dir, 'live');
    const liveSha = await sha256(join(dir, live.file));
    freeSpace = fillDisk(dir, (path) => path.endsWith('build.lock'));
    const lock = snapshotLayout(dir).lock;
    await expect(beginBuild(dir, { mode: 'incremental', log: () => undefined })).rejects.toMatchObject({
      code: 'ENOSPC',
      message: `cannot write build lock ${lock}: ENOSPC: no space left on device`,
    });
    expect(await readdir(dir)).not.toContain('build.lock');
    freeSpace();
    freeSpace = undefined;
    // Space freed: the next build starts at once (an empty lock would refuse it as a build starting).
    const next = await beginBuild(dir, { mode: 'incremental', log: () => undefined });
    expect(next.basedOn?.id).toBe(live.id);
    await next.abort();
    expect(await readCurrent(dir)).toEqual(live);
    expect(await sha256(join(dir, live.file))).toBe(liveSha);
  });

  it('copying the live snapshot fails with both paths, leaves no building file and frees the lock', async () => {
    const live = await publishTestSnapshot(dir, 'live');
    const liveSha = await sha256(join(dir, live.file));
    freeSpace = fillDisk(dir, (path) => path.endsWith('.duckdb'));
    await expect(beginBuild(dir, { mode: 'incremental', log: () => undefined })).rejects.toMatchObject({
      code: 'ENOSPC',
      message: expect.stringMatching(/^ENOSPC: no space left on device, copyfile '.+' -> '.+\.building-.+'$/),
    });
    expect(await readdir(dir)).not.toContain('build.lock');
    expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual([`${live.id}.duckdb`, `${live.id}.json`]);
    expect(await sha256(join(dir, live.file))).toBe(liveSha);
  });
});
