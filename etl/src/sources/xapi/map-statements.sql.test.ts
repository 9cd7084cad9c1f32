import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../demo/prng.ts';
import { readEnv } from '../../env.ts';
import { runEtl } from '../../run/runEtl.ts';
import { writeDrops } from '../../run/testing/dropFiles.ts';
import { withLiveSnapshot } from '../../run/testing/warehouseContent.ts';
import { type LmsAccountRow, type LmsActivityRow, mapStatements } from './map-statements.ts';
import { parseStatements } from './read-statements.ts';
import { xapiTimestampMillis } from './xapi-timestamp.ts';

/**
 * The warehouse maps xAPI statements in bulk SQL (pseudonymised actor keys, the validation pass,
 * `rebuildXapiEnrollments`); `mapStatements` states the same rules in JavaScript. Here generated
 * statements, drawn to hit every identity form, near miss and fold rule, go through both: a real
 * `runEtl` over a file-drop mapping, and the reference function. The quarantine (statement → reason)
 * and the enrollments must be the same.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const ADL = 'http://adlnet.gov/expapi/verbs/';
const LMS = 'https://lms.palangkaraya.go.id';
const COURSE = (n: number) => `${LMS}/course/${n}`;
const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

const ACCOUNTS: LmsAccountRow[] = [
  { employee_id: '1', mbox: 'mailto:budi@palangkaraya.go.id', account_homepage: null, account_name: null },
  // Stored with capitals and without mailto: one mailbox with budi's form in any case.
  { employee_id: '2', mbox: 'Sari.Dewi@Palangkaraya.go.id', account_homepage: null, account_name: null },
  { employee_id: '3', mbox: null, account_homepage: LMS, account_name: 'rina85' },
  // Both forms: answers to its mbox and to its account.
  { employee_id: '4', mbox: 'mailto:agus@palangkaraya.go.id', account_homepage: LMS, account_name: 'agus' },
  // A shared mailbox registered for two employees: ambiguous.
  { employee_id: '5', mbox: 'mailto:diklat@palangkaraya.go.id', account_homepage: null, account_name: null },
  { employee_id: '6', mbox: 'mailto:diklat@palangkaraya.go.id', account_homepage: null, account_name: null },
  // Two accounts of one employee: not ambiguous.
  { employee_id: '6', mbox: null, account_homepage: `${LMS}/`, account_name: 'wati' },
  { employee_id: '6', mbox: 'mailto:wati@palangkaraya.go.id', account_homepage: null, account_name: null },
];
const ACTIVITIES: LmsActivityRow[] = [
  { activity_iri: COURSE(1), offering_id: '1' },
  { activity_iri: COURSE(2), offering_id: '2' },
  { activity_iri: COURSE(3), offering_id: '3' },
  // One IRI for two offerings: ambiguous.
  { activity_iri: COURSE(4), offering_id: '2' },
  { activity_iri: COURSE(4), offering_id: '3' },
];
/** Offering → its program's JP (offerings 1, 2 run program 1; offering 3 program 2). */
const PROGRAM_JP = new Map([
  ['1', 12],
  ['2', 12],
  ['3', 20],
]);

/** Every identity form a statement's actor takes here: matches, near misses, ambiguity, combinations. */
const ACTORS: Record<string, unknown>[] = [
  { mbox: 'mailto:budi@palangkaraya.go.id' },
  { mbox: 'mailto:BUDI@palangkaraya.go.id' },
  { mbox: ' budi@palangkaraya.go.id ' },
  { mbox_sha1sum: sha1('mailto:budi@palangkaraya.go.id') },
  { mbox_sha1sum: sha1('mailto:budi@palangkaraya.go.id').toUpperCase() },
  { mbox: 'mailto:sari.dewi@palangkaraya.go.id' },
  { mbox_sha1sum: sha1('mailto:sari.dewi@palangkaraya.go.id') },
  { mbox_sha1sum: sha1('mailto:Sari.Dewi@Palangkaraya.go.id') }, // the stored case: no match
  { account: { homePage: LMS, name: 'rina85' } },
  { account: { homePage: ` ${LMS} `, name: ' rina85 ' } },
  { account: { homePage: `${LMS}/`, name: 'rina85' } }, // home pages are exact: no match
  { account: { homePage: LMS, name: 'Rina85' } }, // names are exact: no match
  { mbox: 'mailto:agus@palangkaraya.go.id' },
  { account: { homePage: LMS, name: 'agus' } },
  // Two identifiers, which an Agent must not have (xAPI 1.0.3 §2.4.2.1): the parser's XAPI_INVALID_STATEMENT.
  { mbox: 'mailto:stranger@example.com', account: { homePage: LMS, name: 'agus' } },
  { account: { homePage: LMS, name: 'rina85' }, mbox_sha1sum: sha1('mailto:budi@palangkaraya.go.id') },
  { mbox: 'mailto:diklat@palangkaraya.go.id' },
  { mbox_sha1sum: sha1('mailto:diklat@palangkaraya.go.id') },
  { account: { homePage: `${LMS}/`, name: 'wati' } },
  { mbox: 'mailto:wati@palangkaraya.go.id' },
  { mbox: 'mailto:stranger@example.com' },
  { openid: 'https://id.example.go.id/budi' },
];
const VERBS = ['completed', 'passed', 'failed', 'attempted', 'experienced'];
const IRIS = [COURSE(1), COURSE(2), COURSE(3), COURSE(4), `${LMS}/course/404`, `${COURSE(1)}/`];
const OFFSETS = ['Z', '+07:00', '+0700', '+07', '-03:30', '+08:00'];
const DURATIONS = [undefined, 'PT45M', 'PT1H30M', 'PT2H15M30S', 'PT3H', 'PT20M', 'P1DT2H'];

function generate(rng: Prng, count: number): unknown[] {
  const statements: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const iri = IRIS[rng.weighted([5, 5, 5, 1, 1, 1])] ?? COURSE(1);
    // Nobody completes course 3, so its pairs stay dropped however many statements they collect.
    const neverCompletes = iri === COURSE(3);
    const verb = neverCompletes ? rng.pick(VERBS.slice(2)) : rng.pick(VERBS);
    const day = String(rng.int(1, 28)).padStart(2, '0');
    const hour = String(rng.int(0, 23)).padStart(2, '0');
    // Few distinct instants per pair, so ties in the first completion are common.
    const minute = rng.pick(['00', '30']);
    const completion = [undefined, undefined, !neverCompletes, false][rng.int(0, 3)];
    // Course 2's LMS reports no durations: its completions are worth the program's JP.
    const duration = iri === COURSE(2) ? undefined : DURATIONS[rng.int(0, DURATIONS.length - 1)];
    const result =
      completion === undefined && duration === undefined
        ? undefined
        : { ...(completion === undefined ? {} : { completion }), ...(duration ? { duration } : {}) };
    statements.push({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      actor: { objectType: 'Agent', ...rng.pick(ACTORS) },
      verb: { id: ADL + verb, display: { 'en-US': verb } },
      object: { objectType: 'Activity', id: iri },
      timestamp: `2024-0${rng.int(1, 3)}-${day}T${hour}:${minute}:00${rng.pick(OFFSETS)}`,
      ...(result ? { result } : {}),
    });
  }
  return statements;
}

async function writeMapping(drops: string): Promise<void> {
  const nips = ['198005122005031001', '199001012015042002', '198507202010012003'];
  const more = ['197911032003121004', '198812242012032005', '199203152019032006'];
  await writeDrops(drops, 'csv', {
    agencies: {
      header: ['id', 'code', 'name', 'kind', 'valid_from'],
      rows: [['1', 'BKPSDM', 'BKPSDM', 'badan', '2020-01-01']],
    },
    employees: {
      header: ['id', 'nip', 'ni_pppk', 'full_name', 'sex', 'birth_date', 'employment_type', 'appointed_on'],
      rows: [...nips, ...more].map((nip, i) => [
        String(i + 1),
        nip,
        null,
        `Pegawai ${i + 1}`,
        nip[14] === '1' ? 'M' : 'F',
        `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
        'PNS',
        `${nip.slice(8, 12)}-${nip.slice(12, 14)}-01`,
      ]),
    },
    programs: {
      header: ['id', 'code', 'title', 'competency_area', 'method', 'jp'],
      rows: [
        ['1', 'DIG-01', 'Literasi Digital', 'it', 'e_learning', '12'],
        ['2', 'PEL-01', 'Pelayanan Prima', 'soft_skills', 'e_learning', '20'],
      ],
    },
    offerings: {
      header: ['id', 'program_id', 'organizer_agency_id', 'starts_on', 'ends_on', 'capacity'],
      rows: [
        ['1', '1', '1', '2024-01-01', '2024-03-31', '500'],
        ['2', '1', '1', '2024-01-01', '2024-03-31', '500'],
        ['3', '2', '1', '2024-01-01', '2024-03-31', '500'],
      ],
    },
    lms_accounts: {
      header: ['id', 'employee_id', 'mbox', 'account_homepage', 'account_name'],
      rows: ACCOUNTS.map((a, i) => [
        String(i + 1),
        a.employee_id,
        a.mbox,
        a.account_homepage,
        a.account_name,
      ]),
    },
    lms_activities: {
      header: ['id', 'activity_iri', 'offering_id'],
      rows: ACTIVITIES.map((a, i) => [String(i + 1), a.activity_iri, a.offering_id]),
    },
  });
}

interface EnrollmentRow {
  employee_id: number;
  offering_id: number;
  status: string;
  jp_earned: number;
  completed_ms: number | null;
  statement_count: number;
}

describe('mapStatements against the warehouse’s SQL mapping', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'etl-xapi-sql-'));
    await mkdir(join(root, 'drops'));
    await writeMapping(join(root, 'drops'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it.each([1, 2])(
    'gives the same quarantine and enrollments for generated statements (seed %i)',
    async (seed) => {
      const dir = join(root, `warehouse-${seed}`);
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
      const setup = await runEtl({ env, sources: ['files'], filesDir: join(root, 'drops'), steps: noMarts });
      expect(setup.tables.every((t) => t.quarantined === 0)).toBe(true);

      const statements = generate(new Prng(seed, 'xapi-sql'), 400);
      const file = join(root, `statements-${seed}.json`);
      await writeFile(file, JSON.stringify(statements));
      const run = await runEtl({ env, sources: ['xapi'], xapiPaths: [file], steps: noMarts });

      const staged = parseStatements(JSON.stringify(statements));
      expect(new Set(staged.rejected.map((r) => `${r.reason}: ${r.detail}`))).toEqual(
        new Set([
          'XAPI_INVALID_STATEMENT: actor has 2 identifiers (mbox, account); an Agent has exactly one (xAPI 1.0.3 §2.4.2.1)',
          'XAPI_INVALID_STATEMENT: actor has 2 identifiers (mbox_sha1sum, account); an Agent has exactly one (xAPI 1.0.3 §2.4.2.1)',
        ]),
      );
      const expected = mapStatements(staged, ACCOUNTS, ACTIVITIES, PROGRAM_JP);

      const { rows, total } = await listQuarantine(dir, { runId: run.runId, limit: 1000 });
      expect(rows).toHaveLength(total);
      const reasons = (list: { rowNumber: number | null; reason: string }[]) =>
        list
          .map((r) => `${r.rowNumber}:${r.reason}`)
          .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
      expect(reasons(rows.map((r) => ({ rowNumber: r.row_number, reason: r.reason })))).toEqual(
        reasons([...staged.rejected, ...expected.rejected]),
      );

      const actual = await withLiveSnapshot(dir, (db) =>
        db.all<EnrollmentRow>(
          `SELECT employee_id, offering_id, status, jp_earned, epoch_ms(completed_at) AS completed_ms,
           statement_count FROM stg.xapi_enrollments ORDER BY employee_id, offering_id`,
        ),
      );
      expect(actual).toEqual(
        expected.enrollments.map((e) => ({
          employee_id: Number(e.employee_id),
          offering_id: Number(e.offering_id),
          status: e.status,
          jp_earned: e.jp_earned,
          completed_ms: e.completed_at === null ? null : xapiTimestampMillis(e.completed_at),
          statement_count: e.statement_count,
        })),
      );

      // The draw reaches every branch: both statuses, the program's JP, every quarantine reason.
      const statuses = new Set(expected.enrollments.map((e) => e.status));
      expect([...statuses].sort()).toEqual(['completed', 'dropped']);
      expect(expected.enrollments.some((e) => e.status === 'completed' && e.jp_earned === 12)).toBe(true);
      expect(new Set(expected.rejected.map((r) => r.detail.replace(/: [\d, ]+$/, '')))).toEqual(
        new Set([
          'actor matches no lms_accounts row',
          'actor matches several employees',
          `activity ${LMS}/course/404 is in no lms_activities row`,
          `activity ${COURSE(1)}/ is in no lms_activities row`,
          `activity ${COURSE(4)} is mapped to several offerings`,
        ]),
      );
      expect(actual.length).toBeGreaterThan(10);
    },
  );
});
