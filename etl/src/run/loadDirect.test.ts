import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quarantineTableFile } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, type PgPart } from './loadTable.ts';
import { openServiceRequestDb, serviceRequestContext } from './testing/serviceRequestDb.ts';

/**
 * The typed fast path for PostgreSQL-only tables (full build: read_csv typed → rules → INSERT, per
 * part, with the text pass only for parts that have failing rows or values that do not parse)
 * against the text path every incremental run takes: same stg rows, same quarantine, same counts
 * and watermark — across several parts, with good parts, parts with failing rows, and a part whose
 * timestamp does not parse at all.
 */
const HEADER =
  'id,service_unit_agency_id,service_type,handled_by,kelurahan_code,submitted_at,completed_at,status,updated_at';
const good = (id: number, extra: Partial<Record<'kel' | 'sub' | 'done' | 'status' | 'by', string>> = {}) => {
  const done = extra.done ?? (id % 4 ? `2024-10-0${(id % 8) + 1} 10:00:00+00` : '');
  return [
    id,
    1,
    'ktp_el',
    extra.by ?? (id % 2 ? '7' : ''),
    extra.kel ?? (id % 3 ? `"62.71.0${id % 9}"` : ''),
    extra.sub ?? `2024-0${(id % 9) + 1}-0${(id % 8) + 1} 0${id % 10}:1${id % 10}:22.${id}+00`,
    done,
    // Completed only with a completion time (without one: MISSING_REQUIRED).
    extra.status ?? (done ? 'completed' : 'in_progress'),
    `2024-11-0${(id % 8) + 1} 0${id % 10}:00:00.12345${id % 10}+00`,
  ].join(',');
};

const PARTS: string[][] = [
  // all good
  [1, 2, 3, 4, 5].map((i) => good(i)),
  // failing rows: formula, unknown agency handler, dates out of order, text with spaces, completed
  // without completed_at
  [
    good(10),
    good(11, { kel: '"=HYPERLINK(1)"' }),
    good(12, { by: '999' }),
    good(13, { sub: '2024-12-01 00:00:00+00', done: '2024-01-01 00:00:00+00' }),
    good(14, { kel: '"  62.71.01  "' }),
    good(15, { status: '" completed "' }),
    good(16, { status: 'completed', done: '' }),
  ],
  // a timestamp that does not parse (BAD_TYPE): the typed reader fails, the text pass takes over
  [good(20), good(21, { sub: '2024-13-45 99:00:00+00' }), good(22)],
  // all good again, after a failing part
  [good(30), good(31)],
  // an empty required value: stg's NOT NULL refuses the typed INSERT, the text pass takes over
  [good(40), good(41, { status: '' }), good(42)],
  // an empty required value in a row that another rule fails too (the first rule's reason counts)
  [good(50), good(51, { status: '', kel: '"=1"' })],
];

describe('loadTable, PostgreSQL-only table: typed fast path = text path', () => {
  let dir: string;
  const files: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-direct-'));
    for (const [i, rows] of PARTS.entries()) {
      const file = join(dir, `part_${i}.csv`);
      await writeFile(file, `${HEADER}\n${rows.join('\n')}\n`);
      files.push(file);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function load(emptyStg: boolean, name: string) {
    const warehouseDir = join(dir, name);
    const db = await openServiceRequestDb();
    try {
      const ctx = { ...serviceRequestContext(db, dir, name), emptyStg };
      const parts = files.map((file, i) => Promise.resolve<PgPart>({ file, rows: PARTS[i]?.length ?? 0 }));
      const outcome = await loadTable(ctx, {
        table: 'service_requests',
        pgParts: parts,
        reconcile: null,
        staged: [],
      });
      const stg = (await db.all(`SELECT * EXCLUDE (_run_id) FROM stg.service_requests ORDER BY id`)).map(
        (r) => JSON.stringify(r),
      );
      const quarantine = (
        await readFile(await quarantineTableFile(warehouseDir, 'run-1', 'service_requests'), 'utf8')
      )
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { raw: string; reason: string; detail: string })
        .sort((a, b) => a.raw.localeCompare(b.raw));
      return { outcome, stg, quarantine };
    } finally {
      await db.close();
    }
  }

  it('loads, quarantines, counts and watermarks the same rows', async () => {
    const fast = await load(true, 'fast');
    const text = await load(false, 'text');
    expect(fast.stg).toEqual(text.stg);
    expect(fast.quarantine).toEqual(text.quarantine);
    const { seconds: _a, ...fastCounts } = fast.outcome.counts;
    const { seconds: _b, ...textCounts } = text.outcome.counts;
    expect(fastCounts).toEqual(textCounts);
    expect(fast.outcome.quarantine).toEqual(text.outcome.quarantine);
    expect(fast.outcome.watermark).toBe(text.outcome.watermark);

    const rows = PARTS.flat().length;
    expect(fast.outcome.counts).toMatchObject({
      read: rows,
      loaded: rows - 7,
      quarantined: 7,
      inserted: rows - 7,
    });
    expect(fast.quarantine.map((q) => `${JSON.parse(q.raw).id}:${q.reason}`).sort()).toEqual([
      '11:FORMULA_INJECTION',
      '12:UNKNOWN_REFERENCE',
      '13:DATES_OUT_OF_ORDER',
      '16:MISSING_REQUIRED',
      '21:BAD_TYPE',
      '41:MISSING_REQUIRED',
      '51:MISSING_REQUIRED',
    ]);
    // The raw row is the text PostgreSQL sent, as on every other path.
    expect(JSON.parse(fast.quarantine[0]?.raw ?? '{}').id).toBe('11');
    // Trimmed text on both paths.
    expect(fast.stg.find((r) => JSON.parse(r).id === 14)).toContain('"kelurahan_code":"62.71.01"');
    expect(fast.stg.find((r) => JSON.parse(r).id === 15)).toContain('"status":"completed"');
    expect(fast.outcome.watermark).toBe('2024-11-08 05:00:00.123455+00');
  });
});
