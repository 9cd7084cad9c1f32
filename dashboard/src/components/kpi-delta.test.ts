import { describe, expect, it } from 'vitest';
import { kpiDelta } from './kpi-delta.ts';

describe('kpiDelta', () => {
  it('reads a change that rounds to 0 at the shown precision as no change (IKM 75,31 → 75,26)', () => {
    const ikm = kpiDelta(75.26 - 75.31, 'score');
    expect(ikm).toMatchObject({ digits: 1, trend: 'flat', tone: null, roundsToZero: true });
    // Fractions are shown in points with one decimal: 0,04 pp is no change either.
    expect(kpiDelta(-0.0004, 'fraction', true)).toMatchObject({ trend: 'flat', tone: null });
    // Counts are whole: 0,4 of a person is no change.
    expect(kpiDelta(0.4, 'count')).toMatchObject({ digits: 0, trend: 'flat', tone: null });
    expect(kpiDelta(0, 'score')).toMatchObject({ trend: 'flat', tone: null, roundsToZero: false });
  });

  it('rounds like the text does: half away from zero shows, and so does its arrow', () => {
    expect(kpiDelta(-0.05, 'score')).toMatchObject({ trend: 'down', tone: 'bad' });
    expect(kpiDelta(0.049, 'score')).toMatchObject({ trend: 'flat' });
    expect(kpiDelta(0.0005, 'fraction')).toMatchObject({ trend: 'up', shown: 0.05 });
  });

  it('colours a visible change by whether lower is better', () => {
    expect(kpiDelta(0.021, 'fraction')).toMatchObject({ trend: 'up', tone: 'good' });
    expect(kpiDelta(0.021, 'fraction', true)).toMatchObject({ trend: 'up', tone: 'bad' });
    expect(kpiDelta(-0.4, 'days', true)).toMatchObject({ trend: 'down', tone: 'good' });
    expect(kpiDelta(-3, 'count')).toMatchObject({ trend: 'down', tone: 'bad', roundsToZero: false });
  });
});
