import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../db/index.ts';
import { createMartTables, martSpec } from '../../models/marts/contract.ts';
import { programEffects } from '../program-effects/program-effects.ts';
import { cohortComparison } from './cohort-comparison.ts';
import type { CohortSpec } from './cohort-spec.ts';

// Researchers need the same bits for the same snapshot. DuckDB adds DOUBLEs in whatever order its
// threads deliver the rows, so a plain sum / avg / var_samp over many row groups changes in its last
// digits from run to run; the cohort cells and the joint model add exact integers (`exactSumSql`).
// 100,000 employees with 400,000 appraisals (> 2 × 122,880 rows: several row groups) and two
// threads, so DuckDB parallelises (the old sums gave 13 and 20 different answers in 20 runs; 8 runs keep the test short).

const EMPLOYEES = 100_000;
const RUNS = 8;

/** `INSERT INTO marts.<mart>` of `from`'s rows: `values` names some columns' expressions, the rest get a filler. */
async function fill(db: Db, mart: string, values: Record<string, string>, from: string): Promise<void> {
  const columns = martSpec(mart).columns;
  const filler = (type: string) =>
    type === 'DATE'
      ? "DATE '2000-01-01'"
      : type === 'BOOLEAN'
        ? 'false'
        : type === 'VARCHAR'
          ? "''"
          : type.startsWith('TIMESTAMP')
            ? "TIMESTAMPTZ '2000-01-01 00:00:00+00'"
            : '0';
  const select = columns.map((c) => values[c.name] ?? (c.nullable ? 'NULL' : filler(c.type)));
  await db.exec(`INSERT INTO marts.${mart} SELECT ${select.join(', ')} FROM ${from}`);
}

/** Every number of a result with its exact bits (−0 apart from 0): equal strings ⇔ Object.is on every float. */
const bits = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : `n:${v}`) : v));

let db: Db;
beforeAll(async () => {
  db = await Db.open(':memory:', { mode: 'read-write', threads: 2 });
  await createMartTables((sql) => db.exec(sql));
  const h = (salt: string, k: number) => `CAST(hash(i, '${salt}') % ${k} AS BIGINT)`;
  await fill(
    db,
    'dim_employee',
    {
      employee_key: "'e' || i",
      appointed_on: `DATE '1990-01-01' + CAST(${h('appointed', 10_000)} AS INTEGER)`,
      agency_code: `'AG' || ${h('agency', 12)}`,
      agency_kind: `['dinas', 'badan', 'kecamatan'][1 + ${h('kind', 3)}]`,
      grade_group: `['I', 'II', 'III', 'IV'][1 + ${h('grade', 4)}]`,
      valid_from: "DATE '2010-01-01'",
      is_current: 'true',
    },
    `range(${EMPLOYEES}) t(i)`,
  );
  // SKP scores 2020–2023 that are no binary fractions (÷ 997), so the order of addition shows.
  await fill(
    db,
    'fct_appraisals',
    {
      employee_key: "'e' || i",
      period: 'p',
      score: `50 + CAST(hash(i, p) % 50000 AS BIGINT) / 997.0`,
    },
    `range(${EMPLOYEES}) t(i) CROSS JOIN range(2020, 2024) y(p)`,
  );
  // One in twenty completed a program in 2022 (one in sixty two of them).
  await fill(
    db,
    'fct_enrollments',
    {
      enrollment_id: 'i * 2 + k',
      employee_key: "'e' || i",
      program_code: "'P' || ((i // 20 + k) % 4)",
      status: "'completed'",
      completed_on: "DATE '2022-06-01'",
      year: '2022',
    },
    `range(${EMPLOYEES}) t(i) CROSS JOIN range(2) s(k) WHERE i % 20 = 0 AND (k = 0 OR i // 20 % 3 = 0)`,
  );
}, 120_000);
afterAll(() => db.close());

const WINDOW = { from: '2022-01-01', to: '2022-12-31' };

describe('statistics over many row groups, two threads', () => {
  it('cohortComparison gives the same bits on every run', async () => {
    const spec: CohortSpec = {
      selector: { kind: 'program', value: 'P1' },
      ...WINDOW,
      outcome: 'appraisal_score',
    };
    const answers = new Set<string>();
    let first: Awaited<ReturnType<typeof cohortComparison>> | null = null;
    for (let run = 0; run < RUNS; run++) {
      const r = await cohortComparison(db, spec);
      first ??= r;
      answers.add(bits(r));
    }
    expect(first?.suppressed).toBe(false);
    expect(first?.did.estimate).toEqual(expect.any(Number));
    expect(first?.preTrend?.estimate).toEqual(expect.any(Number));
    expect(answers.size).toBe(1);
  }, 300_000);

  it('programEffects gives the same bits on every run', async () => {
    const answers = new Set<string>();
    let first: Awaited<ReturnType<typeof programEffects>> | null = null;
    for (let run = 0; run < RUNS; run++) {
      const r = await programEffects(db, { ...WINDOW, outcome: 'appraisal_score' });
      first ??= r;
      answers.add(bits(r));
    }
    expect(first?.suppressed).toBe(false);
    expect(first?.programs.map((p) => p.programCode)).toEqual(['P0', 'P1', 'P2', 'P3']);
    expect(first?.programs.every((p) => typeof p.effect.se === 'number')).toBe(true);
    expect(answers.size).toBe(1);
  }, 300_000);
});
