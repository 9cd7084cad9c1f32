/**
 * `npm run etl -- [--full [--discard-drops]|--incremental] [--source postgres|files|xapi]… [--files dir] [--xapi file]…`
 *
 * One ETL run with a progress bar per table during the extract (on a TTY), a timed line per stage
 * and per loaded table in both modes (see progress.ts), and a summary table; exits non-zero with a
 * readable message on failure. Default mode: incremental when a snapshot is live, else full.
 * Default source: postgres.
 *
 * Start with UV_THREADPOOL_SIZE=8 (or more): DuckDB queries, file I/O and crypto share libuv's pool.
 * ETL_KILL_AT=<stage> (tests only) SIGKILLs this process when the run reaches that stage.
 */
import cliProgress from 'cli-progress';
import { readEnv } from '../env.ts';
import { type EtlStage, runEtl } from '../run/index.ts';
import { publishTemplates } from '../sources/files/publish-templates.ts';
import { parseEtlArgs, USAGE } from './etl-args.ts';
import { failureHint } from './failure-hint.ts';
import { progressReporter } from './progress.ts';

async function main(): Promise<number> {
  const args = parseEtlArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const env = readEnv();
  const tty = Boolean(process.stdout.isTTY);
  const bars = tty
    ? new cliProgress.MultiBar(
        { format: ' {table} |{bar}| {value}/{total} rows', hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const killAt = process.env.ETL_KILL_AT as EtlStage | undefined;
  const started = performance.now();
  const progress = progressReporter({ bars, print: (line) => console.log(line), started });
  try {
    const result = await runEtl({
      env,
      sources: args.sources,
      ...(args.mode ? { mode: args.mode } : {}),
      ...(args.carryDrops === false ? { carryDrops: false } : {}),
      ...(args.filesDir ? { filesDir: args.filesDir } : {}),
      ...(args.xapiPaths ? { xapiPaths: args.xapiPaths } : {}),
      onStage: (stage) => {
        if (stage === killAt) {
          // The one place the internal name is printed: the kill tests look for the stage they asked for.
          progress.stopBars();
          progress.say(`— ${stage} (ETL_KILL_AT): SIGKILL`);
          process.kill(process.pid, 'SIGKILL');
        }
      },
      onProgress: progress.onProgress,
    });
    progress.stopBars();
    // The blank file-drop templates the API serves follow the catalog this ETL validates against.
    await publishTemplates(env.WAREHOUSE_DIR).catch((error: unknown) =>
      console.warn(`file-drop templates not written: ${(error as Error).message}`),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `\n${result.mode} run ${result.runId} published snapshot ${result.snapshotId} in ${seconds.toFixed(1)} s\n`,
    );
    console.table(
      result.tables.map((t) => ({
        table: t.table,
        read: t.read,
        loaded: t.loaded,
        quarantined: t.quarantined,
        collapsed: t.collapsed,
        inserted: t.inserted,
        deleted: t.deleted,
        'rows/s': t.seconds > 0 ? Math.round(t.read / t.seconds) : null,
      })),
    );
    return 0;
  } catch (error) {
    progress.stopBars();
    const e = error as Error & { code?: string };
    console.error(`\nETL failed${e.code ? ` (${e.code})` : ''}: ${e.message}`);
    const hint = failureHint(e.code);
    if (hint) console.error(hint);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A usage mistake (an unknown flag, a missing value): the message, then how to call it.
    console.error(`ETL failed: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  },
);
