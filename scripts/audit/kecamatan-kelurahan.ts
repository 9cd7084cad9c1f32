/**
 * The kecamatan attack on service times (a privacy review of 2026-12-05, revP; OPEN, not yet
 * fixed: README, Privacy by design). A kecamatan agency serves its own kelurahan and requests with
 * no kelurahan; for a service type only the kecamatan offer, the answer by kelurahan filtered to
 * that type is, cell for cell, the three-way table agency × service type × kelurahan. So the
 * agency's cell by agency and service type, less its kelurahan's cells when all of them are shown,
 * is its requests with no kelurahan: a cell no answer shows. This script tries it on a snapshot,
 * for every kecamatan-only service type, kecamatan agency and period at each grain listed, against
 * the true counts of the marts; prints every hidden count below the minimum it recovers, and exits
 * 1 if there is one.
 *
 *   DATA_DIR=… (or WAREHOUSE_DIR=…) npx tsx scripts/audit/kecamatan-kelurahan.ts
 *     [--years 2021-2025] [--grains month,quarter,year]
 */
import { parseArgs } from 'node:util';
import { type MetricQuery, serviceTimes, type TimeGrain } from '../../warehouse/src/index.ts';
import { openAuditedSnapshot, yearsAndGrains } from './audit-env.ts';

const { values: args } = parseArgs({
  options: {
    years: { type: 'string', default: '2021-2025' },
    grains: { type: 'string', default: 'month,quarter,year' },
  },
});
const { first, last, grains } = yearsAndGrains(args);
const { db, minN } = await openAuditedSnapshot();

// Service types every request of which is at a kecamatan agency, and the agencies serving them.
const kecTypes = (
  await db.all<{ t: string }>(
    `SELECT service_type AS t FROM marts.agg_service_days s
     JOIN (SELECT DISTINCT agency_code, kind FROM marts.dim_agency) a USING (agency_code)
     GROUP BY service_type HAVING bool_and(a.kind = 'kecamatan')`,
  )
).map((r) => r.t);
const periodSql: Record<TimeGrain, string> = {
  month: `strftime(month_start, '%Y-%m-%d')`,
  quarter: `strftime(date_trunc('quarter', month_start), '%Y-%m-%d')`,
  year: `strftime(date_trunc('year', month_start), '%Y-%m-%d')`,
};
let recovered = 0;
let tried = 0;
for (let year = first; year <= last; year++) {
  const filter = { from: `${year}-01-01`, to: `${year}-12-31` };
  for (const grain of grains) {
    const byAgency = await serviceTimes(db, {
      groupBy: ['agency', 'serviceType'],
      grain,
      filter,
    } as MetricQuery);
    for (const type of kecTypes) {
      const byKel = await serviceTimes(db, {
        groupBy: ['kelurahan'],
        grain,
        filter: { ...filter, serviceTypes: [type] },
      } as MetricQuery);
      // The truth: requests with no kelurahan per period and agency, and which agencies each
      // kelurahan's requests of this type went to.
      const nulls = new Map(
        (
          await db.all<{ p: string; a: string; n: number }>(
            `SELECT ${periodSql[grain]} AS p, agency_code AS a, sum(requests)::INTEGER AS n
             FROM marts.agg_service_days_kelurahan WHERE service_type = ? AND kelurahan_code IS NULL
               AND year(month_start) = ? GROUP BY ALL`,
            [type, year],
          )
        ).map((r) => [`${r.p}|${r.a}`, r.n]),
      );
      for (const a of byAgency.rows) {
        if (a.isTotal || a.suppressed || a.keys.serviceType !== type || !a.keys.agency) continue;
        const prefix = `${String(a.keys.agency).replace(/^KEC-/, '')}.`;
        const mine = byKel.rows.filter(
          (r) => r.period === a.period && !r.isTotal && String(r.keys.kelurahan ?? '').startsWith(prefix),
        );
        if (mine.length === 0 || mine.some((r) => r.suppressed)) continue;
        tried++;
        const derived = (a.n ?? 0) - mine.reduce((s, r) => s + (r.n ?? 0), 0);
        const truth = nulls.get(`${a.period}|${a.keys.agency}`) ?? 0;
        if (derived > 0 && derived < minN && derived === truth) {
          recovered++;
          console.log(`  recovered ${grain} ${a.period} ${a.keys.agency} ${type}, no kelurahan: ${derived}`);
        }
      }
    }
  }
}
console.log(
  `serviceTimes, kecamatan-only types ${kecTypes.join(', ')}, ${first}–${last} (${grains.join(', ')}): ` +
    `${tried} agency cells with every kelurahan shown; ${recovered} hidden counts below ${minN} recovered`,
);
await db.close();
process.exit(recovered > 0 ? 1 : 0);
