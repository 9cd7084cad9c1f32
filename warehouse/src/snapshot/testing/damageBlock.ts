import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Db } from '../../db/index.ts';

/** DuckDB's file header: three 4 KiB blocks before block 0. */
const FILE_HEADER_BYTES = 3 * 4096;

/**
 * Test helper: writes random bytes over one data block of `table` (`schema.table`) in a closed
 * snapshot file, as bit rot or a stray write would, and returns the block id. DuckDB still opens the
 * file and answers `count(*)` from metadata; reading that table's data fails its block checksum.
 */
export async function damageTableBlock(path: string, table: string): Promise<number> {
  const db = await Db.open(path, { mode: 'read-only' });
  let block: number;
  let blockSize: number;
  try {
    const [size] = await db.all<{ block_size: number | bigint }>(
      'select block_size from pragma_database_size()',
    );
    blockSize = Number(size?.block_size);
    const [segment] = await db.all<{ block_id: number | bigint }>(
      `select block_id from pragma_storage_info('${table.replaceAll("'", "''")}') where block_id >= 0 order by block_id limit 1`,
    );
    if (!segment) throw new Error(`damageTableBlock: ${table} has no data block in ${path}`);
    block = Number(segment.block_id);
  } finally {
    await db.close();
  }
  const file = await open(path, 'r+');
  try {
    // Past the block's own checksum, inside its data.
    await file.write(randomBytes(64), 0, 64, FILE_HEADER_BYTES + block * blockSize + 64);
    await file.sync();
  } finally {
    await file.close();
  }
  return block;
}
