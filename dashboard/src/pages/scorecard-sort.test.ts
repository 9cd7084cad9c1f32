import { describe, expect, it } from 'vitest';
import type { Scorecard } from '../graphql/types.ts';
import { hiddenFigures, parseSort, shownFigure, sortScorecards } from './scorecard-sort.ts';

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

describe('sortScorecards by ROI', () => {
  const caveat = (code: string) => ({ code, id: '…', en: '…' });
  const roi = (
    agency: string,
    roiPct: number | null,
    codes: string[] = [],
    suppressedComponents: string[] = [],
  ) =>
    ({
      agency,
      roiPct,
      roiWarnings: codes.map(caveat),
      suppressed: suppressedComponents.length > 0,
      suppressedComponents,
    }) as unknown as Scorecard;
  // As in 2024: agencies whose −100 % is "tak terukur" (no effect data) beside one whose −100 % is
  // measured (the base case priced no benefit on an effect whose CI contains 0).
  const cards = [
    roi('BAPPEDA', -100, ['no_effect_data']),
    roi('BKPSDM', -100, ['no_data_before_training']),
    roi('DINKES', -100, ['effect_ci_includes_zero']),
    roi('DISDIK', 42.5),
    roi('BPBD', -100, ['no_data_after_training', 'effect_ci_includes_zero']),
    roi('DISHUB', -20, ['effect_ci_includes_zero']),
    roi('AAA', null),
    roi('INSPEKTORAT', null, [], ['roi']),
  ];
  const order = (dir: 'asc' | 'desc') =>
    sortScorecards(cards, { key: 'roiPct', dir }, (c) => c).map((c) => c.agency);

  it('puts an ROI the page writes "tak terukur" with the missing ones, last when ascending', () => {
    // The worst measured return first: the measured −100 %, never an unmeasured one.
    expect(order('asc')).toEqual([
      'DINKES',
      'DISHUB',
      'DISDIK',
      'AAA',
      'BAPPEDA',
      'BKPSDM',
      'BPBD',
      'INSPEKTORAT',
    ]);
  });
  it('and last when descending', () => {
    expect(order('desc')).toEqual([
      'DISDIK',
      'DISHUB',
      'DINKES',
      'AAA',
      'BAPPEDA',
      'BKPSDM',
      'BPBD',
      'INSPEKTORAT',
    ]);
  });
  it('reads a figure as the cell shows it', () => {
    expect(cards.map((c) => shownFigure(c, 'roiPct'))).toEqual([
      null,
      null,
      -100,
      42.5,
      null,
      -20,
      null,
      null,
    ]);
    // A hidden ROI stays hidden whatever figure came with it; a non-finite one is written "—".
    expect(shownFigure(roi('X', 12, [], ['roi']), 'roiPct')).toBeNull();
    expect(shownFigure(roi('X', Number.NaN), 'roiPct')).toBeNull();
  });
  it('leaves the other figures of a card with an unmeasured or hidden ROI in their place', () => {
    const withRate = cards.map((c, i) => ({ ...c, participationRate: i / 10 }) as Scorecard);
    const sorted = sortScorecards(withRate, { key: 'participationRate', dir: 'desc' }, (c) => c);
    expect(sorted[0]?.agency).toBe('INSPEKTORAT');
    expect(sorted.at(-1)?.agency).toBe('BAPPEDA');
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
