import fs from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';

/**
 * Makes the disk under `dir` "full" for this process, as a small tmpfs does (tested against one of
 * 2 MB): files still open, but writing bytes to them fails with Node's own ENOSPC error, as does
 * copying a file there and creating a directory that is not there yet. Reads, renames and removals
 * work. `only` narrows the full disk to the paths it accepts (room for some files, not others).
 *
 * Patches `node:fs/promises` (and its ESM exports, through syncBuiltinESMExports) for every module of
 * the process; JS writes only, not DuckDB's. Returns the function that frees the space again.
 */
export function fillDisk(dir: string, only: (path: string) => boolean = () => true): () => void {
  const root = resolve(dir);
  const full = (path: unknown) => {
    const p = resolve(String(path));
    return (p === root || p.startsWith(`${root}${sep}`)) && only(p);
  };
  const original = {
    open: fs.open,
    writeFile: fs.writeFile,
    appendFile: fs.appendFile,
    copyFile: fs.copyFile,
    mkdir: fs.mkdir,
  };
  const patched: Partial<typeof fs> = {
    open: (async (path: Parameters<typeof fs.open>[0], flags?: string | number, mode?: number) => {
      const handle = await original.open(path, flags, mode);
      const writing = typeof flags === 'number' || /[wa+]/.test(flags ?? 'r');
      return writing && full(path) ? fullHandle(handle) : handle;
    }) as typeof fs.open,
    writeFile: (async (path: Parameters<typeof fs.writeFile>[0], ...rest: unknown[]) => {
      if (full(path)) {
        // Node creates (or truncates) the file, then the write fails.
        await original.writeFile(path, '');
        throw enospc('write');
      }
      return (original.writeFile as (...args: unknown[]) => Promise<void>)(path, ...rest);
    }) as typeof fs.writeFile,
    appendFile: (async (path: Parameters<typeof fs.appendFile>[0], ...rest: unknown[]) => {
      if (full(path)) throw enospc('write');
      return (original.appendFile as (...args: unknown[]) => Promise<void>)(path, ...rest);
    }) as typeof fs.appendFile,
    copyFile: (async (src: string, dest: string, mode?: number) => {
      if (full(dest)) throw enospc('copyfile', ` '${src}' -> '${dest}'`);
      return original.copyFile(src, dest, mode);
    }) as typeof fs.copyFile,
    mkdir: (async (path: string, options?: Parameters<typeof fs.mkdir>[1]) => {
      const exists = await fs.stat(path).then(
        () => true,
        () => false,
      );
      if (!exists && full(path)) throw enospc('mkdir', ` '${path}'`);
      return original.mkdir(path, options);
    }) as typeof fs.mkdir,
  };
  Object.assign(fs, patched);
  syncBuiltinESMExports();
  return () => {
    Object.assign(fs, original);
    syncBuiltinESMExports();
  };
}

/** Node's error for a write to a full disk: `ENOSPC: no space left on device, write`. */
function enospc(syscall: string, paths = ''): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}${paths}`), {
    code: 'ENOSPC',
    errno: -28,
    syscall,
  });
}

/** The handle, with every method that writes bytes failing as on a full disk. */
function fullHandle(handle: fs.FileHandle): fs.FileHandle {
  const writes = new Set<PropertyKey>(['write', 'writev', 'writeFile', 'appendFile', 'truncate']);
  return new Proxy(handle, {
    get(target, prop) {
      if (writes.has(prop)) {
        return async () => {
          throw enospc('write');
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
