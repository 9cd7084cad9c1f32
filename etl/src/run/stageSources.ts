import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readDrop } from '../sources/files/index.ts';
import type { StagedTable } from '../sources/staged.ts';
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
 * Parses the file drops in `filesDir` and the xAPI files into staged tables. A file whose header
 * does not fit is an error of the whole run (HeaderError names the columns), not a quarantined row.
 */
export async function stageSources(options: {
  readonly filesDir?: string | undefined;
  readonly xapiPaths?: readonly string[] | undefined;
  readonly jpMinutes: number;
  /** The zone of spreadsheet timestamps written without one (`SOURCE_TIME_ZONE`). */
  readonly timeZone?: string;
  /** What a file's reading says for the run log (a CSV read as windows-1252: `encodingNote`). */
  readonly onWarning?: (message: string) => void;
}): Promise<StagedTable[]> {
  const staged: StagedTable[] = [];
  if (options.filesDir) {
    const names = (await readdir(options.filesDir)).filter(isDropFile).sort();
    for (const name of names)
      staged.push(
        await readDrop(join(options.filesDir, name), {
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
          ...(options.onWarning ? { onWarning: options.onWarning } : {}),
        }),
      );
  }
  for (const path of options.xapiPaths ?? []) {
    staged.push(await readStatements(path, { jpMinutes: options.jpMinutes }));
  }
  return staged;
}
