/**
 * `npm run snapshots [-- --rollback <id>]`: the snapshots the warehouse keeps (newest first, the live
 * one marked), or a rollback to one of them. See `snapshotsCommand`.
 */
import { parseArgs } from 'node:util';
import { readEnv } from '../env.ts';
import { snapshotsCommand } from './snapshots-command.ts';

const USAGE = 'usage: npm run snapshots [-- --rollback <snapshot id>]';

let values: { rollback?: string | undefined; help?: boolean | undefined };
try {
  ({ values } = parseArgs({ options: { rollback: { type: 'string' }, help: { type: 'boolean' } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(
    `${USAGE}\nLists the kept snapshots (newest first, the live one starred), or makes a kept one live.`,
  );
  process.exit(0);
}
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
