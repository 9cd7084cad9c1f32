import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileWriteError } from '../snapshot/durableFs.ts';
import { appendQuarantineRecords, type QuarantineRecord, quarantineRunDir } from './quarantineStore.ts';

const record: QuarantineRecord = {
  run_id: 'r1',
  source: 'files:drop.csv',
  table: 'service_requests',
  row_number: 7,
  raw: '{"opened_at":"kemarin"}',
  reason: 'BAD_TYPE',
  detail: 'opened_at: not a date',
};

let dir: string;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('appendQuarantineRecords', () => {
  it('appends the parsers’ rejects as NDJSON, one record a line', async () => {
    dir = await mkdtemp(join(tmpdir(), 'quarantine-'));
    await appendQuarantineRecords(dir, 'r1', [record]);
    await appendQuarantineRecords(dir, 'r1', [{ ...record, row_number: 8 }]);
    const lines = (await readFile(join(quarantineRunDir(dir, 'r1'), '_parse.ndjson'), 'utf8'))
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l).row_number)).toEqual([7, 8]);
  });

  it('names the file it could not write (a full disk: /dev/full)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'quarantine-'));
    const runDir = quarantineRunDir(dir, 'r1');
    await mkdir(runDir, { recursive: true });
    const file = join(runDir, '_parse.ndjson');
    await symlink('/dev/full', file);
    const error = await appendQuarantineRecords(dir, 'r1', [record]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as FileWriteError).code).toBe('ENOSPC');
    expect((error as Error).message).toBe(
      `cannot write quarantine file ${file}: ENOSPC: no space left on device`,
    );
  });
});
