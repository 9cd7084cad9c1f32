import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, PlainRow } from '../db/index.ts';
import { type DataTest, type DataTestResult, SAMPLE_SIZE } from './dataTest.ts';
import { DATA_TESTS } from './dataTests.ts';
import { findFailing, type Pending, runDataTests } from './runDataTests.ts';
import { miniWorldMarts, withPlanted } from './testing/planted.ts';

const NOW = new Date('2026-01-02T03:04:05Z');

/**
 * The reference: every test (every part of a split test) run alone, one query each, its count and
 * sample taken from its own rows, as the runner did before tests were decided in one statement.
 */
async function oneByOne(db: Db, tests: readonly DataTest[]): Promise<DataTestResult[]> {
  const results: DataTestResult[] = [];
  for (const test of tests) {
    const sqls = test.parts ? test.parts.map((p) => p.sql(`marts.${p.mart}`)) : [test.sql];
    let failingRows = 0;
    const sample: PlainRow[] = [];
    for (const sql of sqls) {
      const rows = await db.all(
        `SELECT count(*) OVER () AS __failing_rows, * FROM (${sql}) LIMIT ${SAMPLE_SIZE}`,
      );
      failingRows += Number(rows[0]?.__failing_rows ?? 0);
      const part = rows.map(({ __failing_rows: _, ...row }) => row);
      sample.push(...part.slice(0, SAMPLE_SIZE - sample.length));
    }
    results.push({
      name: test.name,
      model: test.model,
      severity: test.severity,
      status: failingRows === 0 ? 'pass' : 'fail',
      failingRows,
      sample,
      checkedAt: NOW.toISOString(),
    });
  }
  return results;
}

const plain = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

describe('runDataTests decides all tests in one statement', () => {
  let db: Db;
  beforeAll(async () => {
    db = await miniWorldMarts();
  });
  afterAll(() => db.close());

  // Each plant breaks some tests and leaves others (often over the same mart and column) passing.
  const plants: Record<string, string> = {
    'clean marts': 'SELECT 1',
    'an unknown agency on one request (relationship fails, the NIP check on the column passes)': `
      update marts.fct_service_requests set agency_code = 'NOPE' where request_id = 1`,
    'NULL handlers and kelurahan (NULLs pass relationships and value checks)': `
      update marts.fct_service_requests set handled_by_key = NULL, kelurahan_code = NULL`,
    'a NIP-like code that is also an unknown agency, a rejected kind': `
      update marts.fct_enrollments set agency_code = '19860926 201505 1 001';
      update marts.dim_agency set kind = 'bogus' where agency_version_id = 1`,
    'a negative duration, duplicated facts': `
      update marts.fct_service_requests set days = -1 where request_id = 2;
      insert into marts.fct_service_requests select * from marts.fct_service_requests`,
    'an empty region dimension (a grouped test and warn-level relationships fail)': `
      delete from marts.dim_region`,
    'many rejected values (count and sample of the failing test alone)': `
      update marts.fct_invitations set response = 'maybe-' || invitation_id;
      update marts.fct_satisfaction set u1 = 9, u9 = 0`,
  };
  for (const [name, plant] of Object.entries(plants)) {
    it(`gives the results of running each test alone: ${name}`, async () => {
      await withPlanted(db, plant, async () => {
        const session = db.session();
        const rowQueries: string[] = [];
        session.onQuery = (event) => {
          if (event.sql.includes('__failing_rows')) rowQueries.push(event.sql);
        };
        const results = await runDataTests(session, DATA_TESTS, NOW);
        const reference = await oneByOne(db, DATA_TESTS);
        // Decided in one statement (no unit-by-unit fallback): rows are read for failing units only.
        const failingUnits = DATA_TESTS.filter(
          (t) => results.find((r) => r.name === t.name)?.status === 'fail',
        );
        expect(rowQueries.length).toBeLessThanOrEqual(
          failingUnits.reduce((n, t) => n + (t.parts?.length ?? 1), 0),
        );
        expect(plain(results)).toEqual(plain(reference));
        const clean = name === 'clean marts' || name.startsWith('NULL');
        expect(results.some((r) => r.status === 'fail')).toBe(!clean);
        expect(results.some((r) => r.status === 'pass')).toBe(true);
        expect(
          await db.all(
            'SELECT test_name AS name, status, failing_rows AS "failingRows", sample FROM meta.data_tests',
          ),
        ).toEqual(
          plain(reference).map((r: DataTestResult) => ({
            name: r.name,
            status: r.status,
            failingRows: r.failingRows,
            sample: JSON.stringify(r.sample),
          })),
        );
      });
    });
  }

  it('queries only the failing tests for their rows', async () => {
    await withPlanted(db, `update marts.fct_costs set amount_idr = -1 where cost_id = 1`, async () => {
      const session = db.session();
      const queries: string[] = [];
      session.onQuery = (event) => queries.push(event.sql);
      const results = await runDataTests(session, DATA_TESTS, NOW);
      expect(results.filter((r) => r.status === 'fail').map((r) => r.name)).toEqual([
        'amount_non_negative_fct_costs',
      ]);
      // One decision statement (no retry without the fast forms), then the failing test's rows.
      const decisions = queries.filter((q) => q.includes('UNION ALL'));
      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toContain('bitstring_agg(request_id)');
      const rowQueries = queries.filter((q) => q.includes('__failing_rows'));
      expect(rowQueries).toHaveLength(1);
      expect(rowQueries[0]).toContain('marts.fct_costs');
      expect(queries.length).toBeLessThan(15);
    });
  });

  it('decides value checks over inserted rows as the delta query does', async () => {
    // Rows "inserted" into each mart: a copy of the mart with a few values broken.
    await withPlanted(
      db,
      `CREATE TEMP TABLE new_requests AS SELECT * FROM marts.fct_service_requests;
       UPDATE new_requests SET kelurahan_code = '19860926 201505 1 001' WHERE request_id = 1;
       UPDATE new_requests SET status = 'lost', agency_code = 'NOPE' WHERE request_id = 2;
       CREATE TEMP TABLE new_enrollments AS SELECT * FROM marts.fct_enrollments;
       CREATE TEMP TABLE new_invitations AS SELECT * FROM marts.fct_invitations WHERE false;`,
      async () => {
        const inserted: Record<string, string> = {
          fct_service_requests: 'new_requests',
          fct_enrollments: 'new_enrollments',
          fct_invitations: 'new_invitations',
        };
        const source = (mart: string) => inserted[mart] ?? null;
        const pending: Pending[] = [];
        for (const test of DATA_TESTS) {
          const units = test.parts
            ? test.parts.map((p) => ({ mart: p.mart, checks: p.valueChecks, delta: p.sql }))
            : [{ mart: test.model, checks: test.valueChecks, delta: undefined }];
          for (const unit of units) {
            const relation = source(unit.mart);
            if (!unit.checks || relation === null) continue;
            const sql = unit.delta ? unit.delta(relation) : test.delta?.(source, () => null);
            expect(sql, test.name).toBeTypeOf('string');
            pending.push({ test, sql: sql as string, checks: { relation, checks: unit.checks } });
          }
        }
        expect(pending.length).toBeGreaterThan(10);
        const byChecks = await findFailing(db, pending);
        const bySql = await findFailing(
          db,
          pending.map((p) => ({ ...p, checks: null })),
        );
        expect(byChecks).toEqual(bySql);
        expect(byChecks.filter(Boolean).length).toBeGreaterThanOrEqual(3);
        expect(byChecks.some((f) => !f)).toBe(true);
      },
    );
  });

  describe('unique over the rows a build replaced by key', () => {
    // The mart now = its rows before (unique) − the deleted rows + the inserted rows.
    const scenarios: Record<string, { mart: string; deleted: string; inserted: string }> = {
      'replaced rows, no duplicate': {
        mart: 'fct_service_requests',
        deleted: 'request_id IN (1, 2)',
        inserted: 'SELECT * FROM old_rows',
      },
      'a replaced key inserted twice': {
        mart: 'fct_service_requests',
        deleted: 'request_id IN (1, 2)',
        inserted: 'SELECT * FROM old_rows UNION ALL SELECT * FROM old_rows WHERE request_id = 2',
      },
      'a new key that the mart already has': {
        mart: 'fct_service_requests',
        deleted: 'request_id = 1',
        inserted:
          'SELECT * FROM old_rows UNION ALL SELECT * FROM marts.fct_service_requests WHERE request_id = 3',
      },
      'a new key inserted twice, a replaced key once': {
        mart: 'fct_service_requests',
        deleted: 'request_id = 1',
        inserted: `SELECT * FROM old_rows
          UNION ALL SELECT * REPLACE (77 AS request_id) FROM old_rows
          UNION ALL SELECT * REPLACE (77 AS request_id) FROM old_rows`,
      },
      'a two-column key: replaced twice and new twice': {
        mart: 'agg_handler_month',
        deleted: 'true',
        inserted: `SELECT * FROM old_rows UNION ALL (SELECT * FROM old_rows LIMIT 1)
          UNION ALL SELECT * REPLACE (DATE '1999-01-01' AS month_start) FROM (SELECT * FROM old_rows LIMIT 1)
          UNION ALL SELECT * REPLACE (DATE '1999-01-01' AS month_start) FROM (SELECT * FROM old_rows LIMIT 1)`,
      },
      'no deleted rows, an existing row inserted again': {
        mart: 'agg_handler_month',
        deleted: 'false',
        inserted: 'SELECT * FROM marts.agg_handler_month LIMIT 1',
      },
    };
    for (const [name, { mart, deleted, inserted }] of Object.entries(scenarios)) {
      it(`gives the full query's rows: ${name}`, async () => {
        const test = DATA_TESTS.find((t) => t.name.startsWith(`unique_${mart}_`))!;
        await withPlanted(
          db,
          `CREATE TEMP TABLE old_rows AS SELECT * FROM marts.${mart} WHERE ${deleted};
           DELETE FROM marts.${mart} WHERE ${deleted};
           CREATE TEMP TABLE new_rows AS ${inserted};
           INSERT INTO marts.${mart} SELECT * FROM new_rows;`,
          async () => {
            const delta = test.delta!(
              (m) => (m === mart ? 'new_rows' : null),
              (m) => (m === mart ? 'old_rows' : null),
            )!;
            const sorted = (sql: string) => db.all(`SELECT * FROM (${sql}) ORDER BY ALL`);
            const full = await sorted(test.sql);
            expect(await sorted(delta)).toEqual(full);
            expect(full.length > 0).toBe(!name.startsWith('replaced rows'));
          },
        );
      });
    }
  });

  it('decides unique integer keys by bitstring exactly as the grouped query', async () => {
    const tests = DATA_TESTS.filter((t) => t.failsSql !== undefined);
    expect(tests.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'unique_fct_service_requests_request_id',
        'unique_fct_invitations_invitation_id',
      ]),
    );
    // Copies without the mart's NOT NULL constraints, so NULL keys can be planted too.
    const scenarios: Record<string, string> = {
      clean: '',
      'a duplicate': 'INSERT INTO copy SELECT * FROM copy LIMIT 1',
      'one NULL key': 'UPDATE copy SET __key = NULL WHERE rowid = 0',
      'two NULL keys': 'UPDATE copy SET __key = NULL WHERE rowid < 2',
      empty: 'DELETE FROM copy',
      'keys far apart': 'UPDATE copy SET __key = __key + 50000000 WHERE rowid = 0',
    };
    for (const test of tests) {
      const key = /^SELECT (\w+),/.exec(test.sql)?.[1] as string;
      for (const [name, plant] of Object.entries(scenarios)) {
        // Committed (the bitstring's range comes from the column's statistics, as in a build).
        await db.exec(`CREATE OR REPLACE TABLE main.copy AS SELECT * FROM marts.${test.model}`);
        try {
          if (plant !== '') await db.exec(plant.replaceAll('__key', key));
          const local = (sql: string) => sql.replaceAll(`marts.${test.model}`, 'main.copy');
          const [fast] = await db.all<{ f: boolean }>(`SELECT (${local(test.failsSql!)}) AS f`);
          const [exact] = await db.all<{ f: boolean }>(`SELECT EXISTS (${local(test.sql)}) AS f`);
          expect(fast?.f, `${test.name}: ${name}`).toBe(exact?.f);
        } finally {
          await db.exec('DROP TABLE main.copy');
        }
      }
    }
  });

  it('decides without a fast form that cannot run (a key range too wide for a bitstring)', async () => {
    const wide: DataTest = {
      name: 'wide_range',
      model: 'dim_program',
      severity: 'error',
      sql: 'SELECT k, count(*) AS n FROM (VALUES (1), (1), (1125899906842624)) v(k) GROUP BY k HAVING count(*) > 1',
      failsSql: `SELECT bit_count(bitstring_agg(k)) <> count(k)
        FROM (VALUES (1::BIGINT), (1::BIGINT), (1125899906842624::BIGINT)) v(k)`,
    };
    const tests = [...DATA_TESTS, wide];
    const session = db.session();
    let rowQueries = 0;
    session.onQuery = (event) => {
      if (event.sql.includes('__failing_rows')) rowQueries += 1;
    };
    const results = await runDataTests(session, tests, NOW);
    expect(plain(results)).toEqual(plain(await oneByOne(db, tests)));
    expect(results.find((r) => r.name === 'wide_range')).toMatchObject({ status: 'fail', failingRows: 1 });
    expect(rowQueries).toBe(1);
  });

  it('names a test whose SQL cannot run, even among tests that can', async () => {
    const broken: DataTest = {
      name: 'broken_test',
      model: 'dim_region',
      severity: 'warn',
      sql: 'SELECT * FROM marts.no_such_table',
    };
    await expect(runDataTests(db, [...DATA_TESTS.slice(0, 5), broken], NOW)).rejects.toThrow(
      /data test broken_test could not run/,
    );
  });
});
