import { listSnapshots, rollbackSnapshot, SnapshotError, snapshotRunId } from '@asn/warehouse';

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
 */
export async function snapshotsCommand(
  warehouseDir: string,
  options: { readonly rollback?: string | undefined },
): Promise<CommandResult> {
  if (options.rollback !== undefined) {
    try {
      const info = await rollbackSnapshot(warehouseDir, options.rollback, () => undefined);
      return { code: 0, out: [`live snapshot is now ${info.id} (published ${info.publishedAt})`], err: [] };
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      return { code: 1, out: [], err: [`rollback refused (${error.code}): ${error.message}`] };
    }
  }
  const kept = (await listSnapshots(warehouseDir)).reverse();
  if (kept.length === 0)
    return { code: 0, out: [`no snapshot in ${warehouseDir} yet: run npm run etl`], err: [] };
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
      'npm run snapshots -- --rollback <snapshot> makes a kept snapshot live again.',
    ],
    err: [],
  };
}
