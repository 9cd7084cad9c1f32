/**
 * Differencing audit of published metric answers on a snapshot (a red-team scan, re-runnable):
 * `auditDifferencing` (warehouse/src/metrics/audit/differencing-audit.ts) for each metric and both
 * orders of a pair of dimensions. Prints what it asked and what it recovered; exits 1 if anything
 * was.
 *
 *   DATA_DIR=… (or WAREHOUSE_DIR=…) npx tsx scripts/audit/differencing.ts [--year 2024] [--max-partners 12]
 *     [--metrics participation,resistance,funnel,serviceTimes] [--dims agency,gradeGroup]
 *     [--grain month|quarter|year]
 *
 * `--dims a,b` audits a filtered by b and b filtered by a (each a dimension with a list filter:
 * agency, gradeGroup, tenureBand, program, method, …); `--dims a` audits a filtered without a
 * groupBy (each slice one number, against the one-way table by a). `--grain` asks every query at
 * that grain over the year (slices and pairs compared period by period).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AuditedMetric,
  auditDifferencing,
  type Dimension,
  invitationFunnel,
  openDb,
  participation,
  readCurrent,
  resistance,
  serviceTimes,
  type TimeGrain,
} from '../../warehouse/src/index.ts';
import { auditEnv } from './audit-env.ts';

const { values: args } = parseArgs({
  options: {
    year: { type: 'string', default: '2024' },
    'max-partners': { type: 'string', default: '12' },
    metrics: { type: 'string', default: 'participation,resistance' },
    dims: { type: 'string', default: 'agency,gradeGroup' },
    grain: { type: 'string' },
  },
});
const { warehouseDir, minN } = auditEnv();
const current = await readCurrent(warehouseDir);
if (!current) throw new Error(`no published snapshot in ${warehouseDir} (set WAREHOUSE_DIR or DATA_DIR)`);
const db = await openDb(join(warehouseDir, current.file), { mode: 'read-only' });
const year = args.year;
const grain = args.grain as TimeGrain | undefined;
if (grain && !['month', 'quarter', 'year'].includes(grain))
  throw new Error(`--grain: ${grain} is none of month, quarter, year`);

const ALL_METRICS: Record<string, AuditedMetric> = {
  participation: participation as unknown as AuditedMetric,
  // The rows only (the audit reads nothing else), as the API computes them without byReason.
  resistance: ((d, q, o) => resistance(d, q, { ...o, withReasons: false })) as AuditedMetric,
  funnel: invitationFunnel as unknown as AuditedMetric,
  serviceTimes: serviceTimes as unknown as AuditedMetric,
};
const [dimA, dimB] = args.dims.split(',').filter(Boolean) as [Dimension, Dimension | undefined];
const pairs: (readonly [Dimension, Dimension | null])[] = dimB
  ? [
      [dimA, dimB],
      [dimB, dimA],
    ]
  : [[dimA, null]];
let recovered = 0;
for (const name of args.metrics.split(',')) {
  const metric = ALL_METRICS[name];
  if (!metric) throw new Error(`--metrics: ${name} is none of ${Object.keys(ALL_METRICS).join(', ')}`);
  for (const [filterBy, groupBy] of pairs) {
    const audit = await auditDifferencing(db, metric, {
      filterBy,
      groupBy,
      range: { from: `${year}-01-01`, to: `${year}-12-31` },
      ...(grain ? { grain } : {}),
      minN,
      maxPartners: Number(args['max-partners']),
    });
    console.log(
      `${name} ${year}${grain ? ` by ${grain}` : ''} filter ${filterBy}, by ${groupBy ?? 'nothing'}: ${audit.answers} answers, ${audit.hidden} hidden cells of ${audit.cells}, recovered ${audit.recovered.length} by slices and pairs, ${audit.twoWay.length} from the two-way and one-way tables`,
    );
    for (const r of audit.recovered.slice(0, 5)) console.log(`  ${r.cell} = ${r.n} via ${r.how}`);
    recovered += audit.recovered.length + audit.twoWay.length;
  }
}
db.close();
process.exitCode = recovered > 0 ? 1 : 0;
