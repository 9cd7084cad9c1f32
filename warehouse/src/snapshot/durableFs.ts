import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Flushes a file or directory to disk. A rename is only durable once the directory holding it is
 * fsynced; without that, a power cut can resurrect the old name. Some platforms (Windows) cannot open
 * a directory for fsync; there the call is skipped, since rename durability is the OS's business.
 */
export async function fsyncPath(path: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * A file that could not be written, named with what it is and its path: Node's own message for a
 * failed write says `ENOSPC: no space left on device, write` and names no file (a review of
 * 2026-12-05, revKill, found a run on a full disk reported just that). Keeps Node's `code`, `errno`
 * and `syscall`, and the original error as `cause`; `path` is the file that was being written.
 */
export class FileWriteError extends Error {
  readonly code: string | undefined;
  readonly errno: number | undefined;
  readonly syscall: string | undefined;
  constructor(
    readonly what: string,
    readonly path: string,
    cause: unknown,
  ) {
    const e = cause as NodeJS.ErrnoException;
    super(`cannot write ${what} ${path}: ${describeFsError(e)}`, { cause });
    this.name = 'FileWriteError';
    this.code = e?.code;
    this.errno = e?.errno;
    this.syscall = e?.syscall;
  }
}

/** Node's message without its trailing `, <syscall> '<path>'` (the path is named once, by us). */
function describeFsError(error: NodeJS.ErrnoException | undefined): string {
  const message = error?.message ?? String(error);
  if (!error?.syscall) return message;
  const cut = message.lastIndexOf(`, ${error.syscall}`);
  return cut > 0 ? message.slice(0, cut) : message;
}

/** Wraps a failed write of `path` as a FileWriteError (once: an error that already is one passes). */
export function fileWriteError(what: string, path: string, error: unknown): Error {
  return error instanceof FileWriteError ? error : new FileWriteError(what, path, error);
}

/**
 * Replaces `path` with `content` atomically: readers see the old bytes or the new ones, never a torn
 * file. Write a temp file beside it, fsync it, rename over the target, fsync the directory.
 *
 * A failure (a full disk) throws a FileWriteError naming `what` and `path`, and removes the temp file
 * (a kill leaves it to `removeStaleFiles`); the target keeps its old bytes.
 *
 * `mode` sets the new file's permissions (0o600 for a file only its owner may read: the temp file
 * is created with it, so the content is never readable by others, not even for a moment).
 */
export async function writeFileAtomic(
  path: string,
  content: string,
  what = 'file',
  options: { readonly mode?: number } = {},
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  try {
    const handle = await open(temp, 'wx', options.mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw fileWriteError(what, path, error);
  }
  try {
    await fsyncPath(dirname(path));
  } catch (error) {
    throw fileWriteError(what, path, error);
  }
}
