import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve as absolute, join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DropChangedError } from './open-regular-file.ts';
import { readCsvBatches } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

/**
 * stageSources checks each drop name with lstat, and the readers opened the file by name later: a
 * file swapped in between for a FIFO (which blocked the run) or a symbolic link (followed out of the
 * drop directory) was read. The readers now open the path themselves without following a link or
 * waiting on a FIFO, check the handle, and read through it.
 */
let dir: string;
let outside: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drop-open-'));
  outside = await mkdtemp(join(tmpdir(), 'drop-open-outside-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const AGENCIES = 'id,code,name,kind,parent_id,valid_from,valid_to\n1,A1,Badan,badan,,2020-01-01,\n';

async function csvRows(path: string): Promise<number> {
  let n = 0;
  for await (const b of readCsvBatches(path, { table: 'agencies' })) n += b.rows.length;
  return n;
}

async function agenciesXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('agencies');
  for (const line of AGENCIES.trim().split('\n')) sheet.addRow(line.split(','));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A fresh directory per case, and a path in it. */
async function place(name: string): Promise<string> {
  const at = await mkdtemp(join(dir, 'case-'));
  return join(at, name);
}

describe('readCsvBatches opens a regular file only, and reads what it checked', () => {
  it('refuses a symbolic link, even to a readable drop, naming it', async () => {
    await writeFile(join(outside, 'secret.csv'), AGENCIES);
    const link = await place('agencies.csv');
    await symlink(join(outside, 'secret.csv'), link);
    await expect(csvRows(link)).rejects.toThrow(
      `files:agencies.csv: '${link}' is a symbolic link: copy the file itself into the drop directory`,
    );
  });

  it('refuses a FIFO at once rather than waiting on it for a writer', async () => {
    const fifo = await place('agencies.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(csvRows(fifo)).rejects.toThrow(
      `files:agencies.csv: '${fifo}' is a FIFO: a drop must be a regular file`,
    );
  }, 5000);

  it('refuses a directory and a socket, naming them', async () => {
    const folder = await place('agencies.csv');
    await mkdir(folder);
    await expect(csvRows(folder)).rejects.toThrow(
      `files:agencies.csv: '${folder}' is a directory: move it out of the drop directory or rename it`,
    );
    const socket = await place('agencies.csv');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      await expect(csvRows(socket)).rejects.toThrow(
        `files:agencies.csv: '${socket}' is a socket: a drop must be a regular file`,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 5000);

  it('reads a regular file, and lets a missing one fail as ENOENT', async () => {
    const path = await place('agencies.csv');
    await writeFile(path, AGENCIES);
    expect(await csvRows(path)).toBe(1);
    await expect(csvRows(`${path}.absent`)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

/**
 * A drop's name may be a person's (`rekap_Siti_Aminah.xlsx`): the path was written bare, and the
 * API, which masks quoted absolute paths below admin, showed it to analysts whole (a privacy review
 * of 2026-12-06). It is quoted, and absolute even when the drop directory was given relative.
 */
describe('the path a refusal names is quoted and absolute', () => {
  it('a directory opened by a relative path', async () => {
    const folder = await place('rekap_Siti_Aminah.csv');
    await mkdir(folder);
    const error = await csvRows(relative(process.cwd(), folder)).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `files:rekap_Siti_Aminah.csv: '${folder}' is a directory: move it out of the drop directory or rename it`,
    );
  });

  it('DropChangedError', () => {
    const path = join('drops', 'rekap_Siti_Aminah.csv');
    expect(new DropChangedError('files:rekap_Siti_Aminah.csv', path).message).toBe(
      `files:rekap_Siti_Aminah.csv: '${absolute(path)}' changed while the run was reading it (another file, size or ` +
        'modification time): run the ETL again once the file is written in full (copy it in under another name, then rename it)',
    );
  });
});

describe('readXlsx opens a regular file only', () => {
  it('refuses a symbolic link, even to a readable workbook, naming it', async () => {
    await writeFile(join(outside, 'secret.xlsx'), await agenciesXlsx());
    const link = await place('agencies.xlsx');
    await symlink(join(outside, 'secret.xlsx'), link);
    await expect(readXlsx(link)).rejects.toThrow(
      `files:agencies.xlsx: '${link}' is a symbolic link: copy the file itself into the drop directory`,
    );
  });

  it('refuses a FIFO at once rather than waiting on it for a writer', async () => {
    const fifo = await place('agencies.xlsx');
    execFileSync('mkfifo', [fifo]);
    await expect(readXlsx(fifo)).rejects.toThrow(
      `files:agencies.xlsx: '${fifo}' is a FIFO: a drop must be a regular file`,
    );
  }, 5000);

  it('reads a regular file', async () => {
    const path = await place('agencies.xlsx');
    await writeFile(path, await agenciesXlsx());
    const staged = await readXlsx(path);
    expect(staged.table).toBe('agencies');
    expect(staged.rows).toHaveLength(1);
  });
});
