/**
 * `npm run snapshots [-- --rollback <id>]`: the snapshots the warehouse keeps (newest first, the live
 * one marked), or a rollback to one of them. See `snapshotsCommand`.
 */
import { parseArgs } from 'node:util';
import { readEnv } from '../env.ts';
import { snapshotsCommand } from './snapshots-command.ts';

const { values } = parseArgs({ options: { rollback: { type: 'string' } } });
snapshotsCommand(readEnv().WAREHOUSE_DIR, { rollback: values.rollback }).then(
  (result) => {
    for (const line of result.out) console.log(line);
    for (const line of result.err) console.error(line);
    process.exit(result.code);
  },
  (error: unknown) => {
    console.error(`snapshots failed: ${(error as Error).message}`);
    process.exit(2);
  },
);
