import { describe, expect, it } from 'vitest';
import { isoDurationSeconds } from './iso-duration.ts';
import { jpFromSeconds } from './jp.ts';

describe('isoDurationSeconds', () => {
  it.each([
    ['PT1H30M', 5400],
    ['PT45M', 2700],
    ['P1DT2H', 93_600],
    ['PT0.5S', 0.5],
    ['PT1234S', 1234],
    ['PT1H5M2S', 3902],
    ['PT1H0M0S', 3600],
    ['P2W', 1_209_600],
    ['PT0,5H', 1800],
    ['PT0S', 0],
    // A fraction on the lowest-order component given, whichever that is.
    ['PT1H30.5M', 5430],
    ['P1DT0,5H', 88_200],
  ])('%s = %d s', (text, seconds) => {
    expect(isoDurationSeconds(text)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', '1H', 'PT1H30', 'PT-5M', 'P1M', 'P1Y2D', 'PT1.5.2S', 'P1H', 'pt1h'])(
    'refuses %j',
    (text) => {
      expect(isoDurationSeconds(text)).toBeNull();
    },
  );

  // ISO 8601 allows a decimal fraction on the lowest-order component only.
  it.each(['PT1.5H30M', 'PT1,5H30M', 'P1.5DT2H', 'PT0.5M10S', 'P1.5W1D'])(
    'refuses %j: a fraction before the last component',
    (text) => {
      expect(isoDurationSeconds(text)).toBeNull();
    },
  );
});

describe('jpFromSeconds', () => {
  it('counts JP of 45 minutes by default, or of the run’s JP_MINUTES', () => {
    expect(jpFromSeconds(isoDurationSeconds('PT1H30M')!)).toBe(2);
    expect(jpFromSeconds(isoDurationSeconds('PT45M')!)).toBe(1);
    expect(jpFromSeconds(isoDurationSeconds('PT1H30M')!, 60)).toBe(1.5);
  });

  it('refuses a non-positive JP length', () => {
    expect(() => jpFromSeconds(60, 0)).toThrow(RangeError);
  });
});
