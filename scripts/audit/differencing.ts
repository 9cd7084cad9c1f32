/**
 * Differencing audit of published metric answers on a snapshot (a red-team scan, re-runnable).
 *
 * For two dimensions D (filtered) and G (grouped), and each metric, it asks what the API would
 * publish (the guarded metrics) for: the two-way table D × G without filter, every one-value slice
 * (D = a, by G), and every two-value sum (D ∈ {a, b}, by G). Then it tries to recover each cell the
 * two-way table hides, from what the answers show: a slice's shown cell, and a two-value answer's
 * shown cell minus the other value's shown slice cell. A recovered cell equal to the true count
 * (read unsuppressed) is a disclosure. Prints per metric and pair of dimensions what it asked and
 * what it recovered; exits 1 if anything was.
 *
 *   DATA_DIR=… npx tsx scripts/audit/differencing.ts [--year 2024] [--max-partners 12]
 *     [--metrics participation,resistance,funnel] [--dims agency,gradeGroup]
 *
 * `--dims a,b` audits a filtered by b and b filtered by a (each a dimension with a list filter:
 * agency, gradeGroup, tenureBand, program, method, …).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Db,
  type Dimension,
  findRecoverableCells,
  invitationFunnel,
  type MetricFilter,
  type MetricQuery,
  openDb,
  participation,
  resistance,
  serviceTimes,
} from '../../warehouse/src/index.ts';
import { invitationFunnel as bareFunnel } from '../../warehouse/src/metrics/invitation-funnel.metric.ts';
import { participation as bareParticipation } from '../../warehouse/src/metrics/participation.metric.ts';
import { FILTER_DIMENSIONS } from '../../warehouse/src/metrics/query/mart-binding.ts';
import { resistance as bareResistance } from '../../warehouse/src/metrics/resistance.metric.ts';
import { serviceTimes as bareServiceTimes } from '../../warehouse/src/metrics/service-times.metric.ts';

interface Row {
  keys: Record<string, string | null | undefined>;
  isTotal: boolean;
  n: number | null;
  suppressed: boolean;
}
type Run = (db: Db, q: MetricQuery, o?: { minN?: number }) => Promise<{ rows: readonly Row[] }>;

const { values: args } = parseArgs({
  options: {
    year: { type: 'string', default: '2024' },
    'max-partners': { type: 'string', default: '12' },
    metrics: { type: 'string', default: 'participation,resistance' },
    dims: { type: 'string', default: 'agency,gradeGroup' },
  },
});
const dataDir = process.env.DATA_DIR ?? 'data';
const current = JSON.parse(await readFile(join(dataDir, 'warehouse', 'CURRENT'), 'utf8')) as { file: string };
const db = await openDb(join(dataDir, 'warehouse', current.file), { mode: 'read-only' });
const MIN_N = Number(process.env.SUPPRESSION_MIN_N ?? 5);
const year = args.year;
const range: MetricFilter = { from: `${year}-01-01`, to: `${year}-12-31` };
const maxPartners = Number(args['max-partners']);

const ALL_METRICS: Record<string, { published: Run; bare: Run }> = {
  participation: { published: participation as unknown as Run, bare: bareParticipation as unknown as Run },
  resistance: { published: resistance as unknown as Run, bare: bareResistance as unknown as Run },
  funnel: { published: invitationFunnel as unknown as Run, bare: bareFunnel as unknown as Run },
  serviceTimes: { published: serviceTimes as unknown as Run, bare: bareServiceTimes as unknown as Run },
};
const METRICS = Object.fromEntries(
  args.metrics.split(',').map((m) => {
    const entry = ALL_METRICS[m];
    if (!entry) throw new Error(`--metrics: ${m} is none of ${Object.keys(ALL_METRICS).join(', ')}`);
    return [m, entry];
  }),
);
const FIELD = Object.fromEntries(Object.entries(FILTER_DIMENSIONS).map(([f, d]) => [d, f])) as Partial<
  Record<Dimension, keyof MetricFilter>
>;
const [dimA, dimB] = args.dims.split(',') as [Dimension, Dimension];
if (!FIELD[dimA] || !FIELD[dimB])
  throw new Error(`--dims: two dimensions with a list filter, got ${args.dims}`);

let recoveredTotal = 0;
for (const [metric, { published, bare }] of Object.entries(METRICS)) {
  for (const [d, g] of [
    [dimA, dimB],
    [dimB, dimA],
  ] as [Dimension, Dimension][]) {
    const field = FIELD[d]!;
    const cell = (a: string, b: string | null | undefined) => `${a}|${b ?? ''}`;
    const truthRows = (await bare(db, { filter: range, groupBy: [d, g] }, { minN: 1 })).rows;
    const truth = new Map(
      truthRows.filter((r) => !r.isTotal).map((r) => [cell(r.keys[d]!, r.keys[g]), r.n ?? 0]),
    );
    const wide = (await published(db, { filter: range, groupBy: [d, g] }, { minN: MIN_N })).rows;
    const hidden = new Set(
      wide.filter((r) => !r.isTotal && r.suppressed).map((r) => cell(r.keys[d]!, r.keys[g])),
    );
    const values = [...new Set(truthRows.filter((r) => !r.isTotal).map((r) => r.keys[d]!))].sort();
    const slice = new Map<string, Map<string, number | null>>();
    const shownBy = async (list: string[]) => {
      const rows = (
        await published(db, { filter: { ...range, [field]: list }, groupBy: [g] }, { minN: MIN_N })
      ).rows;
      return new Map(rows.filter((r) => !r.isTotal).map((r) => [r.keys[g] ?? '', r.suppressed ? null : r.n]));
    };
    for (const v of values) slice.set(v, await shownBy([v]));
    const recovered = new Map<string, string>();
    const note = (key: string, value: number, how: string) => {
      if (hidden.has(key) && truth.get(key) === value && !recovered.has(key)) recovered.set(key, how);
    };
    for (const [v, cells] of slice)
      for (const [gv, n] of cells) if (n !== null) note(cell(v, gv), n, `slice ${v}`);
    // Pairs: each value with a hidden cell, against up to maxPartners others.
    const withHidden = values.filter((v) => [...hidden].some((h) => h.startsWith(`${v}|`)));
    let asked = values.length + 1;
    for (const a of withHidden) {
      for (const b of values.filter((x) => x !== a).slice(0, maxPartners)) {
        const pair = await shownBy([a, b]);
        asked += 1;
        for (const [gv, n] of pair) {
          const other = slice.get(b)?.get(gv);
          if (n !== null && other !== null && other !== undefined)
            note(cell(a, gv), n - other, `{${a},${b}} − ${b}`);
        }
      }
    }
    // The two-way table with the one-way tables' margins as published (each query suppressed as
    // the API publishes it): exact linear recovery, single-line bounds and propagated bounds.
    const byD = (await published(db, { filter: range, groupBy: [d] }, { minN: MIN_N })).rows;
    const byG = (await published(db, { filter: range, groupBy: [g] }, { minN: MIN_N })).rows;
    const NULL = '\u0000null';
    const hiddenIn = (rows: readonly Row[], dim: Dimension) =>
      new Set(rows.filter((r) => !r.isTotal && r.suppressed).map((r) => r.keys[dim] ?? NULL));
    const hiddenMargins = [hiddenIn(byD, d), hiddenIn(byG, g)] as const;
    // The two-way rows as published (every combination it lists, hidden or not; a combination it
    // does not list is a published 0), its margins known from the one-way answers unless hidden there.
    const audit = findRecoverableCells(
      wide.map((r) => ({
        a: r.isTotal ? null : (r.keys[d] ?? NULL),
        b: r.isTotal ? null : (r.keys[g] ?? NULL),
        n: r.isTotal
          ? [...truth.values()].reduce((s2, v) => s2 + v, 0)
          : (truth.get(cell(r.keys[d]!, r.keys[g])) ?? 0),
        suppressed: r.suppressed,
      })),
      {
        groupKeys: ['a', 'b'],
        minN: MIN_N,
        totals: true,
        marginHiddenElsewhere: (_row, axis, value) => hiddenMargins[axis].has(value as string),
      },
    );
    console.log(
      `  two-way with both one-way tables: ${audit.length} hidden entries recovered (${audit.map((c) => c.method).join(', ') || 'none'})`,
    );
    recoveredTotal += recovered.size + audit.length;
    console.log(
      `${metric} ${year} filter ${d}, by ${g}: ${asked} answers, ${hidden.size} hidden cells of ${truth.size}, recovered ${recovered.size}`,
    );
    for (const [k, how] of [...recovered].slice(0, 5)) console.log(`  ${k} = ${truth.get(k)} via ${how}`);
  }
}
db.close();
process.exitCode = recoveredTotal > 0 ? 1 : 0;
