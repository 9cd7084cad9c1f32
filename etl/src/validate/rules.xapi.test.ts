import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine, listRunRecords } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { writeDrops } from '../run/testing/dropFiles.ts';
import { withLiveSnapshot } from '../run/testing/warehouseContent.ts';

/**
 * xAPI rules end to end: statements shaped like the xAPI 1.0.3 spec's examples, in a JSON file, through
 * `runEtl({ sources: ['xapi'], xapiPaths })`. The mapping tables (lms_accounts, lms_activities) come
 * from an earlier file-drop run, as they would from the operational source.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const COURSE = 'https://lms.example.go.id/course/dig-01';
const COMPLETED = { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } };

const statement = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  timestamp: '2023-05-10T03:00:00+00:00',
  actor: { objectType: 'Agent', name: 'Budi', mbox: 'mailto:Budi@Example.go.id' },
  verb: COMPLETED,
  object: { id: COURSE, objectType: 'Activity', definition: { name: { 'en-US': 'Literasi Digital' } } },
  result: { completion: true, success: true, score: { scaled: 0.9 }, duration: 'PT1H30M' },
  ...extra,
});

const STATEMENTS = [
  // 1: mbox actor (case differs from the mapping table: mailto addresses compare case-insensitively)
  statement('7ccd3322-e1a5-411a-a67d-6a735c76f119'),
  // 2: account actor, as in the spec's Agent/account example
  statement('fd41c918-b88b-4b20-a0a5-a4c32391aaa0', {
    actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.go.id', name: 'sari90' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
    result: { completion: true, success: true, duration: 'PT45M' },
  }),
  // 3: nobody we know
  statement('a1b2c3d4-0000-4000-8000-000000000003', {
    actor: { objectType: 'Agent', mbox: 'mailto:stranger@example.com' },
  }),
  // 4: a course no offering is mapped to
  statement('a1b2c3d4-0000-4000-8000-000000000004', {
    object: { id: 'https://lms.example.go.id/course/unknown', objectType: 'Activity' },
  }),
  // 5: the spec's long example verb: attended a meeting, not e-learning
  statement('6690e6c9-3ef0-4ed3-8b37-7f3964730bee', {
    verb: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-GB': 'attended' } },
  }),
  // 6: a duration that is not ISO 8601
  statement('a1b2c3d4-0000-4000-8000-000000000006', { result: { completion: true, duration: '90 minutes' } }),
];

describe('xAPI rules through runEtl({ sources: [xapi] })', () => {
  let dir: string;
  let drops: string;
  let xapiFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-xapi-'));
    drops = await mkdtemp(join(tmpdir(), 'etl-xapi-drops-'));
    xapiFile = join(drops, 'lrs-export.json');
    await writeFile(xapiFile, JSON.stringify(STATEMENTS, null, 2));
    await writeDrops(drops, 'csv', {
      agencies: {
        header: ['id', 'code', 'name', 'kind', 'valid_from'],
        rows: [['1', 'SETDA', 'Setda', 'sekretariat', '2020-01-01']],
      },
      employees: {
        header: ['id', 'nip', 'ni_pppk', 'full_name', 'sex', 'birth_date', 'employment_type', 'appointed_on'],
        rows: [
          ['1', '198005122005031001', null, 'Budi', 'M', '1980-05-12', 'PNS', '2006-03-01'],
          ['2', '199001012015042002', null, 'Sari', 'F', '1990-01-01', 'PNS', '2015-04-01'],
        ],
      },
      programs: {
        header: ['id', 'code', 'title', 'competency_area', 'method', 'jp'],
        rows: [['1', 'DIG-01', 'Literasi Digital', 'it', 'e_learning', '12']],
      },
      offerings: {
        header: ['id', 'program_id', 'organizer_agency_id', 'starts_on', 'ends_on', 'capacity'],
        rows: [['1', '1', '1', '2023-05-01', '2023-05-31', '100']],
      },
      lms_accounts: {
        header: ['id', 'employee_id', 'mbox', 'account_homepage', 'account_name'],
        rows: [
          ['1', '1', 'mailto:budi@example.go.id', null, null],
          ['2', '2', null, 'https://lms.example.go.id', 'sari90'],
        ],
      },
      lms_activities: { header: ['id', 'activity_iri', 'offering_id'], rows: [['1', COURSE, '1']] },
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(drops, { recursive: true, force: true });
  });

  it('maps good statements to enrollments and quarantines the rest with reason and statement index', async () => {
    const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    const setup = await runEtl({ env, sources: ['files'], filesDir: drops, steps: noMarts });
    expect(setup.tables.every((t) => t.quarantined === 0)).toBe(true);

    const run = await runEtl({ env, sources: ['xapi'], xapiPaths: [xapiFile], steps: noMarts });
    expect(run.mode).toBe('incremental');
    const { rows } = await listQuarantine(dir, { runId: run.runId });
    expect(rows.map((r) => `${r.row_number}:${r.reason}`).sort()).toEqual([
      '3:XAPI_UNMAPPED_ACTOR',
      '4:XAPI_UNKNOWN_ACTIVITY',
      '5:XAPI_UNSUPPORTED_VERB',
      '6:XAPI_INVALID_STATEMENT',
    ]);
    for (const r of rows) {
      expect(r.table).toBe('xapi_statements');
      expect(r.source).toBe('xapi:lrs-export.json');
    }
    // Quarantined, never dropped: the raw statement is kept.
    expect(rows.find((r) => r.reason === 'XAPI_UNMAPPED_ACTOR')?.raw).toContain('stranger@example.com');
    expect(rows.find((r) => r.reason === 'XAPI_INVALID_STATEMENT')?.detail).toMatch(/duration/);

    const [counts] = run.tables;
    expect(run.tables).toHaveLength(1);
    expect(counts).toMatchObject({ table: 'xapi_statements', read: 6, loaded: 2, quarantined: 4 });
    const [record] = await listRunRecords(dir, { limit: 1 });
    expect(record?.tables).toEqual(run.tables);

    // 90 and 45 minutes at 45 minutes per JP.
    const enrollments = await withLiveSnapshot(dir, (db) =>
      db.all(
        'select offering_id, employee_id, status, jp_earned from stg.xapi_enrollments order by employee_id',
      ),
    );
    expect(enrollments).toEqual([
      { offering_id: 1, employee_id: 1, status: 'completed', jp_earned: 2 },
      { offering_id: 1, employee_id: 2, status: 'completed', jp_earned: 1 },
    ]);
  });
});
