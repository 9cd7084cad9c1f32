import { mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDrop } from '../sources/files/read-drop.ts';
import { isStagedDrop, type StagedDrop, type StagedInput, type StagedTable } from '../sources/staged.ts';
import { loadTable } from './loadTable.ts';
import { stageSources } from './stageSources.ts';
import { openServiceRequestDb, serviceRequestContext } from './testing/serviceRequestDb.ts';

/**
 * A CSV drop is staged up to its header and its rows are read batch by batch while its table is
 * loaded: a 117 MB drop held whole (every batch joined, then copied again to land) peaked at 5.3 GB.
 */
const HEADER =
  'id,service_unit_agency_id,service_type,handled_by,kelurahan_code,submitted_at,completed_at,status,updated_at';
const row = (id: number, status = 'completed') =>
  `${id},1,ktp_el,7,62.71.01,2024-03-01 10:00:00,2024-03-02 10:00:00+00,${status},2024-11-01 00:00:00+00`;
// 25 rows: id 12 has a field too many (MALFORMED_ROW, the parser's), id 20 a status no rule accepts (SQL's).
const ROWS = Array.from({ length: 25 }, (_, k) =>
  k + 1 === 12 ? `${row(12)},extra` : k + 1 === 20 ? row(20, 'lost') : row(k + 1),
);

let dir: string;
let drops: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'etl-stream-'));
  drops = join(dir, 'drops');
  await mkdir(drops);
  await writeFile(join(drops, 'service_requests.csv'), `${HEADER}\n${ROWS.join('\n')}\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The files under `under` this process holds open (Linux: /proc/self/fd). */
async function openFiles(under: string): Promise<string[]> {
  const links = await Promise.all(
    (await readdir('/proc/self/fd')).map((fd) => readlink(join('/proc/self/fd', fd)).catch(() => '')),
  );
  return links.filter((l) => l.startsWith(`${under}/`));
}

const openDb = () => openServiceRequestDb({ land: true });
const context = (db: Db, name: string) => serviceRequestContext(db, dir, name);

/** The table's load from `staged`: its counts, its stg rows and what its quarantine files hold. */
async function load(name: string, staged: StagedInput, db: Db) {
  const outcome = await loadTable(context(db, name), {
    table: 'service_requests',
    pgParts: null,
    reconcile: null,
    staged: [staged],
  });
  const stg = await db.all(
    `SELECT id, status, submitted_at::VARCHAR AS submitted_at, _source FROM stg.service_requests ORDER BY id`,
  );
  const qdir = join(dir, name, 'quarantine', 'run-1');
  const quarantined: unknown[] = [];
  for (const file of (await readdir(qdir)).filter((f) => f.endsWith('.ndjson')).sort()) {
    for (const line of (await readFile(join(qdir, file), 'utf8')).split('\n').filter(Boolean)) {
      quarantined.push(JSON.parse(line));
    }
  }
  return { counts: outcome.counts, quarantine: outcome.quarantine, stg, quarantined };
}

describe('a CSV drop is read batch by batch while its table is loaded', () => {
  it('lands each batch before the next is read, with the counts, rows and quarantine of the whole file', async () => {
    const staged = await stageSources({ filesDir: drops, jpMinutes: 45, batchSize: 10 });
    expect(staged).toHaveLength(1);
    const drop = staged[0]!;
    if (!isStagedDrop(drop)) throw new Error('the CSV drop was read whole at staging');
    expect([drop.table, drop.source]).toEqual(['service_requests', 'files:service_requests.csv']);

    const db = await openDb();
    try {
      // Each batch as the loader asks for it, with the rows landed by then.
      const seen: { rows: number; rejected: number; landedBefore: number }[] = [];
      const watched: StagedDrop = {
        ...drop,
        async *batches() {
          for await (const b of drop.batches()) {
            const [c] = await db.all<{ n: number }>('SELECT count(*) AS n FROM land.l_service_requests');
            seen.push({ rows: b.rows.length, rejected: b.rejected.length, landedBefore: Number(c?.n) });
            yield b;
          }
        },
      };
      const streamed = await load('streamed', watched, db);
      expect(seen).toEqual([
        { rows: 10, rejected: 0, landedBefore: 0 },
        { rows: 9, rejected: 1, landedBefore: 10 },
        { rows: 5, rejected: 0, landedBefore: 19 },
      ]);
      expect(streamed.counts).toMatchObject({ read: 25, loaded: 23, quarantined: 2, inserted: 23 });
      expect(streamed.stg).toHaveLength(23);
      expect(streamed.quarantined).toMatchObject([
        { source: 'files:service_requests.csv', row_number: 13, reason: 'MALFORMED_ROW' },
        { source: 'files:service_requests.csv', row_number: 21 },
      ]);

      // The same file read whole (one staged table) loads the same.
      const whole = await openDb();
      try {
        const control = await load('whole', await readDrop(join(drops, 'service_requests.csv')), whole);
        expect({ ...streamed.counts, seconds: 0 }).toEqual({ ...control.counts, seconds: 0 });
        expect(streamed.quarantine).toEqual(control.quarantine);
        expect(streamed.stg).toEqual(control.stg);
        expect(streamed.quarantined).toEqual(control.quarantined);
      } finally {
        await whole.close();
      }
    } finally {
      await db.close();
    }
  });

  it('reads the batches once', async () => {
    const [drop] = await stageSources({ filesDir: drops, jpMinutes: 45, batchSize: 10 });
    if (!drop || !isStagedDrop(drop)) throw new Error('the CSV drop was read whole at staging');
    const batches: StagedTable[] = [];
    for await (const b of drop.batches()) batches.push(b);
    expect(batches.map((b) => b.rows.length + b.rejected.length)).toEqual([10, 10, 5]);
    await expect(drop.batches()[Symbol.asyncIterator]().next()).rejects.toThrow(
      'files:service_requests.csv: its batches are read once',
    );
  });

  it('fails the run at staging on a header that does not fit, letting go of the drops staged before it', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad);
    await writeFile(join(bad, 'agencies.csv'), 'id,code,name,kind,valid_from\n1,A,A,dinas,2020-01-01\n');
    await writeFile(join(bad, 'service_requests.csv'), `${HEADER.replace('status', 'state')}\n${row(1)}\n`);
    await expect(stageSources({ filesDir: bad, jpMinutes: 45 })).rejects.toThrow(
      /^files:service_requests\.csv: header does not match table service_requests: missing required column\(s\): status/,
    );
    // agencies.csv, staged before it, is not left open.
    expect(await openFiles(bad)).toEqual([]);
  });

  it('holds no drop open between staging and loading (thousands of drops stayed open: EMFILE)', async () => {
    const many = join(dir, 'many');
    await mkdir(many);
    for (let i = 0; i < 30; i++) {
      await writeFile(join(many, `service_requests_${i}.csv`), `${HEADER}\n${row(1000 + i)}\n`);
    }
    const staged = await stageSources({ filesDir: many, jpMinutes: 45 });
    expect(staged).toHaveLength(30);
    expect(await openFiles(many)).toEqual([]);
    const first = staged[0];
    if (!first || !isStagedDrop(first)) throw new Error('the CSV drop was read whole at staging');
    const rows: number[] = [];
    for await (const b of first.batches()) rows.push(b.rows.length);
    expect(rows).toEqual([1]);
    expect(await openFiles(many)).toEqual([]);
  });

  it('fails naming the drop when it was rewritten, cut or appended to between staging and loading', async () => {
    for (const change of ['rewrite', 'truncate', 'append'] as const) {
      const changed = join(dir, `changed-${change}`);
      await mkdir(changed);
      const file = join(changed, 'service_requests.csv');
      const text = `${HEADER}\n${ROWS.join('\n')}\n`;
      await writeFile(file, text);
      const [drop] = await stageSources({ filesDir: changed, jpMinutes: 45, batchSize: 10 });
      if (!drop || !isStagedDrop(drop)) throw new Error('the CSV drop was read whole at staging');
      // The same file (inode) changed in place: what `cp` over it, or a program still writing, does.
      if (change === 'rewrite') await writeFile(file, text.replace('ktp_el', 'akta'));
      if (change === 'truncate') await writeFile(file, text.slice(0, text.length / 2));
      if (change === 'append') await writeFile(file, `${text}${row(99)}\n`, { flag: 'a' });
      const read = async () => {
        for await (const _ of drop.batches()) {
          // Read to the end, as the loader does.
        }
      };
      await expect(read(), change).rejects.toMatchObject({
        code: 'DROP_CHANGED',
        message: expect.stringMatching(
          /^files:service_requests\.csv: '\/.*service_requests\.csv' changed while the run was reading it/,
        ),
      });
      expect(await openFiles(changed)).toEqual([]);
    }
  });

  it('fails naming the drop when it changes while its rows are read', async () => {
    const during = join(dir, 'during');
    await mkdir(during);
    const file = join(during, 'service_requests.csv');
    await writeFile(file, `${HEADER}\n${ROWS.join('\n')}\n`);
    const [drop] = await stageSources({ filesDir: during, jpMinutes: 45, batchSize: 10 });
    if (!drop || !isStagedDrop(drop)) throw new Error('the CSV drop was read whole at staging');
    const read = async () => {
      let n = 0;
      for await (const _ of drop.batches()) {
        n += 1;
        // A writer appending after the first batch was read: the rows read so far are not a file.
        if (n === 1) await writeFile(file, `${row(99)}\n`, { flag: 'a' });
      }
    };
    await expect(read()).rejects.toMatchObject({ code: 'DROP_CHANGED' });
  });
});
