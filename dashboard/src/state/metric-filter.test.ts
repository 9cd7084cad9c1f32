import { FILTER_DIMENSIONS } from '@asn/warehouse';
import { describe, expect, it } from 'vitest';
import { FILTER_DIMENSION, namesThreeDimensions } from './metric-filter.ts';

describe('FILTER_DIMENSION', () => {
  it('names, for every list filter, the dimension the warehouse restricts', () => {
    // The browser bundle cannot import the warehouse: its copy must not drift (a new filter, or a
    // renamed dimension, would make the three-dimension notice wrong).
    expect(FILTER_DIMENSION).toEqual(FILTER_DIMENSIONS);
  });
});

describe('namesThreeDimensions', () => {
  it('counts the distinct dimensions of the list filters and the groupBy', () => {
    expect(namesThreeDimensions('resistance', ['gradeGroups', 'employmentTypes'], ['tenureBand'])).toBe(true);
    expect(namesThreeDimensions('resistance', ['gradeGroups'], ['tenureBand'])).toBe(false);
    // A list on the breakdown's own dimension names no further one.
    expect(namesThreeDimensions('resistance', ['agencies', 'gradeGroups'], ['agency'])).toBe(false);
    expect(namesThreeDimensions('serviceTimes', ['agencies', 'kelurahan'], ['serviceType'])).toBe(true);
  });

  it('says nothing of an answer without a breakdown (only its total)', () => {
    expect(namesThreeDimensions('resistance', ['agencies', 'gradeGroups', 'tenureBands'], [])).toBe(false);
  });

  it('takes a method or competency area as its programs for participation and JP compliance', () => {
    // The API asks them as the list of the programs they select: one dimension with programs.
    expect(namesThreeDimensions('participation', ['programs', 'methods'], ['agency'])).toBe(false);
    expect(namesThreeDimensions('jpCompliance', ['methods', 'competencyAreas'], ['agency'])).toBe(false);
    expect(namesThreeDimensions('participation', ['methods', 'gradeGroups'], ['agency'])).toBe(true);
    // Elsewhere a method is a dimension of its own.
    expect(namesThreeDimensions('invitationFunnel', ['programs', 'methods'], ['agency'])).toBe(true);
  });
});
