import { describe, expect, it } from 'vitest';
import type { Scorecard } from '../graphql/types.ts';
import { hiddenFigures, parseSort, sortScorecards } from './scorecard-sort.ts';

const card = (agency: string, participationRate: number | null, suppressed = false) =>
  ({
    agency,
    participationRate,
    suppressed,
    suppressedComponents: suppressed ? ['participation'] : [],
  }) as unknown as Scorecard;

describe('sortScorecards', () => {
  const cards = [card('A', 0.5), card('B', null), card('C', 0.9), card('D', 0.1, true)];
  it('sorts descending with missing and suppressed values last', () => {
    const sorted = sortScorecards(cards, { key: 'participationRate', dir: 'desc' }, (c) => c);
    expect(sorted.map((c) => c.agency)).toEqual(['C', 'A', 'B', 'D']);
  });
  it('keeps missing values last when ascending too', () => {
    const sorted = sortScorecards(cards, { key: 'participationRate', dir: 'asc' }, (c) => c);
    expect(sorted.map((c) => c.agency)).toEqual(['A', 'C', 'B', 'D']);
  });
  it('parses the URL form', () => {
    expect(parseSort('ikm.desc', ['ikm'])).toEqual({ key: 'ikm', dir: 'desc' });
    expect(parseSort('drop table', ['ikm'])).toEqual({ key: 'agency', dir: 'asc' });
  });
  it('sorts a card by a figure that is shown, though another of its figures is hidden', () => {
    const partly = {
      agency: 'E',
      participationRate: 0.7,
      resistanceRate: null,
      suppressed: true,
      suppressedComponents: ['resistance'],
    } as unknown as Scorecard;
    const sorted = sortScorecards([...cards, partly], { key: 'participationRate', dir: 'desc' }, (c) => c);
    expect(sorted.map((c) => c.agency)).toEqual(['C', 'E', 'A', 'B', 'D']);
  });
});

describe('hiddenFigures', () => {
  it('maps the API components to the figures they hide, and nothing else', () => {
    expect([...hiddenFigures({ suppressedComponents: ['resistance'] })]).toEqual(['resistanceRate']);
    expect([...hiddenFigures({ suppressedComponents: ['participation', 'serviceTimes'] })].sort()).toEqual([
      'headcount',
      'medianServiceDays',
      'participationRate',
      'slaMetRate',
    ]);
    expect([...hiddenFigures({ suppressedComponents: ['jpCompliance', 'ikm'] })].sort()).toEqual([
      'ikm',
      'jpComplianceRate',
    ]);
    expect([...hiddenFigures({ suppressedComponents: ['roi'] })]).toEqual(['roiPct']);
    expect([...hiddenFigures({ suppressedComponents: ['training'] })].sort()).toEqual([
      'costPerJpIdr',
      'costPerParticipantIdr',
    ]);
    expect(hiddenFigures({ suppressedComponents: [] }).size).toBe(0);
  });
});
