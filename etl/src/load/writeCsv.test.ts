import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileWriteError } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCsv } from './writeCsv.ts';

describe('writeCsv', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'write-csv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a header and quoted fields, NULL as empty', async () => {
    const file = join(dir, 'a.csv');
    const n = await writeCsv(
      file,
      ['a', 'b'],
      [
        ['x "y"', null],
        ['', 'z'],
      ],
    );
    expect(n).toBe(2);
    expect(await readFile(file, 'utf8')).toBe('a,b\n"x ""y""",\n"","z"\n');
  });

  /**
   * A full disk while staging a file drop (review of 2026-12-06, diskfull): the run failed with
   * `ENOSPC: no space left on device, write`, naming no file. /dev/full fails every write so.
   */
  it('names the file it could not write on a full disk, big or small', async () => {
    for (const rows of [1, 30_000]) {
      const error = await writeCsv(
        '/dev/full',
        ['a', 'b'],
        Array.from({ length: rows }, (_, i) => [String(i), 'x'.repeat(40)]),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileWriteError);
      expect(error).toMatchObject({
        code: 'ENOSPC',
        path: '/dev/full',
        message: 'cannot write CSV file /dev/full: ENOSPC: no space left on device',
      });
    }
  });
});
