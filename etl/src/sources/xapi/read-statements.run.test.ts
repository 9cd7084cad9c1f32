import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../env.ts';
import { runEtl } from '../../run/runEtl.ts';
import { writeDrops } from '../../run/testing/dropFiles.ts';
import { lmsCourseDrops } from '../../run/testing/lms-course-drops.ts';
import { withLiveSnapshot } from '../../run/testing/warehouseContent.ts';

/**
 * An LRS export cut off mid-file, through `runEtl`: the complete statements before the cut load,
 * the broken rest is one quarantined row that says the file is truncated, and the run reconciles.
 * Text after a whole export is one quarantined row too.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const COURSE = 'https://lms.example.go.id/course/dig-01';

const statement = (id: string, mbox: string) => ({
  id,
  timestamp: '2023-05-10T03:00:00+00:00',
  actor: { objectType: 'Agent', mbox },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { id: COURSE, objectType: 'Activity' },
  result: { completion: true, success: true, duration: 'PT1H30M' },
});

const EXPORT = [
  statement('0b7c6a1e-1d2f-4a3b-8c4d-5e6f7a8b9c01', 'mailto:budi@example.go.id'),
  statement('1c8d7b2f-2e30-4b4c-9d5e-6f708192a302', 'mailto:sari@example.go.id'),
  statement('2d9e8c30-3f41-4c5d-8e6f-708192a3b403', 'mailto:rina@example.go.id'),
];

describe('runEtl over a truncated xAPI export, or one with text after it', () => {
  const dirs: string[] = [];
  let drops: string;
  beforeAll(async () => {
    drops = await mkdtemp(join(tmpdir(), 'etl-xapi-cut-drops-'));
    dirs.push(drops);
    await writeDrops(drops, 'csv', lmsCourseDrops(COURSE, { code: 'DIG-01', jp: 12 }));
  });
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a JSON array', 'lrs-export.json', JSON.stringify(EXPORT, null, 2)],
    ['NDJSON', 'lrs-export.ndjson', `${EXPORT.map((s) => JSON.stringify(s)).join('\n')}\n`],
  ])(
    '%s: loads the statements before the cut and quarantines the rest as one row',
    async (_l, name, whole) => {
      const dir = await mkdtemp(join(tmpdir(), 'etl-xapi-cut-'));
      dirs.push(dir);
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
      const setup = await runEtl({ env, sources: ['files'], filesDir: drops, steps: noMarts });
      expect(setup.tables.every((t) => t.quarantined === 0)).toBe(true);

      // Cut inside the third statement, as an export that stopped mid-write.
      const cut = whole.slice(0, whole.indexOf('2d9e8c30') + 20);
      const path = join(dir, name);
      await writeFile(path, cut);
      const run = await runEtl({ env, sources: ['xapi'], xapiPaths: [path], steps: noMarts });

      expect(run.tables).toHaveLength(1);
      const [counts] = run.tables;
      expect(counts).toMatchObject({ table: 'xapi_statements', read: 3, loaded: 2, quarantined: 1 });
      expect(counts?.read).toBe((counts?.loaded ?? 0) + (counts?.quarantined ?? 0));
      const { rows } = await listQuarantine(dir, { runId: run.runId });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ source: `xapi:${name}`, row_number: 3, reason: 'MALFORMED_ROW' });
      expect(rows[0]?.detail).toMatch(/^file is truncated: .*statements after it cannot be read/);
      expect(rows[0]?.raw).toContain('2d9e8c30');

      const enrollments = await withLiveSnapshot(dir, (db) =>
        db.all('select employee_id, status from stg.xapi_enrollments order by employee_id'),
      );
      expect(enrollments).toEqual([
        { employee_id: 1, status: 'completed' },
        { employee_id: 2, status: 'completed' },
      ]);
    },
  );

  // Until a review of 2026-12-07 this file loaded nothing: the whole of it one malformed NDJSON line.
  it('a StatementResult with text after it: loads its statements and quarantines that text as one row', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'etl-xapi-tail-'));
    dirs.push(dir);
    const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    await runEtl({ env, sources: ['files'], filesDir: drops, steps: noMarts });

    const path = join(dir, 'lrs-export.json');
    const doc = JSON.stringify({ more: '', statements: EXPORT.slice(0, 2) }, null, 2);
    await writeFile(path, `${doc}\n{"more": "/xapi/statements?more=2"\n`);
    const run = await runEtl({ env, sources: ['xapi'], xapiPaths: [path], steps: noMarts });

    expect(run.tables).toEqual([
      expect.objectContaining({ table: 'xapi_statements', read: 3, loaded: 2, quarantined: 1 }),
    ]);
    const { rows } = await listQuarantine(dir, { runId: run.runId });
    expect(rows).toEqual([
      expect.objectContaining({
        source: 'xapi:lrs-export.json',
        row_number: 3,
        reason: 'MALFORMED_ROW',
        raw: '{"more": "/xapi/statements?more=2"',
        detail: `invalid JSON: text after the StatementResult's closing } (byte ${doc.length + 1})`,
      }),
    ]);
    const enrollments = await withLiveSnapshot(dir, (db) =>
      db.all('select employee_id, status from stg.xapi_enrollments order by employee_id'),
    );
    expect(enrollments).toEqual([
      { employee_id: 1, status: 'completed' },
      { employee_id: 2, status: 'completed' },
    ]);
  });
});
