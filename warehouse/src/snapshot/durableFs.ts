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
 * Replaces `path` with `content` atomically: readers see the old bytes or the new ones, never a torn
 * file. Write a temp file beside it, fsync it, rename over the target, fsync the directory.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncPath(dirname(path));
}
