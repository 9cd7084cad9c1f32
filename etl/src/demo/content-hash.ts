import { createHash } from 'node:crypto';
import type { DemoWorld } from './generate.ts';

/** SHA-256 over every table's name, columns and rows in order: equal hashes ⇔ equal worlds. */
export function contentHash(world: DemoWorld): string {
  const hash = createHash('sha256');
  for (const table of world.tables) {
    hash.update(`${table.name}(${table.columns.join(',')})\n`);
    for (const chunk of table.chunks()) for (const row of chunk) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}
