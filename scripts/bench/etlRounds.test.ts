import { describe, expect, it } from 'vitest';
import type { CpuSpan } from './cpuMeter.ts';
import {
  type EtlRound,
  type EtlRoundSummary,
  medianRoundIndex,
  roundsVerdict,
  spread,
  summarizeRound,
} from './etlRounds.ts';
import type { EtlTiming } from './timeEtl.ts';

const cpu: CpuSpan = {
  wallMs: 0,
  processUserMs: 0,
  processSystemMs: 0,
  minorPageFaults: 0,
  machineBusyMs: null,
  machineStealMs: null,
};
const timing = (mode: 'full' | 'incremental', totalMs: number): EtlTiming => ({
  mode,
  totalMs,
  cpu,
  stages: {},
  tables: [],
});
const summary = (fullOverLimit: number): EtlRoundSummary => ({
  limitMs: 1000,
  fullMs: fullOverLimit * 1000,
  incrementalMs: 100,
  fullOverLimit,
  writeFloorMs: 500,
  fullOverLimitAndWrites: (fullOverLimit * 1000) / 1500,
  incrementalOverFull: 100 / (fullOverLimit * 1000),
});

describe('ETL bench rounds', () => {
  it("a round's ratios: the full run over the limit's COPY + read_csv (and with the write floor), the incremental over the full run", () => {
    const round: EtlRound = {
      limit: [
        { table: 'a', rows: 10, bytes: 100, copyMs: 3000, readMs: 5000 },
        { table: 'b', rows: 5, bytes: 50, copyMs: 1000, readMs: 1000 },
      ],
      limitCpu: cpu,
      full: timing('full', 25_000),
      writeFloor: { tables: 40, rows: 1000, ms: 2500, cpu },
      changes: { updated: {}, deleted: 0, sourceRows: 15 },
      incremental: timing('incremental', 5000),
    };
    expect(summarizeRound(round)).toEqual({
      limitMs: 10_000,
      fullMs: 25_000,
      incrementalMs: 5000,
      fullOverLimit: 2.5,
      writeFloorMs: 2500,
      fullOverLimitAndWrites: 2,
      incrementalOverFull: 0.2,
    });
  });

  it('spread: type-7 median (mean of the middle two for an even count), least and greatest', () => {
    expect(spread([2.4, 2.1, 2.3])).toEqual({ median: 2.3, min: 2.1, max: 2.4, rounds: 3 });
    expect(spread([0.3, 0.1, 0.2, 0.4])).toMatchObject({ median: 0.25, min: 0.1, max: 0.4, rounds: 4 });
    expect(spread([1.7])).toEqual({ median: 1.7, min: 1.7, max: 1.7, rounds: 1 });
    expect(() => spread([])).toThrow(/no rounds/);
  });

  it('the detailed round is the median one by full ETL / limit, the lower middle for an even count', () => {
    expect(medianRoundIndex([summary(2.4), summary(2.1), summary(2.3)])).toBe(2);
    expect(medianRoundIndex([summary(2.4), summary(2.1), summary(2.3), summary(2.2)])).toBe(3);
    expect(medianRoundIndex([summary(2.0)])).toBe(0);
    // Ties keep run order.
    expect(medianRoundIndex([summary(2.0), summary(2.0), summary(2.0)])).toBe(1);
    expect(() => medianRoundIndex([])).toThrow(/no rounds/);
  });

  it('a goal over the rounds: met or missed in every round, or only in some (noise decides)', () => {
    const le15 = (x: number) => x <= 1.5;
    expect(roundsVerdict([1.2, 1.4, 1.5], le15)).toBe('yes, in all 3 rounds');
    expect(roundsVerdict([2.2, 2.3, 2.1], le15)).toBe('**no**, in all 3 rounds');
    expect(roundsVerdict([1.4, 1.6, 1.45], le15)).toBe("in 2 of 3 rounds (within the machine's noise)");
    expect(roundsVerdict([1.6, 1.7], le15)).toBe('**no**, in both rounds');
    expect(roundsVerdict([1.4], le15)).toBe('yes');
    expect(roundsVerdict([1.6], le15)).toBe('**no**');
  });
});
