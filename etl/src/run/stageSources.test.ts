import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative as relativePath } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StagedInput, stagedBatches } from '../sources/staged.ts';
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

  it('passes what reading a file says to the run log: a CSV read as windows-1252', async () => {
    const latin = await mkdtemp(join(tmpdir(), 'drop-1252-'));
    try {
      // 'Badan Pengelola Keuangan – Café' in windows-1252: 0x96 is the en dash, 0xE9 the é.
      const header = 'id,code,name,kind,parent_id,valid_from,valid_to,updated_at\n';
      const row = Buffer.concat([
        Buffer.from('1,A1,Badan ', 'latin1'),
        Buffer.from([0x96]),
        Buffer.from(' Caf', 'latin1'),
        Buffer.from([0xe9]),
        Buffer.from(',badan,,2020-01-01,,2024-12-31T00:00:00Z\n', 'latin1'),
      ]);
      await writeFile(join(latin, 'agencies.csv'), Buffer.concat([Buffer.from(header), row]));
      const warnings: string[] = [];
      const staged = await stageSources({
        filesDir: latin,
        jpMinutes: 45,
        onWarning: (m) => warnings.push(m),
      });
      expect(staged.map((s) => s.table)).toEqual(['agencies']);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^files:agencies\.csv: read as windows-1252/);
      expect(warnings[0]).toContain('line 2');
    } finally {
      await rm(latin, { recursive: true, force: true });
    }
  });

  describe('a drop-file name that is no regular file fails the run, naming it, before any file is read', () => {
    const AGENCIES =
      'id,code,name,kind,parent_id,valid_from,valid_to,updated_at\n1,A1,Badan,badan,,2020-01-01,,2024-12-31T00:00:00Z\n';
    let drop: string;
    let outside: string;
    beforeAll(async () => {
      outside = await mkdtemp(join(tmpdir(), 'drop-outside-'));
      await writeFile(join(outside, 'secret.csv'), AGENCIES);
    });
    afterAll(() => rm(outside, { recursive: true, force: true }));
    beforeEach(async () => {
      drop = await mkdtemp(join(tmpdir(), 'drop-odd-'));
      await writeFile(
        join(drop, 'training_budgets.csv'),
        'id,agency_id,fiscal_year,allocated_idr,realized_idr,updated_at\n',
      );
    });
    afterEach(() => rm(drop, { recursive: true, force: true }));

    // It blocked the run forever: opening a FIFO waits for a writer.
    it('a FIFO', async () => {
      execFileSync('mkfifo', [join(drop, 'agencies.csv')]);
      await expect(stageSources({ filesDir: drop, jpMinutes: 45 })).rejects.toThrow(
        `files:agencies.csv: '${join(drop, 'agencies.csv')}' is a FIFO: a drop must be a regular file`,
      );
    });

    // It failed as a bare "EISDIR: illegal operation on a directory, read", naming no file.
    it('a directory', async () => {
      await mkdir(join(drop, 'agencies.csv'));
      await expect(stageSources({ filesDir: drop, jpMinutes: 45 })).rejects.toThrow(
        `files:agencies.csv: '${join(drop, 'agencies.csv')}' is a directory: move it out of the drop directory or rename it`,
      );
    });

    // It was followed, and the file outside the drop directory loaded as agencies.
    it('a symbolic link, even to a readable drop file', async () => {
      await symlink(join(outside, 'secret.csv'), join(drop, 'agencies.csv'));
      await expect(stageSources({ filesDir: drop, jpMinutes: 45 })).rejects.toThrow(
        `files:agencies.csv: '${join(drop, 'agencies.csv')}' is a symbolic link: copy the file itself into the drop directory`,
      );
      // The same file copied in loads.
      await rm(join(drop, 'agencies.csv'));
      await writeFile(join(drop, 'agencies.csv'), AGENCIES);
      const staged = await stageSources({ filesDir: drop, jpMinutes: 45 });
      const rows = async (input: StagedInput) => {
        let n = 0;
        for await (const b of stagedBatches(input)) n += b.rows.length;
        return n;
      };
      expect(await Promise.all(staged.map(async (t) => [t.table, await rows(t)]))).toEqual([
        ['agencies', 1],
        ['training_budgets', 0],
      ]);
    });

    // A drop's name may be a person's: the path was written bare, and the API, which masks quoted
    // paths below admin, showed it to analysts whole (a privacy review of 2026-12-06). Quoted and
    // absolute, a drop directory given relative to the working directory included.
    it('names the path quoted and absolute, so the API can mask it below admin', async () => {
      const name = 'rekap_Siti_Aminah_198808082012032777.xlsx';
      await mkdir(join(drop, name));
      const relative = relativePath(process.cwd(), drop);
      expect(isAbsolute(relative)).toBe(false);
      const error = await stageSources({ filesDir: relative, jpMinutes: 45 }).catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        `files:${name}: '${join(drop, name)}' is a directory: move it out of the drop directory or rename it`,
      );
    });

    it('while a directory or link under a name that is no drop file is left alone', async () => {
      await mkdir(join(drop, 'archive'));
      await symlink(join(outside, 'secret.csv'), join(drop, 'notes'));
      const staged = await stageSources({ filesDir: drop, jpMinutes: 45 });
      expect(staged.map((t) => t.table)).toEqual(['training_budgets']);
    });
  });
});
