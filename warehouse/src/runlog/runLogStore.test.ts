import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quarantineRunDir, writeQuarantineCounts } from '../quarantine/index.ts';
import { listRunRecords, runLogDir, writeRunRecord } from './runLogStore.ts';
import type { EtlRunRecord } from './runRecord.ts';

const record: EtlRunRecord = {
  runId: '20261205T100000000Z-abcd',
  mode: 'full',
  sources: ['files'],
  status: 'failed',
  startedAt: '2026-12-05T10:00:00.000Z',
  finishedAt: '2026-12-05T10:00:01.000Z',
  durationMs: 1000,
  watermarks: {},
  tables: [],
  dataTests: null,
  snapshotId: null,
  error: 'files:employees.csv: header does not match table employees',
  pid: process.pid,
};

const permissions = async (path: string) => (await stat(path)).mode & 0o777;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runlog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('run records are owner-only, like the quarantine', () => {
  it('creates runs/ 0700 and each record 0600, whatever the umask', async () => {
    const before = process.umask(0o022);
    try {
      await writeRunRecord(dir, record);
      await writeRunRecord(dir, { ...record, status: 'succeeded' });
    } finally {
      process.umask(before);
    }
    expect(await permissions(runLogDir(dir))).toBe(0o700);
    expect(await readdir(runLogDir(dir))).toEqual([`${record.runId}.json`]);
    expect(await permissions(join(runLogDir(dir), `${record.runId}.json`))).toBe(0o600);
    expect((await listRunRecords(dir)).map((r) => r.status)).toEqual(['succeeded']);
  });

  it('tightens a runs/ an older version left readable by others', async () => {
    await mkdir(runLogDir(dir), { mode: 0o755 });
    await chmod(runLogDir(dir), 0o755);
    await writeRunRecord(dir, record);
    expect(await permissions(runLogDir(dir))).toBe(0o700);
  });

  it('writes quarantine counts 0600 from the start (no temp file under the umask)', async () => {
    await writeQuarantineCounts(dir, record.runId, []);
    expect(await permissions(join(quarantineRunDir(dir, record.runId), 'counts.json'))).toBe(0o600);
  });
});
