import { type AgencyDirectory, kecamatanAgencyCode } from './agencies.ts';
import { AS_OF, day, monthOf, WORLD_END, WORLD_START, weekdayOf, wibTimestamp, yearOf } from './calendar.ts';
import { assignmentOn, type Employee, isFrontline } from './employees.ts';
import { PLANTED } from './planted-effects.ts';
import type { Prng } from './prng.ts';
import type { Regions } from './regions.ts';
import { SERVICE_LEVELS, type ServiceLevel } from './service-levels.ts';

/**
 * Citizen requests, streamed day by day in chunks (≈ 1 M rows at scale 1, ≈ 10 M at 10).
 *
 * Handling time (days, completed − submitted) =
 *   baseDays(service) × speed(handler) × lognormal noise (mean 1, σ 0.5)
 *   + month term + year term            ← additive, the same for every agency
 * and, for a handler who completed PLY-PRIMA, × (1 − 0.30) on requests submitted from the
 * first day of the month after completion (planted a). Because every time trend is additive
 * and common, a difference-in-differences in days is unbiased; the year term falls over
 * time, so a naive before/after overstates the effect, as it would in real life.
 *
 * The generator knows each treated request's counterfactual, so it reports the realised
 * ATT exactly: mean over trained handlers of (mean actual − mean counterfactual post days).
 */
export const MONTH_TERM_DAYS = [0.3, 0.1, 0, 0, 0, 0.3, 0.4, 0.1, 0, 0, 0.1, 0.5] as const;
export const YEAR_TERM_DAYS: Record<number, number> = { 2021: 0.5, 2022: 0.3, 2023: 0.2, 2024: 0.1, 2025: 0 };
const MONTH_VOLUME = [1.1, 0.95, 0.95, 0.95, 0.9, 1.2, 1.3, 1.0, 0.95, 0.95, 0.95, 0.9] as const;
export const NOISE_SIGMA = 0.5;

export const SERVICE_REQUEST_COLUMNS = [
  'id',
  'service_unit_agency_id',
  'service_type',
  'handled_by',
  'kelurahan_code',
  'submitted_at',
  'completed_at',
  'status',
  'updated_at',
];

export interface HandlingTimeTruth {
  /** Realised ATT in days per trained handler (negative: faster). The estimator's target. */
  attDaysPerEmployee: number;
  /** Same, weighting every post request equally. */
  attDaysPerRequest: number;
  /** Mean counterfactual post days of the trained handlers (so the share can be checked). */
  meanCounterfactualPostDays: number;
  /** Realised change in SLA-met rate (actual − counterfactual), per trained handler. */
  slaMetRateEffectPerEmployee: number;
  treatedHandlers: number;
  treatedPostRequests: number;
  /** Placebo completers' realised effect: exactly 0 by construction. */
  placeboAttDays: number;
  placeboHandlers: number;
  requests: number;
}

export interface ServiceRequestInputs {
  readonly rng: Prng;
  readonly agencies: AgencyDirectory;
  readonly regions: Regions;
  readonly employees: readonly Employee[];
  readonly scale: number;
  readonly plyPrimaEffectFrom: ReadonlyMap<number, number>;
  readonly placeboEffectFrom: ReadonlyMap<number, number>;
}

interface Stream {
  level: ServiceLevel;
  agencyCode: string;
  agencyId: number;
  volume: number;
  kelurahan: { codes: string[]; weights: number[] };
}

/** Yields chunks of rows; `truth` is filled in when the last chunk has been produced. */
export function* serviceRequestChunks(
  inputs: ServiceRequestInputs,
  chunkSize: number,
  truth: { value?: HandlingTimeTruth },
): Generator<unknown[][]> {
  const r = inputs.rng.fork('service_requests');
  const { agencies, regions, employees, scale } = inputs;
  const kelWeights = new Map(regions.kelurahan.map((k) => [k.code, r.uniform(0.3, 3)]));
  const allKel = {
    codes: regions.kelurahan.map((k) => k.code),
    weights: regions.kelurahan.map((k) => kelWeights.get(k.code) ?? 1),
  };
  const streams: Stream[] = [];
  for (const level of SERVICE_LEVELS) {
    if (level.agencyCode !== null) {
      streams.push({
        level,
        agencyCode: level.agencyCode,
        agencyId: agencies.versionOn(level.agencyCode, WORLD_START).id,
        volume: level.dailyVolume,
        kelurahan: allKel,
      });
      continue;
    }
    const total = allKel.weights.reduce((a, b) => a + b, 0);
    for (const k of regions.kecamatan) {
      const kel = regions.kelurahan.filter((x) => x.kecamatanCode === k.code);
      const weights = kel.map((x) => kelWeights.get(x.code) ?? 1);
      const code = kecamatanAgencyCode(k.code);
      streams.push({
        level,
        agencyCode: code,
        agencyId: agencies.versionOn(code, WORLD_START).id,
        volume: (level.dailyVolume * weights.reduce((a, b) => a + b, 0)) / total,
        kelurahan: { codes: kel.map((x) => x.code), weights },
      });
    }
  }

  // Who can handle what, month by month: frontline staff posted at the agency mid-month.
  const months = (yearOf(WORLD_END) - yearOf(WORLD_START) + 1) * 12;
  const pools = new Map<string, Employee[][]>();
  for (const code of new Set(streams.map((s) => s.agencyCode)))
    pools.set(
      code,
      Array.from({ length: months }, () => []),
    );
  for (const e of employees) {
    for (let m = 0; m < months; m++) {
      const a = assignmentOn(e, day(yearOf(WORLD_START) + Math.floor(m / 12), (m % 12) + 1, 15));
      if (a && isFrontline(a)) pools.get(a.agencyCode)?.[m]?.push(e);
    }
  }

  const share = PLANTED.serviceTraining.handlingTimeShare;
  const perTreated = new Map<number, { n: number; diff: number; cf: number; sla: number }>();
  const perPlacebo = new Map<number, number>();
  let requests = 0;
  let chunk: unknown[][] = [];
  for (let d = WORLD_START; d <= WORLD_END; d++) {
    const w = weekdayOf(d);
    if (w === 0 || w === 6) continue;
    const month = monthOf(d);
    const year = yearOf(d);
    const m = (year - yearOf(WORLD_START)) * 12 + month - 1;
    const additive = (MONTH_TERM_DAYS[month - 1] ?? 0) + (YEAR_TERM_DAYS[year] ?? 0);
    const volume = MONTH_VOLUME[month - 1] ?? 1;
    for (const s of streams) {
      const n = r.poisson(s.volume * volume * scale);
      const pool = pools.get(s.agencyCode)?.[m] ?? [];
      for (let i = 0; i < n; i++) {
        const id = ++requests;
        const handler =
          pool.length > 0 && !r.chance(0.01) ? pool[Math.floor(r.next() * pool.length)] : undefined;
        const kel = r.chance(0.02) ? null : (s.kelurahan.codes[r.weighted(s.kelurahan.weights)] ?? null);
        const submittedAt = wibTimestamp(d, r.uniform(8, 15));
        const speed = handler?.speed ?? 1;
        const counterfactual = s.level.baseDays * speed * r.lognormalMean1(NOISE_SIGMA) + additive;
        const u = r.next();
        let status = u < 0.02 ? 'rejected' : u < 0.03 ? 'cancelled' : 'completed';
        const effectFrom = handler ? inputs.plyPrimaEffectFrom.get(handler.id) : undefined;
        const treated = effectFrom !== undefined && d >= effectFrom;
        const days = treated ? counterfactual * (1 - share) : counterfactual;
        let completedAt: number | null =
          status === 'completed' ? submittedAt + Math.round(days * 86_400) : null;
        if (completedAt !== null && completedAt >= AS_OF) {
          status = 'in_progress';
          completedAt = null;
        }
        if (status === 'completed' && handler) {
          if (treated) {
            const acc = perTreated.get(handler.id) ?? { n: 0, diff: 0, cf: 0, sla: 0 };
            acc.n++;
            acc.diff += days - counterfactual;
            acc.cf += counterfactual;
            acc.sla += (days <= s.level.targetDays ? 1 : 0) - (counterfactual <= s.level.targetDays ? 1 : 0);
            perTreated.set(handler.id, acc);
          }
          const placeboFrom = inputs.placeboEffectFrom.get(handler.id);
          if (placeboFrom !== undefined && d >= placeboFrom)
            perPlacebo.set(handler.id, (perPlacebo.get(handler.id) ?? 0) + 1);
        }
        chunk.push([
          id,
          s.agencyId,
          s.level.serviceType,
          handler?.id ?? null,
          kel,
          submittedAt,
          completedAt,
          status,
          completedAt ?? submittedAt + (status === 'in_progress' ? 0 : 3600 * 4),
        ]);
        if (chunk.length >= chunkSize) {
          yield chunk;
          chunk = [];
        }
      }
    }
  }
  if (chunk.length > 0) yield chunk;

  let perEmployee = 0;
  let sla = 0;
  let diff = 0;
  let cf = 0;
  let n = 0;
  for (const acc of perTreated.values()) {
    perEmployee += acc.diff / acc.n;
    sla += acc.sla / acc.n;
    diff += acc.diff;
    cf += acc.cf;
    n += acc.n;
  }
  const k = perTreated.size;
  truth.value = {
    attDaysPerEmployee: k ? perEmployee / k : 0,
    attDaysPerRequest: n ? diff / n : 0,
    meanCounterfactualPostDays: n ? cf / n : 0,
    slaMetRateEffectPerEmployee: k ? sla / k : 0,
    treatedHandlers: k,
    treatedPostRequests: n,
    placeboAttDays: 0,
    placeboHandlers: perPlacebo.size,
    requests,
  };
}
