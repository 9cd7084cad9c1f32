import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../source-schema/catalog.ts';
import type { LandingTableName } from './checkedColumns.ts';
import { tableRules } from './rules.ts';
import { ident, lit } from './sql.ts';

/**
 * The boundaries of the NIP layout rules (DOMAIN §8: birth date YYYYMMDD + CPNS appointment YYYYMM +
 * sex 1/2 + sequence): appointment months 00 (not a month), 01 and 12 (the first and last months);
 * sex digit 0 (neither 1 nor 2); an appointment in the birth month itself (not after it: refused)
 * and in the month after (accepted). Judged as in rules.employee-id.test.ts: the first rule that
 * matches over a landed fixture table.
 */
const MENTORING: readonly ColumnSpec[] = [
  { name: 'id', type: 'bigint', required: true },
  { name: 'nomor_induk', type: 'text', required: true, personal: 'employee_id' },
];

describe('NIP rules at their boundaries', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write' });
    await db.exec('CREATE SCHEMA land; CREATE SCHEMA stg;');
  });
  afterAll(() => db.close());

  async function verdicts(rows: readonly [string, string][]): Promise<string[]> {
    const table = 'mentoring_sessions';
    const landed = `land.${ident(`l_${table}`)}`;
    // The NIP's pseudonym, which the ETL lands beside it, stands in as the NIP itself, and every
    // one names an employee (the reference rule is rules.employee-id.test.ts's).
    await db.exec(
      `CREATE OR REPLACE TABLE ${landed} (id VARCHAR, nomor_induk VARCHAR, nomor_induk_key VARCHAR)`,
    );
    await db.exec('CREATE OR REPLACE TABLE stg.employees (employee_key VARCHAR)');
    for (const [id, nip] of rows) {
      await db.exec(`INSERT INTO ${landed} VALUES (${lit(id)}, ${lit(nip)}, ${lit(nip)})`);
      await db.exec(`INSERT INTO stg.employees VALUES (${lit(nip)})`);
    }
    const { rules, joins } = tableRules(table as LandingTableName, { dedupe: false }, MENTORING);
    const result = await db.all<{ id: string; verdict: string | null }>(
      `SELECT r.id, CASE ${rules.map((rule) => `WHEN ${rule.when} THEN '${rule.reason}: ' || (${rule.detail})`).join(' ')} END AS verdict
       FROM ${landed} AS r ${joins.map((j) => j.sql).join(' ')} ORDER BY TRY_CAST(r.id AS INTEGER)`,
    );
    return result.map((r) => `${r.id}: ${r.verdict ?? ''}`);
  }

  it('accepts months 01 and 12 and sex digits 1 and 2, refuses month 00 and sex digit 0', async () => {
    expect(
      await verdicts([
        ['1', '199003152015001001'], // appointment month 00
        ['2', '199003152015011001'], // January
        ['3', '199003152015121001'], // December
        ['4', '199003152015030001'], // sex digit 0
        ['5', '199003152015032001'], // sex digit 2
      ]),
    ).toEqual([
      '1: NIP_MALFORMED: nomor_induk appointment month is not 01..12',
      '2: ',
      '3: ',
      '4: NIP_MALFORMED: nomor_induk sex digit is not 1 or 2',
      '5: ',
    ]);
  });

  it('refuses an appointment in the birth month itself, accepts one in the month after', async () => {
    expect(
      await verdicts([
        ['1', '199003151990031001'], // born 1990-03, appointed 1990-03: not after the birth month
        ['2', '199003151990041001'], // appointed 1990-04: after it (the layout rule only)
        ['3', '199012151991011001'], // born 1990-12, appointed 1991-01: after it, across a year
      ]),
    ).toEqual(['1: NIP_MALFORMED: nomor_induk appointment month is not after birth month', '2: ', '3: ']);
  });
});
