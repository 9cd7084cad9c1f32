import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landingColumns } from './checkedColumns.ts';
import { tableRules } from './rules.ts';
import { ident, lit } from './sql.ts';

/**
 * An enrollment earns no more JP than its program is worth (through its offering), whatever its
 * status: OUT_OF_RANGE. Judged with `tableRules` over landed text rows and stg parents, verdict =
 * the first rule that matches, as in `checkSql` (rules.files.test.ts and rules.postgres.test.ts send
 * the same rule through a whole run).
 */
describe('jp_earned against the program’s JP', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write' });
    await db.exec(`CREATE SCHEMA land; CREATE SCHEMA stg;
      CREATE TABLE stg.employees (id BIGINT);
      INSERT INTO stg.employees VALUES (1);
      CREATE TABLE stg.programs (id BIGINT, jp DOUBLE);
      INSERT INTO stg.programs VALUES (1, 4), (2, 2.5);
      CREATE TABLE stg.offerings (id BIGINT, program_id BIGINT, starts_on DATE);
      INSERT INTO stg.offerings VALUES (10, 1, DATE '2023-04-01'), (20, 2, DATE '2023-04-01');`);
  });
  afterAll(() => db.close());

  type Row = readonly [id: string, offering: string, status: string, jp: string];
  async function verdicts(rows: readonly Row[]): Promise<string[]> {
    const landed = `land.${ident('l_enrollments')}`;
    const columns = landingColumns('enrollments');
    await db.exec(
      `CREATE OR REPLACE TABLE ${landed} (${columns.map((c) => `${ident(c.name)} VARCHAR`).join(', ')})`,
    );
    for (const [id, offering, status, jp] of rows) {
      const row: Record<string, string | null> = {
        id,
        offering_id: offering,
        employee_id: '1',
        status,
        jp_earned: jp,
        completed_at: status === 'completed' ? '2023-04-01 09:00:00+00' : null,
        updated_at: '2024-01-01 00:00:00+07',
      };
      await db.exec(
        `INSERT INTO ${landed} VALUES (${columns.map((c) => (row[c.name] == null ? 'NULL' : lit(row[c.name] as string))).join(', ')})`,
      );
    }
    const { rules, joins } = tableRules('enrollments', { dedupe: false });
    const result = await db.all<{ id: string; verdict: string | null }>(
      `SELECT r.id, CASE ${rules.map((rule) => `WHEN ${rule.when} THEN '${rule.reason}: ' || (${rule.detail})`).join(' ')} END AS verdict
       FROM ${landed} AS r ${joins.map((j) => j.sql).join(' ')} ORDER BY TRY_CAST(r.id AS INTEGER)`,
    );
    return result.map((r) => `${r.id}: ${r.verdict ?? ''}`);
  }

  it('passes up to the program’s JP and refuses more, in every status', async () => {
    expect(
      await verdicts([
        ['1', '10', 'completed', '4'], // exactly the program's JP
        ['2', '10', 'completed', '4.1'],
        ['3', '10', 'completed', '500'], // the review's case: one 4-JP seminar, 500 JP
        ['4', '20', 'completed', '2.5'], // a program of 2.5 JP
        ['5', '20', 'completed', '3'],
        ['6', '10', 'dropped', '0'],
        ['7', '10', 'dropped', '2'], // partial JP, within the program's
        ['8', '10', 'no_show', '5'],
        ['9', '99', 'completed', '500'], // no such offering: that is what it says
        ['10', '10', 'completed', '1001'], // beyond the column's range: that rule comes first
      ]),
    ).toEqual([
      '1: ',
      "2: OUT_OF_RANGE: jp_earned 4.1 is more than the program's 4 JP",
      "3: OUT_OF_RANGE: jp_earned 500 is more than the program's 4 JP",
      '4: ',
      "5: OUT_OF_RANGE: jp_earned 3 is more than the program's 2.5 JP",
      '6: ',
      '7: ',
      "8: OUT_OF_RANGE: jp_earned 5 is more than the program's 4 JP",
      '9: UNKNOWN_REFERENCE: offering_id=99 references no offerings row',
      '10: OUT_OF_RANGE: jp_earned=1001 is outside 0..1000',
    ]);
  });
});
