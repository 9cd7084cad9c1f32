/**
 * Exact linear attack on the answers by agency and by service type (two margins of one table, a
 * service type being one agency's or one the kecamatan share), on a snapshot: `auditNestedMargins`
 * (warehouse/src/metrics/audit/nested-margins-audit.ts) per year, against the true month × agency ×
 * service type counts of the marts, the reader holding the answers at every grain listed (months add
 * up to quarters and the year). Prints the cells shown and hidden at the first grain and every hidden
 * cell recovered at any; exits 1 if anything was.
 *
 *   DATA_DIR=… (or WAREHOUSE_DIR=…) npx tsx scripts/audit/nested-margins.ts
 *     [--metrics satisfaction,serviceTimes] [--years 2021-2025] [--grains month,quarter,year]
 */
import { parseArgs } from 'node:util';
import {
  auditNestedMargins,
  type MarginMetric,
  satisfaction,
  serviceTimes,
} from '../../warehouse/src/index.ts';
import { openAuditedSnapshot, yearsAndGrains } from './audit-env.ts';

const { values: args } = parseArgs({
  options: {
    metrics: { type: 'string', default: 'satisfaction,serviceTimes' },
    years: { type: 'string', default: '2021-2025' },
    grains: { type: 'string', default: 'month,quarter,year' },
  },
});
const { first, last, grains } = yearsAndGrains(args);
const { db, minN } = await openAuditedSnapshot();

// The true counts per period, agency and service type: n as each metric counts it.
const SOURCES: Record<string, { metric: MarginMetric; table: string; n: string }> = {
  satisfaction: {
    metric: satisfaction as unknown as MarginMetric,
    table: 'agg_satisfaction_month',
    n: 'respondents',
  },
  serviceTimes: { metric: serviceTimes as unknown as MarginMetric, table: 'agg_service_days', n: 'requests' },
};
let recoveredAll = 0;
for (const name of args.metrics.split(',').filter(Boolean)) {
  const source = SOURCES[name];
  if (!source) throw new Error(`--metrics: ${name} is none of ${Object.keys(SOURCES).join(', ')}`);
  const totals = { shownA: 0, shownT: 0, hiddenA: 0, hiddenT: 0, recovered: 0, small: 0 };
  for (let year = first; year <= last; year++) {
    const pairs = await db.all<{ period: string; agency: string; serviceType: string; n: number }>(
      `SELECT strftime(month_start, '%Y-%m-%d') AS period, agency_code AS agency, service_type AS "serviceType",
              sum(${source.n})::INTEGER AS n
       FROM marts.${source.table} WHERE year(month_start) = ? GROUP BY ALL`,
      [year],
    );
    const result = await auditNestedMargins(db, source.metric, year, grains, pairs);
    totals.shownA += result.shown.agency;
    totals.shownT += result.shown.serviceType;
    totals.hiddenA += result.hidden.agency;
    totals.hiddenT += result.hidden.serviceType;
    for (const f of result.recovered) {
      totals.recovered++;
      if (f.n < minN) totals.small++;
      console.log(`  recovered ${name} ${f.grain} ${f.period} ${f.dimension} ${f.value}: ${f.n}`);
    }
  }
  recoveredAll += totals.recovered;
  console.log(
    `${name} (${grains.join(', ')}), ${first}–${last}: by ${grains[0]}, agency ${totals.shownA} shown, ${totals.hiddenA} hidden; ` +
      `by service type ${totals.shownT} shown, ${totals.hiddenT} hidden; recovered ${totals.recovered} ` +
      `(${totals.small} of them below ${minN})`,
  );
}
await db.close();
process.exit(recoveredAll > 0 ? 1 : 0);
