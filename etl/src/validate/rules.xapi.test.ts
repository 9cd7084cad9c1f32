import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine, listRunRecords } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EtlEnv, readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { writeDrops } from '../run/testing/dropFiles.ts';
import { withLiveSnapshot } from '../run/testing/warehouseContent.ts';

/**
 * xAPI rules end to end: statements shaped like the xAPI 1.0.3 spec's examples, in a JSON file, through
 * `runEtl({ sources: ['xapi'], xapiPaths })`. The mapping tables (lms_accounts, lms_activities) come
 * from an earlier file-drop run, as they would from the operational source. Every code the README's
 * reason table gives for xAPI has a bad statement here (MALFORMED_ROW also in read-statements.test.ts).
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const COURSE = 'https://lms.example.go.id/course/dig-01';
const TWICE = 'https://lms.example.go.id/course/dig-02';
const COMPLETED = { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } };
const PASSED = { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } };
const BUDI = { objectType: 'Agent', name: 'Budi', mbox: 'mailto:Budi@Example.go.id' };
const SARI = { objectType: 'Agent', account: { homePage: 'https://lms.example.go.id', name: 'sari90' } };
/** xAPI's mbox_sha1sum: the SHA-1 (hex) of the mailto IRI. */
const sha1 = (mailto: string) => createHash('sha1').update(mailto).digest('hex');

const statement = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  timestamp: '2023-05-10T03:00:00+00:00',
  actor: BUDI,
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
    actor: SARI,
    verb: PASSED,
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

/** The file-drop tables the statements map through: employees, a course, their LMS identities. */
async function writeMappingDrops(drops: string): Promise<void> {
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
        ['3', '198507202010012003', null, 'Rina', 'F', '1985-07-20', 'PNS', '2010-01-01'],
      ],
    },
    programs: {
      header: ['id', 'code', 'title', 'competency_area', 'method', 'jp'],
      rows: [['1', 'DIG-01', 'Literasi Digital', 'it', 'e_learning', '12']],
    },
    offerings: {
      header: ['id', 'program_id', 'organizer_agency_id', 'starts_on', 'ends_on', 'capacity'],
      rows: [
        ['1', '1', '1', '2023-05-01', '2023-05-31', '100'],
        ['2', '1', '1', '2023-06-01', '2023-06-30', '100'],
      ],
    },
    lms_accounts: {
      header: ['id', 'employee_id', 'mbox', 'account_homepage', 'account_name'],
      rows: [
        ['1', '1', 'mailto:budi@example.go.id', null, null],
        ['2', '2', null, 'https://lms.example.go.id', 'sari90'],
        // Stored with capitals: its mbox_sha1sum key is the SHA-1 of the lower-cased address.
        ['3', '3', 'mailto:Rina@Example.go.id', null, null],
        // One shared mailbox registered for two employees: its statements are nobody's.
        ['4', '2', 'mailto:seksi.diklat@example.go.id', null, null],
        ['5', '3', 'mailto:seksi.diklat@example.go.id', null, null],
      ],
    },
    lms_activities: {
      header: ['id', 'activity_iri', 'offering_id'],
      rows: [
        ['1', COURSE, '1'],
        // One course IRI mapped to two offerings: its statements belong to neither.
        ['2', TWICE, '1'],
        ['3', TWICE, '2'],
      ],
    },
  });
}

describe('xAPI rules through runEtl({ sources: [xapi] })', () => {
  let drops: string;
  let lrs: string;
  const warehouses: string[] = [];
  beforeAll(async () => {
    drops = await mkdtemp(join(tmpdir(), 'etl-xapi-drops-'));
    lrs = await mkdtemp(join(tmpdir(), 'etl-xapi-lrs-'));
    await writeMappingDrops(drops);
  });
  afterAll(async () => {
    for (const dir of [drops, lrs, ...warehouses]) await rm(dir, { recursive: true, force: true });
  });

  /** A warehouse of its own, with the mapping tables loaded by a clean file-drop run. */
  async function mappedWarehouse(): Promise<{ dir: string; env: EtlEnv }> {
    const dir = await mkdtemp(join(tmpdir(), 'etl-xapi-'));
    warehouses.push(dir);
    const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    const setup = await runEtl({ env, sources: ['files'], filesDir: drops, steps: noMarts });
    expect(setup.tables.every((t) => t.quarantined === 0)).toBe(true);
    return { dir, env };
  }

  /** Writes an LRS export and runs the xAPI source over it: the run, its quarantine and counts. */
  async function runXapi(dir: string, env: EtlEnv, name: string, text: string) {
    const xapiFile = join(lrs, name);
    await writeFile(xapiFile, text);
    const run = await runEtl({ env, sources: ['xapi'], xapiPaths: [xapiFile], steps: noMarts });
    expect(run.mode).toBe('incremental');
    const { rows } = await listQuarantine(dir, { runId: run.runId });
    for (const r of rows) {
      expect(r.table).toBe('xapi_statements');
      expect(r.source).toBe(`xapi:${name}`);
    }
    expect(run.tables).toHaveLength(1);
    const [counts] = run.tables;
    // Reconciliation: read = loaded + quarantined, inserted = loaded − collapsed.
    expect(counts?.read).toBe((counts?.loaded ?? 0) + (counts?.quarantined ?? 0));
    expect(counts?.inserted).toBe((counts?.loaded ?? 0) - (counts?.collapsed ?? 0));
    expect(counts?.quarantined).toBe(rows.length);
    const reasons = rows
      .map((r) => `${r.row_number}:${r.reason}`)
      .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
    return { run, rows, counts, reasons };
  }

  const enrollmentsOf = (dir: string) =>
    withLiveSnapshot(dir, (db) =>
      db.all(
        'select offering_id, employee_id, status, jp_earned from stg.xapi_enrollments order by employee_id',
      ),
    );

  it('maps good statements to enrollments and quarantines the rest with reason and statement index', async () => {
    const { dir, env } = await mappedWarehouse();
    const { run, rows, counts, reasons } = await runXapi(
      dir,
      env,
      'lrs-export.json',
      JSON.stringify(STATEMENTS, null, 2),
    );
    expect(reasons).toEqual([
      '3:XAPI_UNMAPPED_ACTOR',
      '4:XAPI_UNKNOWN_ACTIVITY',
      '5:XAPI_UNSUPPORTED_VERB',
      '6:XAPI_INVALID_STATEMENT',
    ]);
    // Quarantined, never dropped: the raw statement is kept.
    expect(rows.find((r) => r.reason === 'XAPI_UNMAPPED_ACTOR')?.raw).toContain('stranger@example.com');
    expect(rows.find((r) => r.reason === 'XAPI_INVALID_STATEMENT')?.detail).toMatch(/duration/);

    expect(counts).toMatchObject({ table: 'xapi_statements', read: 6, loaded: 2, quarantined: 4 });
    const [record] = await listRunRecords(dir, { limit: 1 });
    expect(record?.tables).toEqual(run.tables);

    // 90 and 45 minutes at 45 minutes per JP.
    expect(await enrollmentsOf(dir)).toEqual([
      { offering_id: 1, employee_id: 1, status: 'completed', jp_earned: 2 },
      { offering_id: 1, employee_id: 2, status: 'completed', jp_earned: 1 },
    ]);
  });

  it('applies the generic column rules to statements: one bad statement per rule', async () => {
    const { dir, env } = await mappedWarehouse();
    const sariPassed = statement('5f1d9a52-7c1e-4d0b-9a43-2b7f3c8e0a02', {
      actor: SARI,
      verb: PASSED,
      timestamp: '2023-05-11T09:30:00+07:00',
      result: { completion: true, success: true, score: { raw: 85, min: 0, max: 100 }, duration: 'PT45M' },
    });
    const conflicting = '9b0e4c7d-1a2f-4e3b-8c5d-6f7a8b9c0d18';
    const { rows, counts, reasons } = await runXapi(
      dir,
      env,
      'generic-rules.json',
      JSON.stringify([
        // 1: good
        statement('2c4f8e1a-3b5d-4c6e-8f90-1a2b3c4d5e01'),
        // 2: good (account actor, raw score)
        sariPassed,
        // 3: the same statement sent again, identical: loaded once (collapsed), not a conflict
        sariPassed,
        // 4: MISSING_REQUIRED: no statement id (an LRS assigns one; an export without it cannot be replayed)
        { ...statement(''), id: undefined },
        // 5: FORMULA_INJECTION: an account name a spreadsheet would run
        statement('3d5a9f2b-4c6e-4d7f-9a01-2b3c4d5e6f05', {
          actor: {
            objectType: 'Agent',
            account: { homePage: 'https://lms.example.go.id', name: '=HYPERLINK("http://x","y")' },
          },
        }),
        // 6: OUT_OF_RANGE: result.score.scaled must lie in −1…1
        statement('4e6b0a3c-5d7f-4e80-8b12-3c4d5e6f7a06', {
          result: { completion: true, success: true, score: { scaled: 1.5 }, duration: 'PT1H30M' },
        }),
        // 7: OUT_OF_RANGE: a session left open for six weeks is worth 1344 JP (range 0–1000)
        statement('5f7c1b4d-6e80-4f91-9c23-4d5e6f7a8b07', {
          result: { completion: true, success: true, score: { scaled: 0.9 }, duration: 'P6W' },
        }),
        // 8, 9: DUPLICATE_CONFLICT: one statement id, two different scores (both quarantined)
        statement(conflicting, {
          result: { completion: true, success: true, score: { scaled: 0.7 }, duration: 'PT1H30M' },
        }),
        statement(conflicting, {
          result: { completion: true, success: false, score: { scaled: 0.4 }, duration: 'PT1H30M' },
        }),
        // 10: OUT_OF_RANGE: a statement from the year 2999 (after this run)
        statement('6a8d2c5e-7f91-4a02-8d34-5e6f7a8b9c10', { timestamp: '2999-05-10T09:00:00+07:00' }),
      ]),
    );
    expect(reasons).toEqual([
      '4:MISSING_REQUIRED',
      '5:FORMULA_INJECTION',
      '6:OUT_OF_RANGE',
      '7:OUT_OF_RANGE',
      '8:DUPLICATE_CONFLICT',
      '9:DUPLICATE_CONFLICT',
      '10:OUT_OF_RANGE',
    ]);
    const detail = (n: number) => rows.find((r) => r.row_number === n)?.detail;
    expect(detail(10)).toMatch(
      /^timestamp 2999-05-10 is after this run \(\d{4}-\d{2}-\d{2}\): a time that has not come yet$/,
    );
    expect(detail(4)).toBe('statement_id is empty');
    expect(detail(5)).toBe('actor_account_name starts with a formula character');
    expect(detail(6)).toBe('score_scaled=1.5 is outside -1..1');
    expect(detail(7)).toBe('jp=1344 is outside 0..1000');
    expect(detail(8)).toBe('key arrives 2 times with different content');
    // Quarantined, never dropped: each keeps its raw statement.
    expect(rows.find((r) => r.row_number === 5)?.raw).toContain('HYPERLINK');
    const conflicts = rows.filter((r) => r.reason === 'DUPLICATE_CONFLICT');
    expect(conflicts.map((r) => JSON.parse(r.raw).result.score.scaled).sort()).toEqual([0.4, 0.7]);

    expect(counts).toMatchObject({ read: 10, loaded: 3, collapsed: 1, inserted: 2, quarantined: 7 });
    expect(await enrollmentsOf(dir)).toEqual([
      { offering_id: 1, employee_id: 1, status: 'completed', jp_earned: 2 },
      { offering_id: 1, employee_id: 2, status: 'completed', jp_earned: 1 },
    ]);
  });

  it('identifies actors by mbox, mbox_sha1sum or account; an openid-only actor is unmapped', async () => {
    const { dir, env } = await mappedWarehouse();
    const { rows, counts, reasons } = await runXapi(
      dir,
      env,
      'actors.json',
      JSON.stringify([
        // 1: mbox_sha1sum of the lower-cased mailto IRI: maps to Rina (stored as mailto:Rina@Example.go.id)
        statement('6a8d2c5e-7f91-4a02-8d34-5e6f7a8b9c01', {
          actor: { objectType: 'Agent', mbox_sha1sum: sha1('mailto:rina@example.go.id') },
        }),
        // 2: openid only — a valid xAPI identifier, but no lms_accounts row holds one
        statement('7b9e3d6f-8002-4b13-9e45-6f7a8b9c0d02', {
          actor: { objectType: 'Agent', name: 'Budi', openid: 'https://id.example.go.id/budi' },
        }),
        // 3: mbox_sha1sum of the address with its capitals: a hash cannot be lower-cased, so no match
        statement('8c0f4e70-9113-4c24-8f56-7a8b9c0d1e03', {
          actor: { objectType: 'Agent', mbox_sha1sum: sha1('mailto:Rina@Example.go.id') },
        }),
        // 4: mbox_sha1sum of nobody we know
        statement('9d105f81-a224-4d35-9067-8b9c0d1e2f04', {
          actor: { objectType: 'Agent', mbox_sha1sum: sha1('mailto:stranger@example.com') },
        }),
      ]),
    );
    expect(reasons).toEqual(['2:XAPI_UNMAPPED_ACTOR', '3:XAPI_UNMAPPED_ACTOR', '4:XAPI_UNMAPPED_ACTOR']);
    const detail = (n: number) => rows.find((r) => r.row_number === n)?.detail;
    expect(detail(2)).toMatch(/only an openid/);
    expect(rows.find((r) => r.row_number === 2)?.raw).toContain('https://id.example.go.id/budi');
    expect(detail(3)).toBe('actor matches no lms_accounts row');
    expect(counts).toMatchObject({ read: 4, loaded: 1, quarantined: 3 });
    expect(await enrollmentsOf(dir)).toEqual([
      { offering_id: 1, employee_id: 3, status: 'completed', jp_earned: 2 },
    ]);
  });

  it('never guesses: a mailbox of two employees, or a course of two offerings, is quarantined as ambiguous', async () => {
    const { dir, env } = await mappedWarehouse();
    const { rows, counts, reasons } = await runXapi(
      dir,
      env,
      'ambiguous.json',
      JSON.stringify([
        // 1: Budi on the course of one offering: maps
        statement('0e2a6b92-b335-4e46-a178-9cad1e2f3a05'),
        // 2: the shared mailbox (Sari's and Rina's accounts)
        statement('1f3b7ca3-c446-4f57-b289-adbe2f3a4b06', {
          actor: { objectType: 'Agent', mbox: 'mailto:seksi.diklat@example.go.id' },
        }),
        // 3: the same mailbox by its mbox_sha1sum
        statement('204c8db4-d557-4068-839a-becf3a4b5c07', {
          actor: { objectType: 'Agent', mbox_sha1sum: sha1('mailto:seksi.diklat@example.go.id') },
        }),
        // 4: Budi on the course mapped to two offerings
        statement('315d9ec5-e668-4179-94ab-cfd04b5c6d08', { object: { id: TWICE, objectType: 'Activity' } }),
      ]),
    );
    expect(reasons).toEqual(['2:XAPI_UNMAPPED_ACTOR', '3:XAPI_UNMAPPED_ACTOR', '4:XAPI_UNKNOWN_ACTIVITY']);
    const detail = (n: number) => rows.find((r) => r.row_number === n)?.detail;
    expect(detail(2)).toBe('actor matches lms_accounts rows of 2 different employees (ambiguous)');
    expect(detail(3)).toBe(detail(2));
    expect(detail(4)).toBe(`activity_iri=${TWICE} is mapped to 2 offerings (ambiguous)`);
    expect(counts).toMatchObject({ read: 4, loaded: 1, quarantined: 3 });
    expect(await enrollmentsOf(dir)).toEqual([
      { offering_id: 1, employee_id: 1, status: 'completed', jp_earned: 2 },
    ]);
  });

  it('stages only timestamps the warehouse reads (no BAD_TYPE), and counts parser rejects as read', async () => {
    const { dir, env } = await mappedWarehouse();
    const { counts, reasons } = await runXapi(
      dir,
      env,
      'timestamps.ndjson',
      [
        // 1: ISO 8601 without seconds: loads
        statement('ae216092-b335-4e46-a178-9c0d1e2f3a01', { timestamp: '2023-05-10T10:00+07:00' }),
        // 2: 30 February: not a date (JavaScript would roll it over into March)
        statement('bf3271a3-c446-4f57-b289-0d1e2f3a4b02', { actor: SARI, timestamp: '2023-02-30T10:00:00Z' }),
        // 3: a line that is not JSON
        '{"id": "c0438', // truncated export
        // 4: account actor, no offset (read as UTC)
        statement('d15493c5-e668-4179-d4ab-2f3a4b5c6d04', { actor: SARI, timestamp: '2023-05-12T01:02:03' }),
      ]
        .map((s) => (typeof s === 'string' ? s : JSON.stringify(s)))
        .join('\n'),
    );
    expect(reasons).toEqual(['2:XAPI_INVALID_STATEMENT', '3:MALFORMED_ROW']);
    expect(counts).toMatchObject({ read: 4, loaded: 2, quarantined: 2 });
    const instants = await withLiveSnapshot(dir, (db) =>
      db.all<{ ms: number }>('select epoch_ms("timestamp") as ms from stg.xapi_statements order by ms'),
    );
    expect(instants.map((t) => new Date(Number(t.ms)).toISOString())).toEqual([
      '2023-05-10T03:00:00.000Z',
      '2023-05-12T01:02:03.000Z',
    ]);
  });
});
