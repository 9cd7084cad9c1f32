import { parseArgs } from 'node:util';
import type { EtlSource } from '../run/index.ts';

const SOURCES: readonly EtlSource[] = ['postgres', 'files', 'xapi'];

export const USAGE = `usage: npm run etl -- [--full [--discard-drops]|--incremental] [--source postgres|files|xapi]… [--files <dir>] [--xapi <file>]…
  --full, --incremental  the run's mode (default: incremental when a snapshot is live, else full)
  --discard-drops        with --full: do not carry earlier file-drop and xAPI rows forward from the live snapshot
  --source               where to read (repeat or comma-separate; default postgres)
  --files <dir>          the drop directory for --source files (.csv, .tsv, .txt, .xlsx)
  --xapi <file>          an xAPI export (JSON array or NDJSON) for --source xapi; repeatable
Quarantined rows: $WAREHOUSE_DIR/quarantine (and the Kualitas page, admin).`;

export interface EtlArgs {
  readonly help: boolean;
  readonly mode?: 'full' | 'incremental';
  readonly carryDrops?: false;
  readonly sources: EtlSource[];
  readonly filesDir?: string;
  readonly xapiPaths?: string[];
}

/**
 * The command line of `npm run etl`, checked: a usage mistake throws with a message saying what to
 * write. A folder or file given for a source the run does not read is refused rather than ignored
 * (`--files` without `--source files` used to run PostgreSQL only and report `read 0`).
 */
export function parseEtlArgs(args: readonly string[]): EtlArgs {
  const { values } = parseArgs({
    args: [...args],
    options: {
      full: { type: 'boolean' },
      incremental: { type: 'boolean' },
      source: { type: 'string', multiple: true },
      files: { type: 'string' },
      xapi: { type: 'string', multiple: true },
      'discard-drops': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { help: true, sources: [] };
  if (values.full && values.incremental) throw new Error('choose one of --full and --incremental');
  if (values['discard-drops'] && !values.full) throw new Error('--discard-drops goes with --full');
  const sources = (values.source ?? ['postgres']).flatMap((s) => s.split(','));
  for (const s of sources) {
    if (!SOURCES.includes(s as EtlSource)) throw new Error(`unknown --source ${s} (${SOURCES.join(', ')})`);
  }
  if (sources.includes('files') && !values.files) throw new Error('--source files needs --files <dir>');
  if (sources.includes('xapi') && !values.xapi?.length) throw new Error('--source xapi needs --xapi <file>');
  const without = (source: EtlSource, option: string) =>
    new Error(
      `${option} is read only with --source ${source} (this run's sources: ${sources.join(', ')}); ` +
        `add it, e.g. --source ${source} ${option} … or --source ${[...new Set([...sources, source])].join(',')} ${option} …`,
    );
  if (values.files && !sources.includes('files')) throw without('files', '--files');
  if (values.xapi?.length && !sources.includes('xapi')) throw without('xapi', '--xapi');
  return {
    help: false,
    sources: sources as EtlSource[],
    ...(values.full ? { mode: 'full' as const } : values.incremental ? { mode: 'incremental' as const } : {}),
    ...(values['discard-drops'] ? { carryDrops: false as const } : {}),
    ...(values.files ? { filesDir: values.files } : {}),
    ...(values.xapi?.length ? { xapiPaths: values.xapi } : {}),
  };
}
