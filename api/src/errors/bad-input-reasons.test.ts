import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFixtureKecamatan, FIXTURE_KECAMATAN } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { FIXTURE_COHORT, FIXTURE_ROI } from '../testing/inputs.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { BAD_INPUT_REASONS, variableErrorDetail } from './api-errors.ts';

/**
 * Every caller mistake the API reports (BAD_USER_INPUT) carries `extensions.reason` from the
 * documented set, the argument path in `extensions.field` and the parameters a client needs to
 * phrase it (the dashboard does, in Indonesian): one representative bad query per kind of throw
 * site — resolver checks (`badInput`), unknown codes, the warehouse's `MetricInputError`, a kept
 * snapshot, and graphql-js's variable coercion before execution.
 */
const METRIC = (name: string) =>
  `query Q($f: MetricFilterInput, $g: [Dimension!], $grain: TimeGrain, $c: Boolean) { ${name}(filter: $f, groupBy: $g, grain: $grain, compare: $c) { minN } }`;
const COHORT = 'query Q($c: CohortInput!) { cohortComparison(cohort: $c) { n } }';
const ROI = 'query Q($i: RoiInput!) { roi(input: $i) { suppressed } }';
const EFFECTS = 'query Q($i: ProgramEffectsInput!) { programEffects(input: $i) { n } }';
const BUDGET = 'query Q($i: BudgetScenarioInput!) { budgetScenario(input: $i) { seats } }';
const PAGE = 'query Q($p: PageInput) { etlRuns(page: $p) { total } }';
const ROLLBACK = 'mutation M($id: String!) { rollbackWarehouse(snapshotId: $id) { id } }';

interface Case {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** The extensions expected besides `code` (exactly: no other key). */
  readonly extensions: Record<string, unknown>;
}

const CASES: readonly Case[] = [
  // Unknown codes (known-codes.ts)
  {
    name: 'a program code the snapshot does not know',
    query: METRIC('participation'),
    variables: { f: { programs: ['NOPE'] } },
    extensions: { reason: 'UNKNOWN_VALUE', field: 'filter.programs', unknown: ['NOPE'] },
  },
  {
    name: 'a method outside its fixed domain (listed in full)',
    query: METRIC('participation'),
    variables: { f: { methods: ['e-learning'] } },
    extensions: {
      reason: 'UNKNOWN_VALUE',
      field: 'filter.methods',
      unknown: ['e-learning'],
      accepted: ['classroom', 'coaching', 'e_learning', 'seminar', 'workshop'],
    },
  },
  {
    name: 'a cohort selector value',
    query: COHORT,
    variables: { c: { ...FIXTURE_COHORT, selector: { kind: 'program', value: 'PLY-PRIME' } } },
    extensions: { reason: 'UNKNOWN_VALUE', field: 'cohort.selector.value', unknown: ['PLY-PRIME'] },
  },
  // Resolver checks (badInput)
  {
    name: 'a page limit below 1',
    query: PAGE,
    variables: { p: { limit: 0 } },
    extensions: { reason: 'OUT_OF_RANGE', field: 'page.limit', min: 1, max: 100 },
  },
  {
    name: 'a negative page offset',
    query: PAGE,
    variables: { p: { offset: -10 } },
    extensions: { reason: 'OUT_OF_RANGE', field: 'page.offset', min: 0 },
  },
  {
    name: 'a scorecard year out of range',
    query: '{ agencies(codes: ["DINKES"]) { scorecard(year: 1900) { year } } }',
    extensions: { reason: 'OUT_OF_RANGE', field: 'year', min: 1990, max: 2100 },
  },
  {
    name: 'a cohort window of 100 years',
    query: COHORT,
    variables: { c: { ...FIXTURE_COHORT, windowMonths: 1200 } },
    extensions: { reason: 'OUT_OF_RANGE', field: 'cohort.windowMonths', min: 1, max: 120 },
  },
  {
    name: 'a cohort window that ends before it starts',
    query: COHORT,
    variables: { c: { ...FIXTURE_COHORT, from: '2024-01-01', to: '2023-01-01' } },
    extensions: {
      reason: 'RANGE_REVERSED',
      field: 'cohort.to',
      startField: 'cohort.from',
      endField: 'cohort.to',
      start: '2024-01-01',
      end: '2023-01-01',
    },
  },
  {
    name: 'a cohort window that starts inside a month',
    query: COHORT,
    variables: { c: { ...FIXTURE_COHORT, from: '2023-03-15', to: '2023-12-31' } },
    extensions: {
      reason: 'RANGE_NOT_ALIGNED',
      field: 'cohort.from',
      unit: 'month',
      value: '2023-03-15',
      earlier: '2023-03-01',
      later: '2023-04-01',
    },
  },
  {
    name: 'an ROI window that ends inside a month',
    query: ROI,
    variables: { i: { ...FIXTURE_ROI, to: '2024-02-28' } },
    extensions: {
      reason: 'RANGE_NOT_ALIGNED',
      field: 'input.to',
      unit: 'month',
      value: '2024-02-28',
      earlier: '2024-01-31',
      later: '2024-02-29',
    },
  },
  {
    name: 'a program-effects window that cuts a month',
    query: EFFECTS,
    variables: { i: { from: '2023-01-01', to: '2023-06-15' } },
    extensions: {
      reason: 'RANGE_NOT_ALIGNED',
      field: 'input.to',
      unit: 'month',
      value: '2023-06-15',
      earlier: '2023-05-31',
      later: '2023-06-30',
    },
  },
  {
    name: 'a program-effects window out of range',
    query: EFFECTS,
    variables: { i: { from: '2023-01-01', to: '2023-12-31', windowMonths: 0 } },
    extensions: { reason: 'OUT_OF_RANGE', field: 'input.windowMonths', min: 1, max: 120 },
  },
  {
    name: 'a program-effects agency the snapshot does not know',
    query: EFFECTS,
    variables: { i: { from: '2023-01-01', to: '2023-12-31', agencies: ['NOPE'] } },
    extensions: { reason: 'UNKNOWN_VALUE', field: 'input.agencies', unknown: ['NOPE'] },
  },
  {
    name: 'an ROI share above 1',
    query: ROI,
    variables: { i: { ...FIXTURE_ROI, assumptions: { confidence: 5 } } },
    extensions: { reason: 'OUT_OF_RANGE', field: 'input.assumptions.confidence', min: 0, max: 1 },
  },
  {
    name: 'an ROI divisor of 0',
    query: ROI,
    variables: { i: { ...FIXTURE_ROI, assumptions: { jpMinutes: 0 } } },
    extensions: { reason: 'OUT_OF_RANGE', field: 'input.assumptions.jpMinutes', min: 1, max: 1440 },
  },
  {
    name: 'a negative ROI cost',
    query: ROI,
    variables: { i: { ...FIXTURE_ROI, assumptions: { hourlySalaryCostIdr: -5 } } },
    extensions: {
      reason: 'OUT_OF_RANGE',
      field: 'input.assumptions.hourlySalaryCostIdr',
      min: 0,
      max: 1e15,
    },
  },
  // Assumptions so large (or a divisor so small) that a figure overflowed: Infinity, int64 in SQL.
  ...(
    [
      ['citizenDayValueIdr', 1e308, 0, 1e15],
      ['hourlySalaryCostIdr', 1e308, 0, 1e15],
      ['monthlySalaryCostIdr', 1e308, 0, 1e15],
      ['workingHoursPerMonth', 1e-320, 1, 744],
      ['workingHoursPerMonth', 745, 1, 744],
      ['jpMinutes', 1e308, 1, 1440],
      ['jpMinutes', 1e-320, 1, 1440],
    ] as const
  ).map(([name, value, min, max]) => ({
    name: `an ROI ${name} of ${value}`,
    query: ROI,
    variables: { i: { ...FIXTURE_ROI, assumptions: { [name]: value } } },
    extensions: { reason: 'OUT_OF_RANGE', field: `input.assumptions.${name}`, min, max },
  })),
  {
    name: 'a portfolio citizen-day value of 1e308',
    query: 'query Q($a: RoiAssumptionsInput) { programPortfolio(years: [2023], assumptions: $a) { year } }',
    variables: { a: { citizenDayValueIdr: 1e308 } },
    extensions: { reason: 'OUT_OF_RANGE', field: 'assumptions.citizenDayValueIdr', min: 0, max: 1e15 },
  },
  {
    name: 'a negative budget',
    query: BUDGET,
    variables: { i: { agency: 'DISDUKCAPIL', program: 'PLY-PRIMA', budgetIdr: -1 } },
    extensions: { reason: 'OUT_OF_RANGE', field: 'input.budgetIdr', min: 0, max: 1e15 },
  },
  {
    name: 'a portfolio of no years',
    query: '{ programPortfolio(years: []) { year } }',
    extensions: { reason: 'LIST_LENGTH', field: 'years', min: 1, max: 20 },
  },
  // The warehouse's MetricInputError
  {
    name: 'a metric date range that ends before it starts',
    query: METRIC('participation'),
    variables: { f: { from: '2024-02-01', to: '2024-01-01' } },
    extensions: {
      reason: 'RANGE_REVERSED',
      field: 'filter.from',
      startField: 'filter.from',
      endField: 'filter.to',
      start: '2024-02-01',
      end: '2024-01-01',
    },
  },
  {
    name: 'a metric date range that cuts a period of its grain',
    query: METRIC('resistance'),
    variables: { f: { from: '2024-01-01', to: '2024-02-15' }, grain: 'month' },
    extensions: {
      reason: 'RANGE_NOT_ALIGNED',
      field: 'filter.to',
      unit: 'month',
      value: '2024-02-15',
      earlier: '2024-01-31',
      later: '2024-02-29',
    },
  },
  {
    name: 'a dimension grouped by twice',
    query: METRIC('participation'),
    variables: { g: ['agency', 'agency'] },
    extensions: { reason: 'DUPLICATE_VALUE', field: 'groupBy', duplicates: ['agency'] },
  },
  {
    name: 'a groupBy of three dimensions (a three-way table would give away two-way cells)',
    query: METRIC('participation'),
    variables: { g: ['gradeGroup', 'tenureBand', 'employmentType'] },
    extensions: { reason: 'LIST_LENGTH', field: 'groupBy', max: 2 },
  },
  {
    name: 'a date past the last year the warehouse reasons about',
    query: METRIC('participation'),
    variables: { f: { from: '9999-01-01', to: '9999-12-31' }, grain: 'year' },
    extensions: { reason: 'OUT_OF_RANGE', field: 'filter.from', min: '1900-01-01', max: '2999-12-31' },
  },
  {
    name: 'an analysis window in year 9999',
    query: COHORT,
    variables: { c: { ...FIXTURE_COHORT, from: '9999-01-01', to: '9999-12-31' } },
    extensions: { reason: 'OUT_OF_RANGE', field: 'cohort.from', min: '1900-01-01', max: '2999-12-31' },
  },
  {
    name: 'an answer of too many rows (every month of eleven centuries, per agency)',
    query: METRIC('participation'),
    variables: { f: { from: '1900-01-01', to: '2999-12-31' }, grain: 'month', g: ['agency'] },
    extensions: { reason: 'TOO_MANY_ROWS', field: 'grain', rows: expect.any(Number), max: 50_000 },
  },
  {
    name: 'compare without a grain',
    query: METRIC('participation'),
    variables: { c: true },
    extensions: { reason: 'MISSING_ARGUMENT', field: 'compare', missing: 'grain' },
  },
  {
    name: 'service times by kelurahan naming a kecamatan agency (it would show as none)',
    query: METRIC('serviceTimes'),
    variables: { f: { agencies: [FIXTURE_KECAMATAN, 'DINKES'] }, g: ['kelurahan'] },
    extensions: {
      reason: 'KECAMATAN_BY_KELURAHAN',
      field: 'filter.agencies',
      metric: 'serviceTimes',
      values: [FIXTURE_KECAMATAN],
    },
  },
  {
    name: 'a filter the metric cannot honour',
    query: METRIC('serviceTimes'),
    variables: { f: { methods: ['workshop'] } },
    extensions: {
      reason: 'UNSUPPORTED_FILTER',
      field: 'filter.methods',
      metric: 'serviceTimes',
      accepted: expect.arrayContaining(['agencies', 'serviceTypes']),
    },
  },
  {
    name: 'a groupBy the metric cannot honour',
    query: METRIC('serviceTimes'),
    variables: { g: ['tenureBand'] },
    extensions: {
      reason: 'UNSUPPORTED_GROUP_BY',
      field: 'groupBy',
      metric: 'serviceTimes',
      value: 'tenureBand',
      accepted: expect.arrayContaining(['agency', 'serviceType']),
    },
  },
  {
    name: 'a monthly grain on yearly data',
    query: METRIC('jpCompliance'),
    variables: { grain: 'month' },
    extensions: {
      reason: 'UNSUPPORTED_GRAIN',
      field: 'grain',
      metric: 'jpCompliance',
      value: 'month',
      accepted: ['year'],
    },
  },
  // Kept snapshots
  {
    name: 'a snapshot id that is not kept',
    query: ROLLBACK,
    variables: { id: '20200101T000000000Z-0000' },
    extensions: { reason: 'NOT_KEPT', field: 'snapshotId' },
  },
  {
    name: 'a snapshot id that is no id',
    query: ROLLBACK,
    variables: { id: '../CURRENT' },
    extensions: { reason: 'NOT_KEPT', field: 'snapshotId' },
  },
  // Variable coercion, before execution
  {
    name: 'an enum value that does not exist',
    query: METRIC('participation'),
    variables: { grain: 'decade' },
    extensions: { reason: 'INVALID_VARIABLE', variable: 'grain' },
  },
  {
    name: 'a date that is no calendar day',
    query: METRIC('participation'),
    variables: { f: { from: '2024-02-30' } },
    extensions: { reason: 'INVALID_VARIABLE', variable: 'f.from' },
  },
  {
    name: 'a required variable missing',
    query: COHORT,
    variables: {},
    extensions: { reason: 'INVALID_VARIABLE', variable: 'c' },
  },
  // The same mistakes written in the document: validation, the same code.
  {
    name: 'a date literal that is no calendar day',
    query: '{ participation(filter: { from: "2024-02-30" }) { minN } }',
    variables: {},
    extensions: { reason: 'INVALID_LITERAL', type: 'LocalDate' },
  },
  {
    name: 'an enum literal that does not exist',
    query: '{ participation(grain: decade) { minN } }',
    variables: {},
    extensions: { reason: 'INVALID_LITERAL', type: 'TimeGrain' },
  },
];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ MAX_LIST: 100 }, undefined, addFixtureKecamatan);
});
afterAll(() => t?.close());

describe('every BAD_USER_INPUT carries a documented reason', () => {
  it('covers every reason but INVALID_DATE (a LocalDate variable is refused before the metric sees it)', () => {
    const covered = new Set(CASES.map((c) => c.extensions.reason));
    expect(BAD_INPUT_REASONS.filter((r) => !covered.has(r))).toEqual(['INVALID_DATE']);
  });

  it.each(CASES)('$name', async (c) => {
    const res = await gql(t.url, c.query, { variables: c.variables ?? {}, token: TOKENS.admin });
    const errors = res.body.errors ?? [];
    expect(errors.length, res.text.slice(0, 300)).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.extensions?.code, error.message).toBe('BAD_USER_INPUT');
      expect(BAD_INPUT_REASONS).toContain(error.extensions?.reason);
    }
    expect(errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', ...c.extensions });
  });
});

describe('ROI assumptions at their bounds', () => {
  it.each([
    { citizenDayValueIdr: 1e15, monthlySalaryCostIdr: 1e15, workingHoursPerMonth: 1, jpMinutes: 1440 },
    { citizenDayValueIdr: 1e15, hourlySalaryCostIdr: 1e15, confidence: 1, attribution: 1 },
    { citizenDayValueIdr: 1e15, hourlySalaryCostIdr: 0, jpMinutes: 1, workingHoursPerMonth: 744 },
  ])('answer finite figures: %o', async (assumptions) => {
    const res = await gql(
      t.url,
      `query Q($i: RoiInput!, $a: RoiAssumptionsInput) {
        roi(input: $i) { base { roiPercent benefitsIdr } costs { totalIdr } assumptions { name value } }
        programPortfolio(years: [2023], assumptions: $a) { roi { base { roiPercent benefitsIdr } } }
      }`,
      { variables: { i: { ...FIXTURE_ROI, assumptions }, a: assumptions }, token: TOKENS.planner },
    );
    expect(res.body.errors, res.text.slice(0, 300)).toBeUndefined();
    expect(res.status).toBe(200);
  });
});

describe('one place raises BAD_USER_INPUT', () => {
  it('no source builds a BAD_USER_INPUT of its own but badInput (and the cost plugin, for variables)', () => {
    const root = new URL('../../../', import.meta.url);
    const builders = ['api/src', 'warehouse/src'].flatMap((dir) =>
      (readdirSync(new URL(dir, root), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => `${dir}/${f}`)
        .filter((f) => /code: 'BAD_USER_INPUT'/.test(readFileSync(new URL(f, root), 'utf8'))),
    );
    // The cost plugin re-raises graphql-js's variable coercion errors: formatError gives them
    // INVALID_VARIABLE from the message, as it does for Apollo's own.
    expect(builders.sort()).toEqual(['api/src/errors/api-errors.ts', 'api/src/limits/cost.plugin.ts']);
  });
});

describe('variableErrorDetail', () => {
  it("reads graphql-js's coercion messages, and nothing else", () => {
    expect(
      variableErrorDetail(
        'Variable "$f" got invalid value 20240101 at "f.from"; String cannot represent a non string value: 20240101',
      ),
    ).toEqual({ reason: 'INVALID_VARIABLE', variable: 'f.from' });
    expect(variableErrorDetail('Variable "$c" of required type "CohortInput!" was not provided.')).toEqual({
      reason: 'INVALID_VARIABLE',
      variable: 'c',
    });
    expect(variableErrorDetail('Argument "if" of non-null type "Boolean!" must not be null.')).toEqual({
      reason: 'INVALID_VARIABLE',
      field: 'if',
    });
    expect(
      variableErrorDetail(
        'Argument "code" of required type "String!" was provided the variable "$c" which was not provided a runtime value.',
      ),
    ).toEqual({ reason: 'INVALID_VARIABLE', field: 'code', variable: 'c' });
    expect(variableErrorDetail('page.limit must be 1 … 100')).toBeNull();
  });
});

describe('the README documents the set', () => {
  it('lists exactly BAD_INPUT_REASONS, in order, in its reasons table', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8').split('\n');
    const header = readme.findIndex((line) => line.startsWith('| reason | when |'));
    expect(header, 'the README has a `| reason | when | … |` table').toBeGreaterThan(-1);
    const rows = [];
    for (const line of readme.slice(header + 2)) {
      if (!line.startsWith('|')) break;
      rows.push(/^\| `([A-Z_]+)` \|/.exec(line)?.[1] ?? line);
    }
    expect(rows).toEqual([...BAD_INPUT_REASONS]);
  });
});
