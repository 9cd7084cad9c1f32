import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { insertMartRows, openTestMarts } from '../metrics/cohort/testing/seed-marts.ts';
import { readCoverage, readFactCoverage, windowCoverage } from './coverage.ts';

describe('fact coverage', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await insertMartRows(db, 'fct_service_requests', [
      { request_id: 1, submitted_on: '2021-03-02' },
      { request_id: 2, submitted_on: '2024-09-30' },
      { request_id: 3, submitted_on: '2022-01-15' },
    ]);
    // An enrollment completed after its offering's last start: the completion ends the coverage.
    await insertMartRows(db, 'fct_enrollments', [
      { enrollment_id: 1, start_date: '2021-02-01', completed_on: null },
      { enrollment_id: 2, start_date: '2024-11-04', completed_on: null },
      { enrollment_id: 3, start_date: '2024-10-01', completed_on: '2025-01-10' },
    ]);
    await insertMartRows(db, 'fct_appraisals', [
      { employee_key: 'k1', period: 2021, score: 70 },
      { employee_key: 'k1', period: 2023, score: 75 },
    ]);
  });
  afterAll(() => db.close());

  it('reads first and last day per fact in one query, leaving out facts without rows', async () => {
    expect(await readCoverage(db)).toEqual([
      { fact: 'fct_enrollments', grain: 'day', first: '2021-02-01', last: '2025-01-10', rows: 3 },
      { fact: 'fct_service_requests', grain: 'day', first: '2021-03-02', last: '2024-09-30', rows: 3 },
      { fact: 'fct_appraisals', grain: 'year', first: '2021-01-01', last: '2023-12-31', rows: 2 },
    ]);
  });

  it('reads one fact, null when it has no rows', async () => {
    expect(await readFactCoverage(db, 'fct_service_requests')).toMatchObject({
      first: '2021-03-02',
      last: '2024-09-30',
    });
    expect(await readFactCoverage(db, 'fct_satisfaction')).toBeNull();
  });

  it('places a half-open window against a coverage: none, partial or full', () => {
    const cov = {
      fact: 'fct_service_requests' as const,
      grain: 'day' as const,
      first: '2021-03-02',
      last: '2024-09-30',
      rows: 3,
    };
    expect(windowCoverage({ start: '2021-04-01', end: '2024-10-01' }, cov)).toBe('full');
    expect(windowCoverage({ start: '2021-03-02', end: '2021-03-03' }, cov)).toBe('full');
    expect(windowCoverage({ start: '2024-01-01', end: '2025-01-01' }, cov)).toBe('partial');
    expect(windowCoverage({ start: '2021-01-01', end: '2022-01-01' }, cov)).toBe('partial');
    expect(windowCoverage({ start: '2021-02-01', end: '2021-03-02' }, cov)).toBe('partial');
    expect(windowCoverage({ start: '2024-10-01', end: '2025-10-01' }, cov)).toBe('none');
    expect(windowCoverage({ start: '2020-01-01', end: '2021-03-01' }, cov)).toBe('none');
    // Whole months: data from 2 March covers March, data to 1 December covers December.
    expect(windowCoverage({ start: '2021-03-01', end: '2021-04-01' }, cov)).toBe('full');
    const toDecember = { ...cov, last: '2024-12-01' };
    expect(windowCoverage({ start: '2024-01-01', end: '2025-01-01' }, toDecember)).toBe('full');
    expect(windowCoverage({ start: '2024-06-01', end: '2025-02-01' }, toDecember)).toBe('partial');
    // Unknown coverage claims nothing.
    expect(windowCoverage({ start: '2030-01-01', end: '2031-01-01' }, null)).toBe('full');
  });
});
