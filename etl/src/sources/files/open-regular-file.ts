import { constants, type Stats } from 'node:fs';
import { type FileHandle, lstat, open } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * A path as a run's error names it: absolute, in single quotes, as Node's file errors write one
 * (`open '/drops/rekap.xlsx'`). A drop's name may be a person's (`rekap_Siti_Aminah.xlsx`), and the
 * API shows a run's error below admin with each quoted absolute path as `'<path>'`
 * (api/src/resolvers/file-names.ts); a path written bare (`files:<name>: /drops/<name> is a
 * directory`) reached analysts whole until a privacy review of 2026-12-06. Absolute, so a drop
 * directory given as `--files drops` is masked too, and the admin reads where the file is.
 */
export function quotedPath(path: string): string {
  return `'${resolve(path)}'`;
}

/** What a refusal of `openRegularFile` tells the person to do, by what the path is. */
export interface RegularFileAdvice {
  readonly symlink: string;
  readonly directory: string;
  /** A FIFO, a socket or a device. */
  readonly other: string;
}

/** A drop file's: as stageSources words it. */
export const DROP_FILE_ADVICE: RegularFileAdvice = {
  symlink: 'copy the file itself into the drop directory',
  directory: 'move it out of the drop directory or rename it',
  other: 'a drop must be a regular file',
};

function notRegularFile(source: string, path: string, info: Stats, advice: RegularFileAdvice): Error {
  const what = info.isSymbolicLink()
    ? `a symbolic link: ${advice.symlink}`
    : info.isDirectory()
      ? `a directory: ${advice.directory}`
      : `${info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : 'a device'}: ${advice.other}`;
  return new Error(`${source}: ${quotedPath(path)} is ${what}`);
}

/**
 * Opens a file to read, refusing anything but a regular file: a symbolic link is not followed
 * (O_NOFOLLOW), a FIFO is not waited on (O_NONBLOCK), and the handle itself is checked (fstat), so
 * what is checked is what is read. stageSources checks each drop name with lstat first, but the file
 * could be swapped for a FIFO or a link before it was opened. The caller reads through the handle
 * and closes it; `stats` is the handle's.
 */
export async function openRegularFile(
  path: string,
  source: string,
  advice: RegularFileAdvice = DROP_FILE_ADVICE,
  /**
   * Follow a symbolic link to the file it names: for a path the operator gave by name (`--xapi`),
   * where a link (`lrs-latest.ndjson` → the day's export) is a usual way to name the current file.
   * A drop-directory entry is never followed: a link there may point outside the directory.
   */
  followLinks = false,
): Promise<{ handle: FileHandle; stats: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(
      path,
      constants.O_RDONLY | constants.O_NONBLOCK | (followLinks ? 0 : constants.O_NOFOLLOW),
    );
  } catch (error) {
    // O_NOFOLLOW refuses a symbolic link (ELOOP); a socket cannot be opened at all (ENXIO).
    const code = (error as { code?: string }).code;
    if (code === 'ELOOP' || code === 'ENXIO') {
      const info = await lstat(path).catch(() => null);
      if (info && !info.isFile()) throw notRegularFile(source, path, info, advice);
    }
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegularFile(source, path, stats, advice);
    return { handle, stats };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** What tells one state of a file from another: the same file (device, inode) with the same size and modification time. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

export function fileIdentity(stats: Stats): FileIdentity {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

/**
 * A drop that is not the file, or not in the state, it was when the run staged it: a CSV drop is
 * staged (its header checked) when the run starts and read while its table loads, minutes later.
 * Rewritten in place meanwhile, it loaded a mix of the two files (rows of the new one parsed under
 * the old header), or a file cut short, without a word (review of 2026-12-06).
 */
export class DropChangedError extends Error {
  readonly code = 'DROP_CHANGED';
  constructor(source: string, path: string) {
    super(
      `${source}: ${quotedPath(path)} changed while the run was reading it (another file, size or modification time): ` +
        'run the ETL again once the file is written in full (copy it in under another name, then rename it)',
    );
    this.name = 'DropChangedError';
  }
}

/** Throws {@link DropChangedError} unless `now` is the state `expected` recorded. */
export function assertSameFile(source: string, path: string, expected: FileIdentity, now: Stats): void {
  const id = fileIdentity(now);
  if (
    id.dev !== expected.dev ||
    id.ino !== expected.ino ||
    id.size !== expected.size ||
    id.mtimeMs !== expected.mtimeMs
  )
    throw new DropChangedError(source, path);
}
