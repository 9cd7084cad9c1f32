import { type AgencyDirectory, kecamatanAgencyCode } from './agencies.ts';
import { day, WORLD_YEARS, weekdayOf, wibTimestamp } from './calendar.ts';
import { expectedIkm, PLANTED } from './planted-effects.ts';
import type { Prng } from './prng.ts';
import type { Regions } from './regions.ts';
import { SERVICE_LEVELS } from './service-levels.ts';

/**
 * SKM questionnaires (PermenPANRB 14/2017): per service agency per quarter, nine unsur scored
 * 1–4. Disdukcapil's answer distribution improves from 2024 (planted f); every other agency's
 * stays the same, so they serve as a comparison.
 */
export interface IkmTruth {
  expectedBefore: number;
  expectedAfter: number;
  expectedOthers: number;
  realisedBefore: number;
  realisedAfter: number;
  respondentsBefore: number;
  respondentsAfter: number;
}

export const SATISFACTION_COLUMNS = [
  'id',
  'agency_id',
  'service_type',
  'surveyed_on',
  'u1',
  'u2',
  'u3',
  'u4',
  'u5',
  'u6',
  'u7',
  'u8',
  'u9',
  'updated_at',
];

export function generateSatisfaction(
  rng: Prng,
  agencies: AgencyDirectory,
  regions: Regions,
  scale: number,
  iso: (d: number) => string,
): { rows: unknown[][]; truth: IkmTruth } {
  const r = rng.fork('satisfaction');
  const s = PLANTED.satisfaction;
  const changeOn = day(2024, 1, 1);
  const providers = [
    ...['DISDUKCAPIL', 'DPMPTSP', 'DINSOS'].map((code) => ({
      code,
      services: SERVICE_LEVELS.filter((x) => x.agencyCode === code).map((x) => x.serviceType),
    })),
    ...regions.kecamatan.map((k) => ({
      code: kecamatanAgencyCode(k.code),
      services: SERVICE_LEVELS.filter((x) => x.agencyCode === null).map((x) => x.serviceType),
    })),
  ];
  const rows: unknown[][] = [];
  const sums = { before: 0, after: 0, nBefore: 0, nAfter: 0 };
  for (const year of WORLD_YEARS) {
    for (let q = 0; q < 4; q++) {
      const from = day(year, q * 3 + 1, 1);
      const to = day(year, q * 3 + 4, 1) - 1;
      for (const p of providers) {
        const disdukcapil = p.code === 'DISDUKCAPIL';
        const mean = (disdukcapil ? s.perQuarter.DISDUKCAPIL : s.perQuarter.other) * scale;
        const n = r.poisson(mean);
        for (let i = 0; i < n; i++) {
          let d = r.int(from, to);
          while (weekdayOf(d) === 0 || weekdayOf(d) === 6) d = r.int(from, to);
          const probs = disdukcapil ? (d >= changeOn ? s.disdukcapilAfter : s.disdukcapilBefore) : s.others;
          const u = probs.map((pk) => r.weighted(pk) + 1);
          if (disdukcapil) {
            const mean9 = u.reduce((a, b) => a + b, 0) / 9;
            if (d >= changeOn) {
              sums.after += mean9;
              sums.nAfter++;
            } else {
              sums.before += mean9;
              sums.nBefore++;
            }
          }
          rows.push([
            rows.length + 1,
            agencies.versionOn(p.code, d).id,
            r.pick(p.services),
            iso(d),
            ...u,
            wibTimestamp(d, 16),
          ]);
        }
      }
    }
  }
  return {
    rows,
    truth: {
      expectedBefore: round2(expectedIkm(s.disdukcapilBefore)),
      expectedAfter: round2(expectedIkm(s.disdukcapilAfter)),
      expectedOthers: round2(expectedIkm(s.others)),
      realisedBefore: round2(sums.nBefore ? (sums.before / sums.nBefore) * 25 : 0),
      realisedAfter: round2(sums.nAfter ? (sums.after / sums.nAfter) * 25 : 0),
      respondentsBefore: sums.nBefore,
      respondentsAfter: sums.nAfter,
    },
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
