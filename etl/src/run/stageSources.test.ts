import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDropFile, stageSources } from './stageSources.ts';

describe('the files a drop directory is read for', () => {
  it('reads CSV, TSV, TXT and XLSX drops, and skips Excel lock files and hidden files', () => {
    expect(['agencies.csv', 'budgets.XLSX', 'a.tsv', 'b.txt'].every(isDropFile)).toBe(true);
    // Excel keeps `~$name.xlsx` beside a workbook open on a share: not a workbook, it used to fail the run.
    expect(isDropFile('~$agencies.xlsx')).toBe(false);
    expect(isDropFile('.~lock.agencies.csv#')).toBe(false);
    expect(isDropFile('._agencies.csv')).toBe(false);
    expect(isDropFile('README.md')).toBe(false);
    // A legacy workbook is not skipped quietly: the reader refuses it, naming the formats it reads.
    expect(isDropFile('agencies.xls')).toBe(true);
  });

  it('fails the run on a legacy .xls drop, naming it and the formats to use', async () => {
    const legacy = await mkdtemp(join(tmpdir(), 'drop-xls-'));
    try {
      await writeFile(join(legacy, 'agencies.xls'), 'not read');
      await expect(stageSources({ filesDir: legacy, jpMinutes: 45 })).rejects.toThrow(
        'files:agencies.xls: unsupported drop format .xls; use .csv, .tsv, .txt or .xlsx',
      );
    } finally {
      await rm(legacy, { recursive: true, force: true });
    }
  });

  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drop-'));
    await writeFile(
      join(dir, 'training_budgets.csv'),
      'id,agency_id,fiscal_year,allocated_idr,realized_idr,updated_at\n1,1,2024,1000000,900000,2024-12-31T00:00:00Z\n',
    );
    await writeFile(join(dir, '~$training_budgets.xlsx'), 'owner: someone');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stages the drop beside a lock file without failing on it', async () => {
    const staged = await stageSources({ filesDir: dir, jpMinutes: 45 });
    expect(staged.map((s) => s.table)).toEqual(['training_budgets']);
  });
});
