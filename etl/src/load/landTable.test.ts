import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCsvBatches } from '../sources/files/read-csv.ts';
import { concatStaged, emptyStaged, type StagedTable } from '../sources/staged.ts';
import { parseStatements } from '../sources/xapi/read-statements.ts';
import { landingColumns } from '../validate/checkedColumns.ts';
import {
  createLanding,
  csvLandingSelect,
  landCsv,
  landedText,
  landStaged,
  MAX_LINE_BYTES,
  typedCsvSelect,
} from './landTable.ts';
import { csvLine } from './writeCsv.ts';

describe('landedText', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
  });
  afterAll(() => db.close());

  it("is NULLIF(trim(x), '') for every kind of value", async () => {
    const values = [
      null,
      '',
      ' ',
      '   ',
      'a',
      ' a',
      'a ',
      '  a b  ',
      '\ta\t',
      'a\n',
      '2024-01-01 00:00:00+00 ',
      ' 12',
    ];
    await db.exec('CREATE TABLE v (x VARCHAR)');
    await db.appendRows(
      'v',
      ['x'],
      values.map((x) => [x]),
    );
    const rows = await db.all<{ same: boolean }>(
      `SELECT (${landedText('x')}) IS NOT DISTINCT FROM NULLIF(trim(x), '') AS same FROM v`,
    );
    expect(rows).toHaveLength(values.length);
    expect(rows.every((r) => r.same)).toBe(true);
  });
});

const MB = 1_000_000;
const AGENCY_HEADER = 'id,code,name,kind,valid_from';

/** An agencies drop as the CSV reader stages it. */
async function agencies(rows: readonly string[]): Promise<StagedTable> {
  const batches: StagedTable[] = [];
  const bytes = Buffer.from(`${[AGENCY_HEADER, ...rows].join('\n')}\n`);
  for await (const b of readCsvBatches(bytes, { table: 'agencies', source: 'files:agencies.csv' }))
    batches.push(b);
  return concatStaged(batches);
}

describe('landing rows longer than DuckDB’s default line limit (2 000 000 bytes)', () => {
  let db: Db;
  let dir: string;
  let files = 0;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write', threads: 2 });
    await db.exec(`ATTACH ':memory:' AS land`);
    dir = await mkdtemp(join(tmpdir(), 'land-long-'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await createLanding(db, 'agencies');
    await createLanding(db, 'xapi_statements');
  });
  const land = (staged: StagedTable) => landStaged(db, staged, dir, 'secret', files++);
  const landed = (table: string) =>
    db.all<{ id: string; bytes: number; raw: number; row: number }>(
      `SELECT ${table === 'agencies' ? 'id, strlen(name)' : 'statement_id AS id, strlen(verb)'} AS bytes,
         strlen(_raw) AS raw, _row_number AS row FROM land.l_${table} ORDER BY _row_number`,
    );

  it('lands a 5 MB value whole (DuckDB’s default limit would fail the whole file on it)', async () => {
    const staged = await agencies([
      '1,A,Dinas A,dinas,2020-01-01',
      `2,B,${'n'.repeat(5 * MB)},dinas,2020-01-01`,
    ]);
    expect(await land(staged)).toBe(2);
    expect(staged.rejected).toEqual([]);
    expect((await landed('agencies')).map((r) => [r.id, r.bytes])).toEqual([
      ['1', 7],
      ['2', 5 * MB],
    ]);
  });

  it('quarantines a row too long to land as MALFORMED_ROW and lands the others: the run goes on', async () => {
    const staged = await agencies([
      '1,A,Dinas A,dinas,2020-01-01',
      `2,B,${'n'.repeat(9 * MB)},dinas,2020-01-01`,
      '3,C,Dinas C,dinas,2020-01-01',
    ]);
    expect(await land(staged)).toBe(2);
    // Taken out of the staged rows (the parallel arrays stay aligned) and into its rejects.
    expect(staged.rows.map((r) => r[0])).toEqual(['1', '3']);
    expect(staged.rowNumbers).toEqual([2, 4]);
    expect(staged.rawRows.map((r) => JSON.parse(r).id)).toEqual(['1', '3']);
    expect(staged.rejected).toHaveLength(1);
    const [reject] = staged.rejected;
    expect(reject).toMatchObject({
      source: 'files:agencies.csv',
      table: 'agencies',
      rowNumber: 3,
      reason: 'MALFORMED_ROW',
    });
    expect(reject?.detail).toMatch(
      new RegExp(
        `^row too long to load: \\d+ bytes with its raw text, over the limit of ${MAX_LINE_BYTES}; ` +
          `the value of name is ${9 * MB} bytes \\(raw text cut to its first 2000 characters here\\)$`,
      ),
    );
    // The head of the raw row, enough to find it; not 9 MB in the quarantine file.
    const raw = { id: '2', code: 'B', name: 'n'.repeat(9 * MB), kind: 'dinas', valid_from: '2020-01-01' };
    expect(reject?.raw).toBe(`${JSON.stringify(raw).slice(0, 2000)}…`);
    expect((await landed('agencies')).map((r) => r.id)).toEqual(['1', '3']);
  });

  it('agrees with DuckDB to the byte: a line of exactly the limit lands, one byte more does not', async () => {
    // DuckDB's side, as configured: an extract with one line of MAX_LINE_BYTES, then one byte more.
    const header = landingColumns('agencies').map((c) => c.name);
    const pgLine = (bytes: number) => {
      const fixed = '1,A,,dinas,,2020-01-01,,2024-01-01 00:00:00+00\n';
      return fixed.replace(',,', `,${'n'.repeat(bytes - fixed.length)},`);
    };
    for (const [bytes, ok] of [
      [MAX_LINE_BYTES, true],
      [MAX_LINE_BYTES + 1, false],
    ] as const) {
      const file = join(dir, `edge_${bytes}.csv`);
      expect(Buffer.byteLength(pgLine(bytes))).toBe(bytes);
      // Between other rows: where DuckDB holds a line to its limit exactly (the last line it may let by).
      const others = Array.from(
        { length: 50_000 },
        (_, i) => `${i + 2},B,Dinas B,dinas,,2020-01-01,,\n`,
      ).join('');
      await writeFile(file, `${header.join(',')}\n${others}${pgLine(bytes)}${others}`);
      const read = db.all(`SELECT count(*) AS n FROM (${csvLandingSelect('agencies', file, 'postgres')})`);
      if (ok) expect(await read).toEqual([{ n: 100_001 }]);
      else await expect(read).rejects.toThrow(/Maximum line size/);
    }

    // landStaged's side: the line it would write is measured the same way.
    const values = ['7', 'A', 'Dinas A', 'dinas', null, '2020-01-01', null, null];
    const base = Buffer.byteLength(csvLine([...values, 'files:x.csv', '2', '']));
    const staged = emptyStaged('agencies', 'files:x.csv', header);
    for (const [row, extra] of [
      [2, 0],
      [3, 1],
    ] as const) {
      staged.rows.push([...values]);
      staged.rowNumbers.push(row);
      // The raw text fills the line (quoted, one byte a character).
      staged.rawRows.push('r'.repeat(MAX_LINE_BYTES - base + extra));
    }
    expect(Buffer.byteLength(csvLine([...values, 'files:x.csv', '2', staged.rawRows[0]!]))).toBe(
      MAX_LINE_BYTES,
    );
    expect(await land(staged)).toBe(1);
    expect(staged.rejected.map((r) => r.rowNumber)).toEqual([3]);
    expect((await landed('agencies')).map((r) => [r.row, r.raw])).toEqual([[2, MAX_LINE_BYTES - base]]);
  });

  it('names the raw statement when an xAPI statement is big but its values are not', async () => {
    const statement = {
      id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
      timestamp: '2023-05-10T03:00:00Z',
      actor: { mbox: 'mailto:budi@example.go.id' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: 'https://lms.example.go.id/course/dig-01' },
    };
    const big = {
      ...statement,
      id: '7ccd3322-e1a5-411a-a67d-6a735c76f119',
      result: { response: 'r'.repeat(17 * MB) },
    };
    const staged = parseStatements(JSON.stringify([statement, big]), { source: 'xapi:lrs.json' });
    expect(staged.rows).toHaveLength(2);
    expect(await land(staged)).toBe(1);
    expect(staged.rejected).toMatchObject([
      { rowNumber: 2, reason: 'MALFORMED_ROW', table: 'xapi_statements' },
    ]);
    expect(staged.rejected[0]?.detail).toMatch(/; the raw statement is \d{8} bytes \(raw text cut/);
    expect((await landed('xapi_statements')).map((r) => r.id)).toEqual([statement.id]);
  });

  it('reads a PostgreSQL extract with a 3 MB text value, on the landing and the direct path', async () => {
    const file = join(dir, 'agencies_pg.csv');
    await writeFile(
      file,
      `id,code,name,kind,parent_id,valid_from,valid_to,updated_at\n1,A,${'n'.repeat(3 * MB)},dinas,,2020-01-01,,2024-01-01 00:00:00+00\n2,B,Dinas B,dinas,,2020-01-01,,2024-01-01 00:00:00+00\n`,
    );
    await expect(
      db.all(`SELECT count(*) FROM read_csv('${file}', header = true, all_varchar = true)`),
    ).rejects.toThrow(/Maximum line size of 2000000 bytes exceeded/);
    expect(await landCsv(db, 'agencies', file, 'postgres')).toBe(2);
    const direct = await db.all<{ n: number; longest: number }>(
      `SELECT count(*) AS n, max(strlen(name)) AS longest FROM (${csvLandingSelect('agencies', file, 'postgres')})`,
    );
    expect(direct).toEqual([{ n: 2, longest: 3 * MB }]);
  });
});

describe('typedCsvSelect over PostgreSQL dates', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
    dir = await mkdtemp(join(tmpdir(), 'etl-typed-dates-'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });
  const header = 'id,code,name,kind,parent_id,valid_from,valid_to,updated_at';
  const extract = async (name: string, rows: readonly string[]) => {
    const file = join(dir, name);
    await writeFile(file, `${header}\n${rows.map((r) => `${r}\n`).join('')}`);
    return file;
  };

  it('parses the dates PostgreSQL writes as TRY_CAST does', async () => {
    const file = await extract('dates.csv', [
      '1,A,Dinas A,dinas,,2020-01-01,,2024-01-01 00:00:00+00',
      '2,B,Dinas B,dinas,,0900-02-28,12345-06-07,2024-01-01 00:00:00+00',
      '3,C,Dinas C,dinas,,2020-02-29,infinity,2024-01-01 00:00:00+00',
      '4,D,Dinas D,dinas,,-infinity,2021-12-31,2024-01-01 00:00:00+00',
    ]);
    const rows = await db.all<{
      id: number;
      valid_from: string | null;
      valid_to: string | null;
      same: boolean;
    }>(
      `SELECT t.id, CAST(t.valid_from AS VARCHAR) AS valid_from, CAST(t.valid_to AS VARCHAR) AS valid_to,
              typeof(t.valid_from) = 'DATE' AND t.valid_from IS NOT DISTINCT FROM TRY_CAST(l.valid_from AS DATE)
                AND t.valid_to IS NOT DISTINCT FROM TRY_CAST(l.valid_to AS DATE) AS same
       FROM (${typedCsvSelect('agencies', file, 'postgres')}) t
       JOIN (${csvLandingSelect('agencies', file, 'postgres')}) l USING (id) ORDER BY t.id`,
    );
    expect(rows.map((r) => [r.id, r.valid_from, r.valid_to])).toEqual([
      [1, '2020-01-01', null],
      [2, '0900-02-28', '12345-06-07'],
      [3, '2020-02-29', 'infinity'],
      [4, '-infinity', '2021-12-31'],
    ]);
    expect(rows.every((r) => r.same)).toBe(true);
  });

  // PostgreSQL writes 44 BC as `0044-03-15 BC`; DuckDB's date parse drops the era (AD 44). The
  // typed pass must fail (as for a value that does not parse), so that the text pass judges the row.
  it('fails on a BC date, with an error the caller falls back to the text path on', async () => {
    const file = await extract('bc.csv', [
      '1,A,Dinas A,dinas,,2020-01-01,,2024-01-01 00:00:00+00',
      '5,E,BC date,badan,,0044-03-15 BC,,2024-01-01 00:00:00+00',
    ]);
    const read = db.all(`SELECT * FROM (${typedCsvSelect('agencies', file, 'postgres')})`);
    // An error `loadDirectParts` (run/loadTable.ts) falls back to the text path on, naming the value.
    await expect(read).rejects.toThrow(/conver|cast|CSV|NOT NULL constraint/i);
    await expect(read).rejects.toThrow(/valid_from .*BC era.*0044-03-15 BC/);
    const end = await extract('bc_end.csv', [
      '6,F,Dinas F,dinas,,2020-01-01,0001-12-31 BC,2024-01-01 00:00:00+00',
    ]);
    await expect(db.all(`SELECT * FROM (${typedCsvSelect('agencies', end, 'postgres')})`)).rejects.toThrow(
      /valid_to .*BC era/,
    );
  });
});
