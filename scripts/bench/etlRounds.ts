import { median } from '@asn/warehouse';
import type { CpuSpan } from './cpuMeter.ts';
import type { LimitRow } from './physicalLimit.ts';
import type { EtlTiming, SourceChanges } from './timeEtl.ts';
import type { WriteFloor } from './writeFloor.ts';

/**
 * One round of the ETL benchmark, measured side by side: the physical limit, a full ETL, the
 * source's 1 % change, then an incremental ETL. The ratios of a round compare measurements taken
 * within about a minute of each other; rounds repeat that so the report can tell a missed goal from
 * the machine's drift (the same code measured an incremental share of 23 % and 34 % in two runs).
 */
export interface EtlRound {
  readonly limit: readonly LimitRow[];
  /** The CPU the physical-limit measurement used. */
  readonly limitCpu: CpuSpan;
  readonly full: EtlTiming;
  /** Storing the full ETL's stg and marts tables once, measured right after it (`measureWriteFloor`). */
  readonly writeFloor: WriteFloor & { readonly cpu: CpuSpan };
  readonly changes: SourceChanges;
  readonly incremental: EtlTiming;
}

/** A round's figures of merit (what bench.json keeps of every round). */
export interface EtlRoundSummary {
  readonly limitMs: number;
  readonly fullMs: number;
  readonly incrementalMs: number;
  /** Full ETL wall time over the limit's (COPY + read_csv) wall time. Goal ≤ 1.5 at scale 10. */
  readonly fullOverLimit: number;
  /** The write floor's wall time (storing the stg and marts tables once). */
  readonly writeFloorMs: number;
  /** Full ETL over limit + write floor: the share of the run beyond reading the source and storing the result. */
  readonly fullOverLimitAndWrites: number;
  /** Incremental ETL wall time over the same round's full ETL. Goal < 0.1. */
  readonly incrementalOverFull: number;
}

export function summarizeRound(round: EtlRound): EtlRoundSummary {
  const limitMs = round.limit.reduce((a, l) => a + l.copyMs + l.readMs, 0);
  return {
    limitMs,
    fullMs: round.full.totalMs,
    incrementalMs: round.incremental.totalMs,
    fullOverLimit: round.full.totalMs / limitMs,
    writeFloorMs: round.writeFloor.ms,
    fullOverLimitAndWrites: round.full.totalMs / (limitMs + round.writeFloor.ms),
    incrementalOverFull: round.incremental.totalMs / round.full.totalMs,
  };
}

/** Median, least and greatest of one figure over the rounds. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly rounds: number;
}

export function spread(values: readonly number[]): Spread {
  const m = median(values);
  if (m === null) throw new Error('spread: no rounds');
  return { median: m, min: Math.min(...values), max: Math.max(...values), rounds: values.length };
}

/**
 * The round whose full ETL / limit is the median one (with an even count, the lower of the two
 * middle rounds): the report details that round (stages, tables, CPU), so its tables show a typical
 * round and not the luckiest or unluckiest.
 */
export function medianRoundIndex(summaries: readonly EtlRoundSummary[]): number {
  if (summaries.length === 0) throw new Error('medianRoundIndex: no rounds');
  const order = summaries
    .map((s, i) => ({ i, ratio: s.fullOverLimit }))
    .sort((a, b) => a.ratio - b.ratio || a.i - b.i);
  return (order[Math.floor((order.length - 1) / 2)] as { i: number }).i;
}

/**
 * A goal judged over the rounds: met or missed in every round, or met in only some of them (the
 * machine's drift decides, so neither "yes" nor "no" would be honest).
 */
export function roundsVerdict(values: readonly number[], meets: (value: number) => boolean): string {
  const met = values.filter(meets).length;
  const every = values.length === 2 ? 'in both rounds' : `in all ${values.length} rounds`;
  if (met === values.length) return values.length > 1 ? `yes, ${every}` : 'yes';
  if (met === 0) return values.length > 1 ? `**no**, ${every}` : '**no**';
  return `in ${met} of ${values.length} rounds (within the machine's noise)`;
}
