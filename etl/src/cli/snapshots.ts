/**
 * `npm run snapshots [-- --rollback <id> | --verify [<id>]]`: the snapshots the warehouse keeps (newest
 * first, the live one marked), a rollback to one of them, or the deep check of one or each. See
 * `snapshotsCommand`.
 */
import { parseArgs } from 'node:util';
import { readEnv } from '../env.ts';
import { snapshotsCommand } from './snapshots-command.ts';

const USAGE = 'usage: npm run snapshots [-- --rollback <snapshot id> | --verify [<snapshot id>]]';

let values: { rollback?: string | undefined; verify?: boolean | undefined; help?: boolean | undefined };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    options: { rollback: { type: 'string' }, verify: { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
  }));
  if (positionals.length > 0 && !values.verify)
    throw new Error(
      `unexpected argument ${positionals[0]} (a snapshot id goes after --rollback or --verify)`,
    );
  if (positionals.length > 1) throw new Error('--verify takes at most one snapshot id');
  if (values.verify && values.rollback !== undefined)
    throw new Error('choose one of --rollback and --verify');
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(
    `${USAGE}\nLists the kept snapshots (newest first, the live one starred), or makes a kept one live.\n` +
      '--verify reads every data block of the given kept snapshot, or of each, and exits 1 if one is damaged.',
  );
  process.exit(0);
}
snapshotsCommand(readEnv().WAREHOUSE_DIR, {
  rollback: values.rollback,
  verify: values.verify ? (positionals[0] ?? true) : undefined,
}).then(
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
