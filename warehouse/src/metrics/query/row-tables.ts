import type { Db } from '../../db/index.ts';
import type { MetricQuery } from '../filter.ts';
import type { MetricOptions } from './metric-options.ts';
import type { GroupKeys, MetricRowBase } from './metric-row.ts';

/** A metric function whose result holds row tables (`rows`, and e.g. resistance's `byReason`). */
export type Metric<R, O extends MetricOptions> = (db: Db, query: MetricQuery, options?: O) => Promise<R>;

export function isRowTable(value: unknown): value is MetricRowBase[] {
  return (
    Array.isArray(value) &&
    value.every((r) => r !== null && typeof r === 'object' && 'isTotal' in r && 'keys' in r && 'period' in r)
  );
}

/** The row tables of a result: every array property made of metric rows, by property name. */
export function rowTables(result: object): Map<string, MetricRowBase[]> {
  return new Map(
    Object.entries(result).filter((e): e is [string, MetricRowBase[]] => isRowTable(e[1]) && e[1].length > 0),
  );
}

/** Group keys in a fixed order (dimension name), absent ones left out: `{a, b}` and `{b, a}` are one. */
function keysId(keys: GroupKeys): string {
  return JSON.stringify(
    Object.entries(keys)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** A row's identity within its table: its group keys and whether it is the total. */
export function rowKeyOf(row: Pick<MetricRowBase, 'keys' | 'isTotal'>): string {
  return `${row.isTotal ? 'T' : 'C'}${keysId(row.keys)}`;
}

/** A row's identity within its result table: its period and `rowKeyOf`. */
export const cellKeyOf = (row: Pick<MetricRowBase, 'keys' | 'isTotal'>, period: string | null): string =>
  `${period ?? ''}#${rowKeyOf(row)}`;

/**
 * The disclosure table a row belongs to: its period and the dimensions its table's total row is
 * keyed by (the outer dimensions; a total row has the inner ones null).
 */
export function tableIdOf(
  rows: readonly MetricRowBase[],
): (row: MetricRowBase, period?: string | null) => string {
  const outer = new Set<string>();
  for (const r of rows)
    if (r.isTotal)
      for (const [d, v] of Object.entries(r.keys)) if (v !== null && v !== undefined) outer.add(d);
  const dims = [...outer].sort();
  return (row, period = row.period) =>
    `${period ?? ''}|${JSON.stringify(dims.map((d) => row.keys[d as keyof MetricRowBase['keys']] ?? null))}`;
}
