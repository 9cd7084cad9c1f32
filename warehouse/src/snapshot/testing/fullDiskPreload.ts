/**
 * `node --import tsx --import <this file> …`: a process whose disk under `FULL_DISK_DIR` is full
 * (see fillDisk), for tests of a CLI on a full disk. `FULL_DISK_ONLY=<suffix>`: only files whose path
 * ends with it do not fit (room for the rest); `FULL_DISK_FROM=<suffix>`: the disk fills up at the
 * first write of such a file, and nothing fits from then on.
 */
import { fillDisk } from './fullDisk.ts';

// biome-ignore lint/style/noProcessEnv: test fixture, configured by the spawning test
const { FULL_DISK_DIR: dir, FULL_DISK_ONLY: only, FULL_DISK_FROM: from } = process.env;
let filled = false;
if (dir) {
  fillDisk(dir, (path) => {
    if (only) return path.endsWith(only);
    if (from && path.endsWith(from)) filled = true;
    return from ? filled : true;
  });
}
