import { describe, expect, it } from 'vitest';
import { largestProgram } from './default-cohort.ts';

const row = (
  program: string | null,
  completed: number | null,
  extra: Partial<{ isTotal: boolean; suppressed: boolean }> = {},
) => ({
  keys: { program },
  completed,
  isTotal: false,
  suppressed: false,
  ...extra,
});

describe('the program the cohort and ROI pages open on', () => {
  it('is the one with the most completers, the total row and suppressed cells aside', () => {
    expect(
      largestProgram([
        row(null, 900, { isTotal: true }),
        row('A-1', 120),
        row('B-2', 300),
        row('C-3', 999, { suppressed: true }),
        row('D-4', null),
      ]),
    ).toBe('B-2');
  });

  it('breaks ties by the smaller code, so the default does not depend on row order', () => {
    expect(largestProgram([row('Z-9', 50), row('K-1', 50)])).toBe('K-1');
    expect(largestProgram([row('K-1', 50), row('Z-9', 50)])).toBe('K-1');
  });

  it('is null when no program has a completer', () => {
    expect(largestProgram([])).toBeNull();
    expect(largestProgram([row(null, 10, { isTotal: true }), row('A-1', 0)])).toBeNull();
  });
});
