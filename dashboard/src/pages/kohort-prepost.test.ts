import { describe, expect, it } from 'vitest';
import type { CohortComparison } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import { statusHeadline } from './cohort-result.ts';
import { prePostTable } from './KohortPage.tsx';

/** A hidden comparison as the API answers it: the arms' counts null, the reason said. */
function hidden(reason: 'primary' | 'complementary' | null): CohortComparison {
  return {
    outcome: 'service_days_per_request',
    n: null,
    suppressed: true,
    suppressionReason: reason,
    did: { estimate: null, ci: null },
    warnings: [{ code: 'suppressed' }],
    treated: { n: null, meanPre: null, meanPost: null },
    control: { n: null, meanPre: null, meanPost: null },
    matching: { treatedEligible: null },
    windows: {
      pre: { from: '2022-01-01', to: '2022-12-31' },
      post: { from: '2024-01-01', to: '2024-12-31' },
    },
  } as unknown as CohortComparison;
}

describe('prePostTable: a hidden comparison says why as the API does', () => {
  const t = translator('en');
  it('primary (an arm below the minimum) is marked primary', () => {
    const table = prePostTable(hidden('primary'), t, 'en');
    expect(table.rows.map((r) => [r.suppressed, r.suppressionReason])).toEqual([
      [true, 'primary'],
      [true, 'primary'],
    ]);
  });
  it('complementary (the agencies filter leaves a small group out) is not put down to n < 5', () => {
    const table = prePostTable(hidden('complementary'), t, 'en');
    expect(table.rows.map((r) => [r.suppressed, r.suppressionReason])).toEqual([
      [true, 'complementary'],
      [true, 'complementary'],
    ]);
  });
  it('no reason given: hidden, with no reason claimed', () => {
    const table = prePostTable(hidden(null), t, 'en');
    expect(table.rows.map((r) => [r.suppressed, r.suppressionReason])).toEqual([
      [true, undefined],
      [true, undefined],
    ]);
  });
});

describe('statusHeadline', () => {
  it('a comparison hidden as a complement is not said to have a small group', () => {
    expect(statusHeadline('suppressed', 'complementary')).toBe('kohort.suppressedComplementary');
    expect(statusHeadline('suppressed', 'primary')).toBe('kohort.suppressedResult');
    expect(statusHeadline('suppressed', null)).toBe('kohort.suppressedResult');
    expect(statusHeadline('no_match', 'complementary')).toBe('kohort.status.no_match');
  });
});
