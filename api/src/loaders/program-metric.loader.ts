import type { Db, MetricFilter } from '@asn/warehouse';
import DataLoader from 'dataloader';
import type { MetricFn, MetricOptions, Row } from '../metrics/metric-port.ts';

/**
 * program → one metric's row for that program: all programs asked for in one tick become ONE
 * metric call, the whole table by program (`groupBy: [program]`, no programs filter), as
 * `invitationFunnel(groupBy: [program])` and the like publish it; each program takes its row.
 *
 * Not filtered to the programs asked for: filtered, the batch was a slice of that table with
 * relaxations of its own, so one program alone hid cells that every program together showed
 * (privacy review of 2026-12-04: TIK-CO 2024 with a tenure band filter). The slice rule kept the
 * narrower answer within the wider one, so nothing more was told, but an outcome should not depend
 * on the other programs of the request. And the call costs no more: a filtered answer computed that
 * whole table anyway, for its slice rule.
 */
export function programMetricLoader(db: Db, metric: MetricFn, filter: MetricFilter, options: MetricOptions) {
  return new DataLoader<string, Row | null>(async (programs) => {
    const result = await metric(db, { filter, groupBy: ['program'] }, options);
    const byProgram = new Map<string, Row>();
    for (const row of result.rows) {
      const code = row.keys.program;
      if (!row.isTotal && typeof code === 'string') byProgram.set(code, row);
    }
    // Every program's row hidden (an answer naming three dimensions, say two lists and the program,
    // or a table hidden whole): a program without a row is hidden as well. Null ("no data") there
    // was a published zero, and zeros pinned the hidden cells around them (privacy review of
    // 2026-12-05: KEP-KL 2021, tenure 10-19 × grade IV 3, from the nulls of other pairs of lists).
    const groups = result.rows.filter((r) => !r.isTotal);
    const template = groups.length > 0 && groups.every((r) => r.suppressed) ? groups[0] : undefined;
    return programs.map((p) => byProgram.get(p) ?? (template ? hiddenRow(template, p) : null));
  });
}

/** A hidden row of `program` shaped like `template` (a hidden row): every measure null. */
function hiddenRow(template: object, program: string): Row {
  const row: Record<string, unknown> = {};
  for (const key of Object.keys(template)) row[key] = null;
  return {
    ...row,
    keys: { program },
    period: (template as { period?: unknown }).period ?? null,
    isTotal: false,
    suppressed: true,
  };
}
