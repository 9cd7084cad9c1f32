import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { agencyScorecard } from '../agency-scorecard.metric.ts';
import { jpCompliance } from '../jp-compliance.metric.ts';
import { MetricInputError } from './metric-input-error.ts';
import { resolveMinN } from './metric-options.ts';
import { parseIsoDate } from './periods.ts';
import { checkMetricRange, planQuery } from './plan-query.ts';

/** These checks run before any query: no database is needed. */
const NO_DB = null as unknown as Db;

function caught(run: () => unknown): MetricInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MetricInputError);
    return error as MetricInputError;
  }
  throw new Error('did not throw');
}

async function rejected(run: () => Promise<unknown>): Promise<MetricInputError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MetricInputError);
  return error as MetricInputError;
}

/**
 * A metric input mistake carries a reason, the field at fault and the reason's parameters
 * (`detail`), which the API passes on as the error's extensions; the message is unchanged.
 */
describe('MetricInputError details', () => {
  it('a date that is no calendar day', () => {
    const error = caught(() => parseIsoDate('2024-02-30', 'filter.to'));
    expect(error.detail).toEqual({ reason: 'INVALID_DATE', field: 'filter.to' });
    expect(error.message).toBe('filter.to must be an ISO date YYYY-MM-DD, got "2024-02-30"');
  });

  it('a reversed date range, a duplicated dimension, compare without a grain', () => {
    expect(caught(() => planQuery('m', { filter: { from: '2024-02-01', to: '2024-01-01' } })).detail).toEqual(
      {
        reason: 'RANGE_REVERSED',
        field: 'filter.from',
        startField: 'filter.from',
        endField: 'filter.to',
        start: '2024-02-01',
        end: '2024-01-01',
      },
    );
    expect(caught(() => planQuery('m', { groupBy: ['agency'] }, undefined, 'agency')).detail).toEqual({
      reason: 'DUPLICATE_VALUE',
      field: 'groupBy',
      duplicates: ['agency'],
    });
    expect(caught(() => planQuery('m', { compare: true })).detail).toEqual({
      reason: 'MISSING_ARGUMENT',
      field: 'compare',
      missing: 'grain',
    });
  });

  it('checkMetricRange: the range check every metric runs, callable once before several metrics', () => {
    // Whole periods of the grain pass, and come back as given.
    expect(checkMetricRange({ filter: { from: '2023-01-01', to: '2023-12-31' } })).toEqual({
      from: '2023-01-01',
      to: '2023-12-31',
    });
    expect(checkMetricRange({ filter: { from: '2023-03-01', to: '2023-08-31' }, grain: 'month' })).toEqual({
      from: '2023-03-01',
      to: '2023-08-31',
    });
    expect(checkMetricRange({})).toEqual({ from: undefined, to: undefined });
    // Part of a year without a grain (a behaviour window, say): refused as planQuery refuses it.
    const window = { filter: { from: '2023-03-01', to: '2023-08-31' } };
    const error = caught(() => checkMetricRange(window));
    expect(error.detail).toEqual({
      reason: 'RANGE_NOT_ALIGNED',
      field: 'filter.from',
      unit: 'year',
      value: '2023-03-01',
      earlier: '2023-01-01',
      later: '2024-01-01',
    });
    expect(caught(() => planQuery('m', window))).toEqual(error);
    expect(caught(() => checkMetricRange({ filter: { to: '2023-08-31' }, grain: 'quarter' })).detail).toEqual(
      {
        reason: 'RANGE_NOT_ALIGNED',
        field: 'filter.to',
        unit: 'quarter',
        value: '2023-08-31',
        earlier: '2023-06-30',
        later: '2023-09-30',
      },
    );
    expect(caught(() => checkMetricRange({ filter: { from: '2024-01-01', to: '2023-12-31' } })).reason).toBe(
      'RANGE_REVERSED',
    );
    expect(caught(() => checkMetricRange({ filter: { from: '2023-02-30' } })).reason).toBe('INVALID_DATE');
  });

  it('numbers out of range: minN, scorecard years, JP options', async () => {
    const minN = caught(() => resolveMinN({ minN: 0 }));
    expect(minN.detail).toEqual({ reason: 'OUT_OF_RANGE', field: 'minN', min: 1 });
    expect(minN.reason).toBe('OUT_OF_RANGE');
    expect(minN.field).toBe('minN');
    expect((await rejected(() => agencyScorecard(NO_DB, { agencies: ['X'], years: [20] }))).detail).toEqual({
      reason: 'OUT_OF_RANGE',
      field: 'years',
      min: 1990,
      max: 2100,
    });
    expect((await rejected(() => jpCompliance(NO_DB, {}, { jpMinutes: 0 }))).detail).toEqual({
      reason: 'OUT_OF_RANGE',
      field: 'options',
    });
  });
});
