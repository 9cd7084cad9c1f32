import { join } from 'node:path';
import {
  type CurrentDamagedError,
  listSnapshots,
  rollbackSnapshot,
  SnapshotError,
  SnapshotNotFoundError,
  snapshotRunId,
  verifySnapshot,
} from '@asn/warehouse';

/** What `npm run snapshots` printed and its exit code (0 ok, 1 refused). */
export interface CommandResult {
  readonly code: number;
  readonly out: readonly string[];
  readonly err: readonly string[];
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * `npm run snapshots` lists the snapshots the warehouse keeps, newest first, the live one marked;
 * `npm run snapshots -- --rollback <id>` makes a kept one live again (the API serves it from its
 * next request on; the next incremental ETL run starts from it). Refused while a build runs.
 * `npm run snapshots -- --verify [<id>]` reads every data block of one kept snapshot, or of each
 * (exit 1 when one does not read back). A damaged CURRENT does not stop any of them: the listing
 * warns and marks none live, and a rollback rewrites CURRENT.
 */
export async function snapshotsCommand(
  warehouseDir: string,
  options: { readonly rollback?: string | undefined; readonly verify?: string | true | undefined },
): Promise<CommandResult> {
  if (options.rollback !== undefined) {
    let damaged: CurrentDamagedError | undefined;
    await listSnapshots(warehouseDir, {
      onDamagedCurrent: (error) => {
        damaged = error;
      },
    });
    try {
      // What the rollback did on the way (a stale lock taken over, manifests rebuilt for snapshots
      // restored without them, a file that cannot be read): said before the result.
      const notes: string[] = [];
      const info = await rollbackSnapshot(warehouseDir, options.rollback, (message) => notes.push(message));
      return {
        code: 0,
        out: [
          ...notes,
          `live snapshot is now ${info.id} (published ${info.publishedAt})${damaged ? '; the damaged CURRENT was rewritten' : ''}`,
        ],
        err: [],
      };
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      return { code: 1, out: [], err: [`rollback refused (${error.code}): ${error.message}`] };
    }
  }
  const warnings: string[] = [];
  const all = await listSnapshots(warehouseDir, {
    onDamagedCurrent: (error) => warnings.push(`warning (${error.code}): ${error.message}`),
  });
  const kept = all.reverse();
  if (options.verify !== undefined) return verifyKept(warehouseDir, kept, options.verify, warnings);
  if (kept.length === 0)
    return { code: 0, out: [`no snapshot in ${warehouseDir} yet: run npm run etl`], err: warnings };
  const rows = kept.map((s) => [
    s.live ? '*' : '',
    s.id,
    s.publishedAt,
    s.mode,
    s.basedOn ?? '',
    snapshotRunId(s) ?? '',
  ]);
  return {
    code: 0,
    out: [
      ...table([['live', 'snapshot', 'published (UTC)', 'mode', 'based on', 'ETL run'], ...rows]),
      '',
      'npm run snapshots -- --rollback <snapshot> makes a kept snapshot live again; --verify [<snapshot>] reads every table of one kept snapshot (or of each) to find a damaged one.',
    ],
    err: warnings,
  };
}

/** `--verify [<id>]`: the deep check of one kept snapshot or of each, newest first. */
async function verifyKept(
  warehouseDir: string,
  kept: readonly { readonly id: string; readonly file: string; readonly live: boolean }[],
  which: string | true,
  warnings: readonly string[],
): Promise<CommandResult> {
  const targets = which === true ? kept : kept.filter((s) => s.id === which);
  if (which !== true && targets.length === 0) {
    const error = new SnapshotNotFoundError(which, warehouseDir);
    return { code: 1, out: [], err: [...warnings, `verify refused (${error.code}): ${error.message}`] };
  }
  if (targets.length === 0)
    return { code: 0, out: [`no snapshot in ${warehouseDir} yet: run npm run etl`], err: [...warnings] };
  const out: string[] = [];
  const err: string[] = [...warnings];
  const damaged = new Set<string>();
  for (const s of targets) {
    const label = `${s.id}${s.live ? ' (live)' : ''}`;
    try {
      const check = await verifySnapshot(s.id, join(warehouseDir, s.file), { deep: true });
      const seconds = ((check?.ms ?? 0) / 1000).toFixed(1);
      out.push(`ok       ${label}: ${check?.tables} tables, ${check?.rows} rows read back in ${seconds} s`);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      damaged.add(s.id);
      out.push(`DAMAGED  ${label}`);
      err.push(`${s.id} (${error.code}): ${error.message}`);
    }
  }
  if (damaged.size === 0) return { code: 0, out, err };
  const liveDamaged = targets.some((s) => s.live && damaged.has(s.id));
  const sound = targets.find((s) => !s.live && !damaged.has(s.id));
  err.push(
    liveDamaged
      ? `The live snapshot is damaged: run a full build (npm run etl -- --full)${sound ? `, or roll back to ${sound.id} (npm run snapshots -- --rollback ${sound.id})` : ''}.`
      : 'Do not roll back to a damaged snapshot; later runs prune it.',
  );
  return { code: 1, out, err };
}
