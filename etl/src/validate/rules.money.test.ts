import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine } from '@asn/warehouse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { stagedRows as staged } from '../run/testing/stagedRows.ts';
import { stgIds } from '../run/testing/warehouseContent.ts';

/**
 * Rupiah amounts as spreadsheets export them (a data-steward review of 2026-12-06): every `_idr`
 * column is whole rupiah (decimal(15,0) in the source), so an amount Excel wrote in scientific
 * notation or one with decimals is refused, never rounded, with what to do; a formula says so.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };

describe('BAD_TYPE: rupiah amounts and formulas (file drops)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-money-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses scientific notation, fractional rupiah and formulas, saying what to do; whole amounts load', async () => {
    const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    const budget = (id: string, allocated: string, realized = '0') => ({
      id,
      agency_id: '1',
      fiscal_year: String(2000 + Number(id)),
      allocated_idr: allocated,
      realized_idr: realized,
    });
    const result = await runEtl({
      env,
      sources: [],
      staged: [
        staged('agencies', [
          { id: '1', code: 'A1', name: 'Agency 1', kind: 'dinas', valid_from: '2020-01-01' },
        ]),
        staged('training_budgets', [
          budget('1', '1.23457E+11'), // US-locale Excel: would load as 123457000000
          budget('2', '1,23457E+11'), // Indonesian-locale Excel
          budget('3', '2500000.50'), // not whole rupiah: would load as 2500000.5
          budget('4', '2500000,50'), // the same with a decimal comma: "use a decimal point" led to row 3
          budget('5', '100000000', '=D2*0.9'), // a formula, as an XLSX cell reads
          budget('6', 'Rp 2.500.000,50'), // neither grouped nor plain
          budget('7', '2500000.00', '1E+6'), // zero decimals are whole; 1E+6 is still Excel's doing
          budget('8', '2500000.00', '1200000'), // loads
          budget('9', '2500000'), // loads
        ]),
      ],
      steps: noMarts,
      mode: 'full',
    });
    const budgets = result.tables.find((t) => t.table === 'training_budgets');
    expect(budgets).toMatchObject({ read: 9, loaded: 2, quarantined: 7 });
    const { rows } = await listQuarantine(dir);
    const details = Object.fromEntries(
      rows
        .filter((r) => r.table === 'training_budgets')
        .map((r) => [JSON.parse(r.raw).id, `${r.reason}:${r.detail}`]),
    );
    const sci =
      'Excel wrote it in scientific notation, dropping digits: format the column as Number with 0 decimals and export again';
    const whole =
      'is not a whole rupiah amount (amounts have no decimals: write digits only, no separators or decimals)';
    expect(details).toEqual({
      1: `BAD_TYPE:allocated_idr=1.23457E+11: ${sci}`,
      2: `BAD_TYPE:allocated_idr=1,23457E+11: ${sci}`,
      3: `BAD_TYPE:allocated_idr=2500000.50 ${whole}`,
      4: `BAD_TYPE:allocated_idr=2500000,50 ${whole}`,
      5: 'BAD_TYPE:realized_idr holds a formula (=D2*0.9), not a value: paste values (Paste Special → Values)',
      6: 'BAD_TYPE:allocated_idr=Rp 2.500.000,50 is not a whole rupiah amount (write digits only, no separators or decimals, e.g. 2500000)',
      7: `BAD_TYPE:realized_idr=1E+6: ${sci}`,
    });
    expect(await stgIds(dir, 'training_budgets')).toEqual([8, 9]);
  });

  it('says a formula in a number, date or whole-number column is one, not what the type takes', async () => {
    const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    await runEtl({
      env,
      sources: [],
      staged: [
        staged('agencies', [
          { id: '1', code: 'A1', name: 'Agency 1', kind: 'dinas', valid_from: '=DATE(2020,1,1)' },
          { id: '=A2+1', code: 'A2', name: 'Agency 2', kind: 'dinas', valid_from: '2020-01-01' },
        ]),
        staged('programs', [
          { id: '1', code: 'P1', title: 'T', competency_area: 'it', method: 'seminar', jp: '=4*3' },
        ]),
      ],
      steps: noMarts,
      mode: 'full',
    });
    const { rows } = await listQuarantine(dir);
    expect(rows.map((r) => `${r.table}:${r.reason}:${r.detail}`).sort()).toEqual([
      'agencies:BAD_TYPE:id holds a formula (=A2+1), not a value: paste values (Paste Special → Values)',
      'agencies:BAD_TYPE:valid_from holds a formula (=DATE(2020,1,1)), not a value: paste values (Paste Special → Values)',
      'programs:BAD_TYPE:jp holds a formula (=4*3), not a value: paste values (Paste Special → Values)',
    ]);
  });
});
