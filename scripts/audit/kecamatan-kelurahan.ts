/**
 * The kecamatan attack on service times (a privacy review of 2026-12-05, revP). A kecamatan agency
 * serves its own kelurahan and requests with no kelurahan, and the two service types only the
 * kecamatan offer are served by them alone. So the answer by kelurahan filtered to such a type was,
 * cell for cell, the three-way table agency × service type × kelurahan, and a kecamatan agency's cell
 * by agency and service type, less its kelurahan's cells when all of them were shown, was its
 * requests with no kelurahan: a cell no answer shows. Since then answers by or filtered to kelurahan
 * leave the kecamatan agencies out (`withoutKecamatan` in service-times.metric.ts). This script tries
 * the attack on a snapshot two ways, for every kecamatan agency and period at each grain listed,
 * against the true counts of the marts:
 * - by type: the agency × service type cell less the answer by kelurahan filtered to that type
 *   (since refused, KECAMATAN_BY_KELURAHAN: counted as refused);
 * - by difference: the agency's cell (by agency) less, over its kelurahan, the answer by kelurahan
 *   less the same answer filtered to every other service type (the route that defeated hiding only
 *   the kecamatan types' kelurahan cells).
 * It prints every hidden count below the minimum it recovers, and exits 1 if there is one.
 *
 *   DATA_DIR=… (or WAREHOUSE_DIR=…) npx tsx scripts/audit/kecamatan-kelurahan.ts
 *     [--years 2021-2025] [--grains month,quarter,year]
 */
import { parseArgs } from 'node:util';
import {
  MetricInputError,
  type MetricQuery,
  serviceTimes,
  type TimeGrain,
} from '../../warehouse/src/index.ts';
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
const otherTypes = (
  await db.all<{ t: string }>(`SELECT DISTINCT service_type AS t FROM marts.agg_service_days ORDER BY 1`)
)
  .map((r) => r.t)
  .filter((t) => !kecTypes.includes(t));
let recovered = 0;
let tried = 0;
/** Answers by kelurahan filtered to a kecamatan type that were refused (KECAMATAN_BY_KELURAHAN). */
let refused = 0;
/** Counts a derived value against the truth: a hidden count below the minimum, given back. */
const check = (derived: number, truth: number, what: string) => {
  tried++;
  if (derived > 0 && derived < minN && derived === truth) {
    recovered++;
    console.log(`  recovered ${what}, no kelurahan: ${derived}`);
  }
};
/** Whether a kelurahan code lies in a kecamatan agency's area (KEC-62.71.01 → 62.71.01.*). */
const inArea = (agency: string, kelurahan: unknown) =>
  String(kelurahan ?? '').startsWith(`${agency.replace(/^KEC-/, '')}.`);
for (let year = first; year <= last; year++) {
  const filter = { from: `${year}-01-01`, to: `${year}-12-31` };
  for (const grain of grains) {
    const byAgency = await serviceTimes(db, {
      groupBy: ['agency', 'serviceType'],
      grain,
      filter,
    } as MetricQuery);
    for (const type of kecTypes) {
      let byKel: Awaited<ReturnType<typeof serviceTimes>>;
      try {
        byKel = await serviceTimes(db, {
          groupBy: ['kelurahan'],
          grain,
          filter: { ...filter, serviceTypes: [type] },
        } as MetricQuery);
      } catch (e) {
        // Refused since 2026-12-05: a kelurahan answer names no type the kecamatan serve.
        if (e instanceof MetricInputError && e.reason === 'KECAMATAN_BY_KELURAHAN') {
          refused++;
          continue;
        }
        throw e;
      }
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
        const mine = byKel.rows.filter(
          (r) => r.period === a.period && !r.isTotal && inArea(String(a.keys.agency), r.keys.kelurahan),
        );
        if (mine.length === 0 || mine.some((r) => r.suppressed)) continue;
        const derived = (a.n ?? 0) - mine.reduce((s, r) => s + (r.n ?? 0), 0);
        check(
          derived,
          nulls.get(`${a.period}|${a.keys.agency}`) ?? 0,
          `${grain} ${a.period} ${a.keys.agency} ${type}`,
        );
      }
    }
    // By difference: every type less every other type, per kelurahan, against the agency's cell.
    const byAgencyAll = await serviceTimes(db, { groupBy: ['agency'], grain, filter } as MetricQuery);
    const allTypes = await serviceTimes(db, { groupBy: ['kelurahan'], grain, filter } as MetricQuery);
    const others = await serviceTimes(db, {
      groupBy: ['kelurahan'],
      grain,
      filter: { ...filter, serviceTypes: otherTypes },
    } as MetricQuery);
    const otherOf = new Map(others.rows.map((r) => [`${r.period}|${r.keys.kelurahan}|${r.isTotal}`, r]));
    const nullsAll = new Map(
      (
        await db.all<{ p: string; a: string; n: number }>(
          `SELECT ${periodSql[grain]} AS p, agency_code AS a, sum(requests)::INTEGER AS n
           FROM marts.agg_service_days_kelurahan WHERE kelurahan_code IS NULL AND year(month_start) = ? GROUP BY ALL`,
          [year],
        )
      ).map((r) => [`${r.p}|${r.a}`, r.n]),
    );
    for (const a of byAgencyAll.rows) {
      const agency = a.keys.agency;
      if (a.isTotal || a.suppressed || !agency || !String(agency).startsWith('KEC-')) continue;
      const mine = allTypes.rows.filter(
        (r) => r.period === a.period && !r.isTotal && inArea(String(agency), r.keys.kelurahan),
      );
      const pairs = mine.map((r) => [r, otherOf.get(`${r.period}|${r.keys.kelurahan}|false`)] as const);
      if (mine.length === 0 || pairs.some(([r, o]) => r.suppressed || !o || o.suppressed)) continue;
      const kecamatanPart = pairs.reduce((s, [r, o]) => s + (r.n ?? 0) - (o?.n ?? 0), 0);
      check(
        (a.n ?? 0) - kecamatanPart,
        nullsAll.get(`${a.period}|${agency}`) ?? 0,
        `${grain} ${a.period} ${agency} (by difference)`,
      );
    }
  }
}
console.log(
  `serviceTimes, kecamatan-only types ${kecTypes.join(', ')}, ${first}–${last} (${grains.join(', ')}): ` +
    `${tried} agency cells with every kelurahan shown tried; ${refused} answers by kelurahan filtered to a kecamatan type refused; ` +
    `${recovered} hidden counts below ${minN} recovered`,
);
await db.close();
process.exit(recovered > 0 ? 1 : 0);
