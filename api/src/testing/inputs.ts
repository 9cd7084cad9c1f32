/** Valid analysis inputs over the fixture snapshot (its program PLY-PRIMA, 2023), for tests to vary. */
export const FIXTURE_COHORT = {
  selector: { kind: 'program', value: 'PLY-PRIMA' },
  from: '2023-01-01',
  to: '2023-12-31',
  outcome: 'service_days',
} as const;

export const FIXTURE_ROI = {
  selector: { kind: 'program', value: 'PLY-PRIMA' },
  from: '2023-01-01',
  to: '2023-12-31',
} as const;
