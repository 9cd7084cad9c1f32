import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { quotedPath } from '../sources/files/open-regular-file.ts';
import { stageDrop } from '../sources/files/read-drop.ts';
import type { StagedInput } from '../sources/staged.ts';
import { readStatements } from '../sources/xapi/index.ts';

/** Drop files a directory may hold (others, e.g. README, are ignored). */
const DROP_FILE = /\.(csv|tsv|txt|xlsx)$/i;

/** Spreadsheets the drop reader cannot read: handed to it so the run fails naming the file and the fix. */
const SPREADSHEET_ELSE = /\.(xls|xlsm|xlsb|ods)$/i;

/**
 * A file to hand to the drop reader: a drop file or a spreadsheet it refuses by name, and not the
 * lock file Excel keeps beside an open workbook (`~$agencies.xlsx`, not a workbook at all) nor a hidden file (`.~lock…`, `._…`).
 */
export function isDropFile(name: string): boolean {
  return (
    (DROP_FILE.test(name) || SPREADSHEET_ELSE.test(name)) && !name.startsWith('~$') && !name.startsWith('.')
  );
}

/**
 * Refuses a drop-file name that is no regular file, naming it. A directory failed as a bare EISDIR
 * naming no file, a FIFO blocked the run forever, and a symbolic link was followed wherever it
 * pointed (a file outside the drop directory loaded as a drop) until a review of 2026-12-06. A link
 * is refused rather than followed: the drop directory is what the run loads, and a link inside it
 * the operator means can be replaced by the file itself. Checked with lstat, so nothing is opened.
 * The path is quoted (`quotedPath`), so the API shows it below admin as `'<path>'`.
 */
async function checkRegularFile(dir: string, name: string): Promise<void> {
  const info = await lstat(join(dir, name));
  if (info.isFile()) return;
  const what = info.isSymbolicLink()
    ? 'a symbolic link: copy the file itself into the drop directory'
    : info.isDirectory()
      ? 'a directory: move it out of the drop directory or rename it'
      : `${info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : 'a device'}: a drop must be a regular file`;
  throw new Error(`files:${name}: ${quotedPath(join(dir, name))} is ${what}`);
}

/**
 * Stages the file drops in `filesDir` and the xAPI files for the loader: an XLSX is parsed whole,
 * an xAPI file read piece by piece into its staged rows (`readStatements`), a CSV drop up to its
 * header, its rows read batch by batch while its table is loaded (`stageDrop`). A file whose header does not fit is an error of the whole run (HeaderError
 * names the columns), not a quarantined row, thrown here, before anything lands; so is a drop-file
 * name that is no regular file (a directory, FIFO, symbolic link: checkRegularFile).
 */
export async function stageSources(options: {
  readonly filesDir?: string | undefined;
  readonly xapiPaths?: readonly string[] | undefined;
  readonly jpMinutes: number;
  /** The zone of spreadsheet timestamps written without one (`SOURCE_TIME_ZONE`). */
  readonly timeZone?: string;
  /** What a file's reading says for the run log (a CSV read as windows-1252: `encodingNote`). */
  readonly onWarning?: (message: string) => void;
  /** Rows per batch of a CSV drop (default: the CSV reader's). */
  readonly batchSize?: number;
}): Promise<StagedInput[]> {
  const staged: StagedInput[] = [];
  if (options.filesDir) {
    const names = (await readdir(options.filesDir)).filter(isDropFile).sort();
    // Every name first, so a bad one fails the run before any file is read.
    for (const name of names) await checkRegularFile(options.filesDir, name);
    for (const name of names)
      staged.push(
        await stageDrop(join(options.filesDir, name), {
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
          ...(options.onWarning ? { onWarning: options.onWarning } : {}),
          ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        }),
      );
  }
  for (const path of options.xapiPaths ?? []) {
    staged.push(await readStatements(path, { jpMinutes: options.jpMinutes }));
  }
  return staged;
}
