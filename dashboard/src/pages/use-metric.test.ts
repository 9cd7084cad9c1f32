import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { isDisclosureTooComplex } from '../graphql/errors.ts';
import { coarserAfter } from './use-metric.ts';

const refusal = (extensions: Record<string, unknown>) =>
  new CombinedGraphQLErrors({ errors: [{ message: 'too complex', path: ['resistance'], extensions }] });

const tooFine = refusal({
  code: 'QUERY_TOO_COMPLEX',
  reason: 'DISCLOSURE_TOO_COMPLEX',
  maxDisclosureWork: 150_000_000,
});

describe('a trend refused as too fine to protect', () => {
  it('is recognised by its code and reason only', () => {
    expect(isDisclosureTooComplex(tooFine)).toBe(true);
    // The query-cost limit is the same code for another reason: a coarser grain does not help.
    expect(
      isDisclosureTooComplex(refusal({ code: 'QUERY_TOO_COMPLEX', reason: 'COST', maxCost: 5000 })),
    ).toBe(false);
    expect(isDisclosureTooComplex(refusal({ code: 'INTERNAL_SERVER_ERROR' }))).toBe(false);
    expect(isDisclosureTooComplex(new Error('Failed to fetch'))).toBe(false);
    expect(isDisclosureTooComplex(undefined)).toBe(false);
  });

  it('asks for the next coarser grain: month → quarter → year, then the error stands', () => {
    expect(coarserAfter('month', tooFine)).toEqual({ grain: 'quarter', because: 'refused' });
    expect(coarserAfter('quarter', tooFine)).toEqual({ grain: 'year', because: 'refused' });
    expect(coarserAfter('year', tooFine)).toBeNull();
    // No grain (a table, not a trend), no error or another error: nothing to step to.
    expect(coarserAfter(null, tooFine)).toBeNull();
    expect(coarserAfter('month', undefined)).toBeNull();
    expect(coarserAfter('month', refusal({ code: 'BAD_USER_INPUT' }))).toBeNull();
  });
});

describe('a trend answered with every value hidden', () => {
  const hidden = { suppressed: true };
  const shown = { suppressed: false };
  it('steps to the next coarser grain, which may show something', () => {
    expect(coarserAfter('month', undefined, [hidden, hidden, hidden])).toEqual({
      grain: 'quarter',
      because: 'hidden',
    });
    expect(coarserAfter('quarter', undefined, [hidden])).toEqual({ grain: 'year', because: 'hidden' });
  });

  it('stays when anything is shown, nothing came back, or there is no coarser grain', () => {
    expect(coarserAfter('month', undefined, [hidden, shown])).toBeNull();
    expect(coarserAfter('month', undefined, [])).toBeNull();
    expect(coarserAfter('month', undefined, null)).toBeNull();
    expect(coarserAfter('year', undefined, [hidden])).toBeNull();
  });
});
