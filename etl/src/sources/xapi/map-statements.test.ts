import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type LmsAccountRow, type LmsActivityRow, mapStatements } from './map-statements.ts';
import { parseStatements } from './read-statements.ts';

const COURSE = 'https://elearning.palangkaraya.go.id/xapi/activities/pelayanan-prima';
const OTHER_COURSE = 'https://elearning.palangkaraya.go.id/xapi/activities/smart-asn';
const TWICE = 'https://elearning.palangkaraya.go.id/xapi/activities/twice';
const ADL = 'http://adlnet.gov/expapi/verbs/';

const ACCOUNTS: LmsAccountRow[] = [
  {
    employee_id: '10',
    mbox: 'mailto:Siti.Rahma@palangkaraya.go.id',
    account_homepage: null,
    account_name: null,
  },
  {
    employee_id: '2',
    mbox: null,
    account_homepage: ' https://elearning.palangkaraya.go.id ',
    account_name: 'asn-0002',
  },
  { employee_id: '3', mbox: 'budi@palangkaraya.go.id', account_homepage: null, account_name: null },
  // The same mailbox registered for two employees: ambiguous, never guessed.
  { employee_id: '4', mbox: 'mailto:shared@palangkaraya.go.id', account_homepage: null, account_name: null },
  { employee_id: '5', mbox: 'mailto:shared@palangkaraya.go.id', account_homepage: null, account_name: null },
];
const ACTIVITIES: LmsActivityRow[] = [
  { activity_iri: COURSE, offering_id: '700' },
  { activity_iri: OTHER_COURSE, offering_id: '701' },
  // One IRI mapped to two offerings: ambiguous, never guessed.
  { activity_iri: TWICE, offering_id: '701' },
  { activity_iri: TWICE, offering_id: '702' },
];

type Actor = Record<string, unknown>;
const siti: Actor = { mbox: 'mailto:siti.rahma@palangkaraya.go.id' };
const account2: Actor = { account: { homePage: 'https://elearning.palangkaraya.go.id', name: 'asn-0002' } };
const budiSha1: Actor = {
  mbox_sha1sum: createHash('sha1').update('mailto:budi@palangkaraya.go.id').digest('hex'),
};

function statement(
  actor: Actor,
  verb: string,
  timestamp: string,
  duration?: string,
  activity = COURSE,
  completion?: boolean,
) {
  return {
    actor,
    verb: { id: ADL + verb, display: { 'en-US': verb } },
    object: { id: activity },
    timestamp,
    ...(duration || completion !== undefined ? { result: { duration, completion } } : {}),
  };
}

const map = (statements: unknown[]) =>
  mapStatements(parseStatements(JSON.stringify(statements)), ACCOUNTS, ACTIVITIES);

describe('mapStatements: actors and activities', () => {
  it('maps mbox (case-insensitive), mbox_sha1sum and account (trimmed) actors to employees', () => {
    const { enrollments, rejected } = map([
      statement(siti, 'completed', '2024-03-05T10:00:00+07:00', 'PT1H30M'),
      statement(account2, 'completed', '2024-03-06T10:00:00+07:00', 'PT45M'),
      statement(budiSha1, 'attempted', '2024-03-07T10:00:00+07:00', 'PT10M'),
    ]);
    expect(rejected).toEqual([]);
    expect(enrollments).toEqual([
      {
        employee_id: '2',
        offering_id: '700',
        status: 'completed',
        jp_earned: 1,
        completed_at: '2024-03-06T03:00:00.000000Z',
        statement_count: 1,
      },
      {
        employee_id: '3',
        offering_id: '700',
        status: 'dropped',
        jp_earned: 0,
        completed_at: null,
        statement_count: 1,
      },
      {
        employee_id: '10',
        offering_id: '700',
        status: 'completed',
        jp_earned: 2,
        completed_at: '2024-03-05T03:00:00.000000Z',
        statement_count: 1,
      },
    ]);
  });

  it('quarantines unmapped and ambiguous actors and unknown activities, never drops them', () => {
    const { enrollments, rejected } = map([
      statement({ mbox: 'mailto:stranger@example.com' }, 'completed', '2024-03-05T10:00:00Z'),
      statement({ mbox: 'mailto:shared@palangkaraya.go.id' }, 'completed', '2024-03-05T10:00:00Z'),
      statement(siti, 'completed', '2024-03-05T10:00:00Z', undefined, 'https://elsewhere.example/course'),
      statement({ openid: 'https://id.example/siti' }, 'completed', '2024-03-05T10:00:00Z'),
      statement(siti, 'completed', '2024-03-05T10:00:00Z', undefined, TWICE),
      // Home pages compare exactly (after trimming), as the warehouse keys them.
      statement(
        { account: { homePage: 'https://ELEARNING.palangkaraya.go.id/', name: 'asn-0002' } },
        'completed',
        '2024-03-05T10:00:00Z',
      ),
    ]);
    expect(enrollments).toEqual([]);
    expect(rejected.map((r) => [r.rowNumber, r.reason, r.detail])).toEqual([
      [1, 'XAPI_UNMAPPED_ACTOR', 'actor matches no lms_accounts row'],
      [2, 'XAPI_UNMAPPED_ACTOR', 'actor matches several employees: 4, 5'],
      [3, 'XAPI_UNKNOWN_ACTIVITY', 'activity https://elsewhere.example/course is in no lms_activities row'],
      [4, 'XAPI_UNMAPPED_ACTOR', 'actor matches no lms_accounts row'],
      [5, 'XAPI_UNKNOWN_ACTIVITY', `activity ${TWICE} is mapped to several offerings`],
      [6, 'XAPI_UNMAPPED_ACTOR', 'actor matches no lms_accounts row'],
    ]);
    expect(rejected[0]).toMatchObject({ source: 'xapi:inline', table: 'xapi_statements' });
    expect(JSON.parse(rejected[0]!.raw)).toMatchObject({ actor: { mbox: 'mailto:stranger@example.com' } });
  });
});

describe('mapStatements: several statements per employee and offering', () => {
  it('completion wins over later statements; completed_at is the first completion; JP is the largest', () => {
    const { enrollments } = map([
      statement(siti, 'attempted', '2024-03-01T08:00:00Z', 'PT3H'), // an attempt's time is not credited
      statement(siti, 'passed', '2024-03-02T08:00:00Z', 'PT1H30M'),
      statement(siti, 'completed', '2024-03-02T08:00:00Z', 'PT1H30M'),
      statement(siti, 'failed', '2024-03-09T08:00:00Z', 'PT20M'), // a later retake
      statement(siti, 'experienced', '2024-03-10T08:00:00Z'),
    ]);
    expect(enrollments).toEqual([
      {
        employee_id: '10',
        offering_id: '700',
        status: 'completed',
        jp_earned: 2,
        completed_at: '2024-03-02T08:00:00.000000Z',
        statement_count: 5,
      },
    ]);
  });

  it('without a completion the enrollment is dropped with 0 JP, whatever the verbs', () => {
    const { enrollments } = map([
      statement(siti, 'attempted', '2024-03-01T08:00:00Z', 'PT30M'),
      statement(siti, 'failed', '2024-03-02T08:00:00Z', 'PT40M'),
      statement(siti, 'experienced', '2024-03-05T08:00:00Z', 'PT40M', COURSE, false),
    ]);
    expect(enrollments).toMatchObject([
      { status: 'dropped', jp_earned: 0, completed_at: null, statement_count: 3 },
    ]);
  });

  it('counts result.completion = true as a completion, whatever the verb', () => {
    const { enrollments } = map([
      statement(siti, 'experienced', '2024-03-05T08:00:00Z', 'PT45M', COURSE, true),
      statement(siti, 'completed', '2024-03-06T08:00:00Z', 'PT30M'),
    ]);
    expect(enrollments).toMatchObject([
      { status: 'completed', jp_earned: 1, completed_at: '2024-03-05T08:00:00.000000Z', statement_count: 2 },
    ]);
  });

  it('credits the program’s JP when no completing statement reported a duration', () => {
    const statements = [
      statement(siti, 'attempted', '2024-03-01T08:00:00Z', 'PT1H30M'),
      statement(siti, 'completed', '2024-03-02T08:00:00Z'),
    ];
    const staged = parseStatements(JSON.stringify(statements));
    const withJp = mapStatements(staged, ACCOUNTS, ACTIVITIES, new Map([['700', 12]]));
    expect(withJp.enrollments).toMatchObject([{ status: 'completed', jp_earned: 12 }]);
    // Without the program's JP the reference says it does not know.
    expect(map(statements).enrollments).toMatchObject([{ status: 'completed', jp_earned: null }]);
  });

  it('caps JP at the program’s JP: a duration is time spent, not JP earned beyond the course', () => {
    const staged = parseStatements(
      JSON.stringify([statement(siti, 'completed', '2024-03-02T08:00:00Z', 'P1D')]),
    );
    const { enrollments } = mapStatements(staged, ACCOUNTS, ACTIVITIES, new Map([['700', 16]]));
    expect(enrollments).toMatchObject([{ status: 'completed', jp_earned: 16 }]);
  });

  it('leaves out a statement a voiding statement names', () => {
    const toVoid = 'c0ffee00-0000-4000-8000-000000000001';
    const voided = { ...statement(siti, 'completed', '2024-03-02T08:00:00Z'), id: toVoid };
    const voiding = {
      id: 'c0ffee00-0000-4000-8000-000000000002',
      actor: siti,
      verb: { id: `${ADL}voided` },
      // In capitals: a UUID's hex digits are case-insensitive (RFC 4122 §3).
      object: { objectType: 'StatementRef', id: toVoid.toUpperCase() },
      timestamp: '2024-03-03T08:00:00Z',
    };
    const attempt = {
      ...statement(siti, 'attempted', '2024-03-01T08:00:00Z'),
      id: 'c0ffee00-0000-4000-8000-000000000003',
    };
    const { enrollments } = map([attempt, voided, voiding]);
    expect(enrollments).toMatchObject([{ status: 'dropped', statement_count: 1 }]);
  });

  it('keeps one enrollment per employee and offering, sorted numerically', () => {
    const { enrollments } = map([
      statement(siti, 'completed', '2024-03-02T08:00:00Z', 'PT45M', OTHER_COURSE),
      statement(siti, 'attempted', '2024-03-02T08:00:00Z', 'PT45M'),
      statement(account2, 'failed', '2024-03-02T08:00:00Z'),
    ]);
    expect(enrollments.map((e) => [e.employee_id, e.offering_id, e.status])).toEqual([
      ['2', '700', 'dropped'],
      ['10', '700', 'dropped'],
      ['10', '701', 'completed'],
    ]);
  });
});
