import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_XAPI_FILE_BYTES, parseStatements, readStatements } from './read-statements.ts';
import { MAX_STATEMENT_DEPTH, nestedDeeperThan } from './split-statements.ts';
import { XAPI_COLUMNS } from './statement-row.ts';
import { withoutAgentNames, withoutNamesInText } from './withhold-names.ts';
import { xapiTimestampMillis } from './xapi-timestamp.ts';

/** The xAPI 1.0.3 spec's "simple CBT" example (Appendix: example statements). */
const SPEC_SIMPLE_CBT = {
  id: '7ccd3322-e1a5-411a-a67d-6a735c76f119',
  timestamp: '2015-12-18T12:17:00+00:00',
  actor: { objectType: 'Agent', name: 'Example Learner', mbox: 'mailto:example.learner@adlnet.gov' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
  object: {
    id: 'http://example.adlnet.gov/xapi/example/simpleCBT',
    definition: {
      name: { 'en-US': 'simple CBT course' },
      description: { 'en-US': 'A fictitious example CBT course.' },
    },
  },
  result: { score: { scaled: 0.95 }, success: true, completion: true, duration: 'PT1234S' },
};

/** The same course completed, by an account actor as in the spec's Agent/account example. */
const ACCOUNT_COMPLETED = {
  id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
  timestamp: '2015-12-18T13:47:00+00:00',
  actor: { objectType: 'Agent', account: { homePage: 'http://www.example.com', name: '1625378' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { id: 'http://example.adlnet.gov/xapi/example/simpleCBT', objectType: 'Activity' },
  result: {
    completion: true,
    success: true,
    score: { scaled: 0.8, raw: 80, min: 0, max: 100 },
    duration: 'PT1H30M',
  },
};

/**
 * The spec's "long example": a Group that *attended* a meeting — not an e-learning verb, and not an
 * employee: the actor, judged first, quarantines it.
 */
const SPEC_LONG_EXAMPLE_ATTENDED = {
  id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
  actor: { name: 'Team PB', mbox: 'mailto:teampb@example.com', objectType: 'Group' },
  verb: {
    id: 'http://adlnet.gov/expapi/verbs/attended',
    display: { 'en-GB': 'attended', 'en-US': 'attended' },
  },
  result: {
    success: true,
    completion: true,
    response: 'We agreed on some example actions.',
    duration: 'PT1H0M0S',
  },
  timestamp: '2013-05-18T05:32:34.804+00:00',
  object: { id: 'http://www.example.com/meetings/occurances/34534', objectType: 'Activity' },
};

const row = (staged: ReturnType<typeof parseStatements>, i: number) =>
  Object.fromEntries(XAPI_COLUMNS.map((c, k) => [c, staged.rows[i]?.[k]]));

describe('parseStatements: statements shaped like the spec', () => {
  const staged = parseStatements(
    JSON.stringify([SPEC_SIMPLE_CBT, ACCOUNT_COMPLETED, SPEC_LONG_EXAMPLE_ATTENDED]),
  );

  it('stages an mbox actor', () => {
    expect(staged.table).toBe('xapi_statements');
    expect(staged.columns).toEqual([...XAPI_COLUMNS]);
    expect(row(staged, 0)).toEqual({
      statement_id: '7ccd3322-e1a5-411a-a67d-6a735c76f119',
      actor_mbox: 'mailto:example.learner@adlnet.gov',
      actor_mbox_sha1sum: null,
      actor_account_homepage: null,
      actor_account_name: null,
      verb: 'attempted',
      activity_iri: 'http://example.adlnet.gov/xapi/example/simpleCBT',
      // The instant in UTC with six fraction digits: one text per instant (xapi-timestamp.ts).
      timestamp: '2015-12-18T12:17:00.000000Z',
      duration_seconds: '1234',
      jp: String(1234 / 60 / 45),
      success: 'true',
      completion: 'true',
      score_scaled: '0.95',
      score_raw: null,
    });
  });

  it('stages an account actor with a completed verb; PT1H30M is 2 JP', () => {
    expect(row(staged, 1)).toMatchObject({
      actor_mbox: null,
      actor_account_homepage: 'http://www.example.com',
      actor_account_name: '1625378',
      verb: 'completed',
      duration_seconds: '5400',
      jp: '2',
      score_scaled: '0.8',
      score_raw: '80',
    });
  });

  it('quarantines a Group actor (no employee) with its array position and raw JSON', () => {
    expect(staged.rowNumbers).toEqual([1, 2]);
    expect(staged.rejected).toEqual([
      {
        source: 'xapi:inline',
        table: 'xapi_statements',
        rowNumber: 3,
        // Without its agents' display names (withhold-names.ts), identifiers kept.
        raw: JSON.stringify(withoutAgentNames(SPEC_LONG_EXAMPLE_ATTENDED)),
        reason: 'XAPI_UNMAPPED_ACTOR',
        detail: 'actor is a Group, not an employee: a group statement is credited to no one',
      },
    ]);
    expect(JSON.parse(staged.rawRows[0]!)).toEqual(withoutAgentNames(SPEC_SIMPLE_CBT));
  });

  it('takes JP minutes as a parameter', () => {
    const sixty = parseStatements(JSON.stringify(ACCOUNT_COMPLETED), { jpMinutes: 60 });
    expect(row(sixty, 0).jp).toBe('1.5');
  });
});

describe('parseStatements: input shapes and bad statements', () => {
  it('reads NDJSON; an invalid JSON line is MALFORMED_ROW and the other lines load', () => {
    const text = [
      JSON.stringify(SPEC_SIMPLE_CBT),
      '{"actor": {"mbox": "mailto:a@b.c"',
      '',
      JSON.stringify(ACCOUNT_COMPLETED),
    ].join('\n');
    const staged = parseStatements(text, { source: 'xapi:lrs-export.ndjson' });
    expect(staged.rowNumbers).toEqual([1, 4]);
    expect(staged.rejected).toMatchObject([
      {
        rowNumber: 2,
        reason: 'MALFORMED_ROW',
        raw: '{"actor": {"mbox": "mailto:a@b.c"',
        source: 'xapi:lrs-export.ndjson',
      },
    ]);
  });

  it('reads an LRS StatementResult ({ statements, more })', () => {
    const staged = parseStatements(
      JSON.stringify({ statements: [SPEC_SIMPLE_CBT, ACCOUNT_COMPLETED], more: '' }),
    );
    expect(staged.rows).toHaveLength(2);
  });

  // xAPI leaves the key order free: an LRS may write `more` first. Such a file was read whole
  // until a review of 2026-12-06; it is read as it comes now (split-statements.test.ts), alike.
  it('reads a StatementResult whatever key comes first, its other keys holding any JSON', () => {
    const text =
      '{"more": "/xapi/statements?more=\\"2\\"", "x": {"statements": [1, "]}\\"statements\\": ["]},' +
      ' "n": [-1.5e+3, 0, true, false, null], "s": "\\"statements\\": [{\\\\", "\\u00e9": ["{", "["],' +
      ` "statements": [${JSON.stringify(SPEC_SIMPLE_CBT)}, ${JSON.stringify(ACCOUNT_COMPLETED)}], "after": {}}`;
    expect(Object.keys(JSON.parse(text))).toEqual(['more', 'x', 'n', 's', 'é', 'statements', 'after']);
    const staged = parseStatements(text);
    expect(staged.rejected).toEqual([]);
    expect(staged.rowNumbers).toEqual([1, 2]);
    expect(staged.rows.map((r) => r[0])).toEqual([SPEC_SIMPLE_CBT.id, ACCOUNT_COMPLETED.id]);
  });

  it('reads one with another key first that is no JSON as before: as NDJSON, line by line', () => {
    const cut = '{"more": "/xapi/statements?since=2024-01-';
    expect(parseStatements(cut).rejected).toEqual([
      {
        source: 'xapi:inline',
        table: 'xapi_statements',
        rowNumber: 1,
        raw: cut,
        reason: 'MALFORMED_ROW',
        detail: `file is truncated: line 1 (from byte 0) breaks off at the end of the file (byte ${cut.length}); statements after it cannot be read: export the file again`,
      },
    ]);
    const text = `{\n"more": 01,\n"statements": [${JSON.stringify(ACCOUNT_COMPLETED)}]\n}`;
    const staged = parseStatements(text);
    expect(staged.rows).toEqual([]);
    expect(staged.rejected.map((r) => [r.rowNumber, r.raw, r.detail.split(':')[0]])).toEqual([
      [1, '{', 'invalid JSON'],
      [2, '"more": 01,', 'invalid JSON'],
      [3, withoutNamesInText(`"statements": [${JSON.stringify(ACCOUNT_COMPLETED)}]`), 'invalid JSON'],
      [4, '}', 'invalid JSON'],
    ]);
  });

  it('reads a broken JSON array statement by statement rather than as one malformed row', () => {
    const staged = parseStatements('[{"id": 1},');
    expect(staged.rows).toEqual([]);
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason])).toEqual([
      [1, 'XAPI_INVALID_STATEMENT'],
      [2, 'MALFORMED_ROW'],
    ]);
  });

  const base = ACCOUNT_COMPLETED;
  it.each([
    ['no actor', { ...base, actor: undefined }, 'actor is missing'],
    ['an actor without identifier', { ...base, actor: { name: 'Anon' } }, 'actor has no identifier'],
    ['no verb', { ...base, verb: undefined }, 'verb is missing'],
    ['no object', { ...base, object: undefined }, 'object is missing'],
    [
      'an Agent as object',
      { ...base, object: { objectType: 'Agent', mbox: 'mailto:x@y.z' } },
      'not an Activity',
    ],
    ['no timestamp', { ...base, timestamp: undefined }, 'timestamp is missing'],
    [
      'a timestamp that is no date',
      { ...base, timestamp: 'yesterday' },
      'timestamp yesterday is not an ISO 8601 date and time in extended format',
    ],
    [
      'an impossible date',
      { ...base, timestamp: '2023-02-30T10:00:00+07:00' },
      'timestamp 2023-02-30T10:00:00+07:00 is no calendar date',
    ],
    [
      '29 February of a common year',
      { ...base, timestamp: '2023-02-29T10:00:00Z' },
      'timestamp 2023-02-29T10:00:00Z is no calendar date',
    ],
    [
      'an unparsable duration',
      { ...base, result: { duration: '90 minutes' } },
      'not a countable ISO 8601 duration',
    ],
    ['a calendar-month duration', { ...base, result: { duration: 'P1M' } }, 'not a countable'],
    ['a non-boolean success', { ...base, result: { success: 'yes' } }, 'must be true or false'],
  ])('rejects a statement with %s as XAPI_INVALID_STATEMENT', (_label, statement, detail) => {
    const staged = parseStatements(JSON.stringify([statement]));
    expect(staged.rows).toEqual([]);
    expect(staged.rejected[0]?.reason).toBe('XAPI_INVALID_STATEMENT');
    expect(staged.rejected[0]?.detail).toContain(detail);
  });

  it('matches verbs by ADL IRI, falling back to display text for other IRIs', () => {
    const verbs = [
      { id: 'https://adlnet.gov/expapi/verbs/passed' },
      { id: 'https://lms.example.go.id/verbs/selesai', display: { id: 'selesai', 'en-US': 'Completed' } },
      { id: 'http://adlnet.gov/expapi/verbs/progressed', display: { 'en-US': 'completed' } },
      { id: 'http://adlnet.gov/expapi/verbs/voided' },
    ];
    const staged = parseStatements(JSON.stringify(verbs.map((verb) => ({ ...base, verb }))));
    expect(staged.rows.map((r) => r[5])).toEqual(['passed', 'completed']);
    // `voided` is applied (its object must be a StatementRef), not an unsupported verb.
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason])).toEqual([
      [3, 'XAPI_UNSUPPORTED_VERB'],
      [4, 'XAPI_INVALID_STATEMENT'],
    ]);
    const voiding = parseStatements(
      JSON.stringify({
        ...base,
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' },
      }),
    );
    expect([voiding.rows, voiding.rejected, voiding.voided]).toEqual([
      [],
      [],
      ['e05aa883-acaf-40ad-bf54-02c8ce485fb0'],
    ]);
  });

  it('stages a timestamp without seconds, or with a fraction, as the instant in UTC', () => {
    const staged = parseStatements(
      JSON.stringify([
        { ...base, timestamp: '2024-02-29T10:00+07:00' },
        { ...base, timestamp: ' 2023-05-10T03:00:00.804Z ' },
        // Past the microsecond, digits are cut, as the warehouse's TIMESTAMPTZ cast cuts them.
        { ...base, timestamp: '2023-05-10T03:00:00.1234569Z' },
      ]),
    );
    expect(staged.rejected).toEqual([]);
    expect([0, 1, 2].map((i) => row(staged, i).timestamp)).toEqual([
      '2024-02-29T03:00:00.000000Z',
      '2023-05-10T03:00:00.804000Z',
      '2023-05-10T03:00:00.123456Z',
    ]);
  });

  it('stages an hours-only or colon-less offset, the same instant', () => {
    const given = ['2024-03-05T10:00:00+07', '2024-03-05T10:00:00+0700', '2024-03-05T06:30:00-0330'];
    const staged = parseStatements(JSON.stringify(given.map((timestamp) => ({ ...base, timestamp }))));
    expect(staged.rejected).toEqual([]);
    expect([0, 1, 2].map((i) => row(staged, i).timestamp)).toEqual([
      '2024-03-05T03:00:00.000000Z',
      '2024-03-05T03:00:00.000000Z',
      '2024-03-05T10:00:00.000000Z',
    ]);
    expect(given.map(xapiTimestampMillis)).toEqual([
      Date.parse('2024-03-05T03:00:00Z'),
      Date.parse('2024-03-05T03:00:00Z'),
      Date.parse('2024-03-05T10:00:00Z'),
    ]);
  });

  it.each(['2024-03-05T10:00:00+15:00', '2024-03-05T10:00:00+07:60', '2024-03-05T10:00:00+7'])(
    'rejects the offset of %s as XAPI_INVALID_STATEMENT',
    (timestamp) => {
      const staged = parseStatements(JSON.stringify([{ ...base, timestamp }]));
      expect(staged.rejected[0]?.reason).toBe('XAPI_INVALID_STATEMENT');
      expect(xapiTimestampMillis(timestamp)).toBeNull();
    },
  );

  it('stages an openid-only actor with no identifier columns (the bulk rules call it unmapped)', () => {
    const staged = parseStatements(JSON.stringify({ ...base, actor: { openid: 'https://id.example/siti' } }));
    expect(staged.rejected).toEqual([]);
    expect(row(staged, 0)).toMatchObject({
      actor_mbox: null,
      actor_mbox_sha1sum: null,
      actor_account_homepage: null,
      actor_account_name: null,
    });
  });

  it('stages an mbox_sha1sum actor and a statement without result', () => {
    const statement = {
      ...base,
      actor: { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' },
      result: undefined,
    };
    const staged = parseStatements(JSON.stringify(statement));
    expect(row(staged, 0)).toMatchObject({
      actor_mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9',
      duration_seconds: null,
      jp: null,
      success: null,
    });
  });
});

describe('parseStatements: statement ids are UUIDs, compared case-insensitively', () => {
  const base = ACCOUNT_COMPLETED;
  const ID = 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0';

  it('stages an id in capitals lower-case (RFC 4122 §3: hex digits are case-insensitive)', () => {
    const staged = parseStatements(JSON.stringify({ ...base, id: ` ${ID.toUpperCase()} ` }));
    expect(staged.rejected).toEqual([]);
    expect(row(staged, 0).statement_id).toBe(ID);
  });

  it.each([
    ['a word', 'not-a-uuid', 'id "not-a-uuid" is not a UUID'],
    ['a number', 123, 'id 123 is not a UUID'],
    ['a UUID in braces', `{${ID}}`, `id "{${ID}}" is not a UUID`],
    ['a UUID without hyphens', ID.replaceAll('-', ''), `id "${ID.replaceAll('-', '')}" is not a UUID`],
  ])('rejects %s as id (XAPI_INVALID_STATEMENT)', (_label, id, detail) => {
    const staged = parseStatements(JSON.stringify({ ...base, id }));
    expect(staged.rows).toEqual([]);
    expect(staged.rejected.map((r) => [r.reason, r.detail])).toEqual([['XAPI_INVALID_STATEMENT', detail]]);
  });

  it('stages a statement without id with a null id (the bulk rules call it MISSING_REQUIRED)', () => {
    const staged = parseStatements(JSON.stringify({ ...base, id: undefined }));
    expect(staged.rejected).toEqual([]);
    expect(row(staged, 0).statement_id).toBeNull();
  });

  it('names a voided statement lower-case; a StatementRef whose id is no UUID is invalid', () => {
    const voiding = (ref: unknown) => ({
      ...base,
      id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb1',
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: ref },
    });
    const staged = parseStatements(JSON.stringify([voiding(ID.toUpperCase()), voiding('statement-7')]));
    expect(staged.voided).toEqual([ID]);
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason, r.detail])).toEqual([
      [2, 'XAPI_INVALID_STATEMENT', 'the StatementRef id "statement-7" is not a UUID'],
    ]);
  });
});

describe('parseStatements: one landed text for what xAPI calls the same statement', () => {
  const base = SPEC_SIMPLE_CBT;
  // A run compares the copies of a statement id as landed text, and a copy against a stored one by
  // value: xAPI 1.0.3 §2.3.1 says another zone, or another case of a case-insensitive value, is no
  // change, so such copies must land as one text or one run and two runs would disagree.
  it('lands the same instant in any zone, and an mbox in any case or without mailto:, as one row', () => {
    const copies = [
      { ...base, timestamp: '2015-12-18T12:17:00+00:00' },
      { ...base, timestamp: '2015-12-18T19:17:00+07:00' },
      { ...base, timestamp: '2015-12-18T12:17Z' },
      { ...base, timestamp: '2015-12-18T08:47:00.000-0330' },
      { ...base, actor: { mbox: 'EXAMPLE.Learner@ADLnet.gov' } },
      { ...base, actor: { mbox: ' MAILTO:example.learner@adlnet.gov' } },
      { ...base, id: base.id.toUpperCase(), result: { ...base.result, score: { scaled: 0.95 } } },
    ];
    const staged = parseStatements(JSON.stringify(copies));
    expect(staged.rejected).toEqual([]);
    expect(new Set(staged.rows.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(row(staged, 0)).toMatchObject({
      statement_id: '7ccd3322-e1a5-411a-a67d-6a735c76f119',
      actor_mbox: 'mailto:example.learner@adlnet.gov',
      timestamp: '2015-12-18T12:17:00.000000Z',
    });
    // What quarantine keeps is the statement as received.
    expect(JSON.parse(staged.rawRows[4]!).actor).toEqual({ mbox: 'EXAMPLE.Learner@ADLnet.gov' });
  });

  it('lands an mbox_sha1sum lower-case', () => {
    const sha1 = 'EBD31E95054C018B10727CCFFD2EF2EC3A016EE9';
    const staged = parseStatements(JSON.stringify({ ...base, actor: { mbox_sha1sum: sha1 } }));
    expect(row(staged, 0).actor_mbox_sha1sum).toBe(sha1.toLowerCase());
  });
});

describe('parseStatements: timestamps xAPI takes, and why others are refused', () => {
  const base = ACCOUNT_COMPLETED;
  const parse = (timestamp: string) => parseStatements(JSON.stringify({ ...base, timestamp }));

  it('takes a leap second at 23:59:60 UTC as 23:59:59.999999, still before the next second', () => {
    const staged = parseStatements(
      JSON.stringify([
        { ...base, timestamp: '2016-12-31T23:59:60Z' },
        { ...base, timestamp: '2017-01-01T06:59:60.5+07:00' },
      ]),
    );
    expect(staged.rejected).toEqual([]);
    expect([0, 1].map((i) => row(staged, i).timestamp)).toEqual([
      '2016-12-31T23:59:59.999999Z',
      '2016-12-31T23:59:59.999999Z',
    ]);
    expect(xapiTimestampMillis('2016-12-31T23:59:60Z')).toBe(Date.parse('2016-12-31T23:59:59.999Z'));
  });

  it('takes 24:00:00, ISO 8601 end of day, as the next midnight', () => {
    expect(row(parse('2023-05-10T24:00:00+07:00'), 0).timestamp).toBe('2023-05-10T17:00:00.000000Z');
  });

  it.each([
    [
      '2023-05-10T12:00:60Z',
      'timestamp 2023-05-10T12:00:60Z has second 60, a leap second, but not at 23:59:60 UTC where leap seconds fall',
    ],
    [
      '20230510T030000Z',
      'timestamp 20230510T030000Z is in ISO 8601 basic format; xAPI takes the extended format (2023-05-10T03:00:00Z)',
    ],
    ['2023-05-10T24:30:00Z', 'timestamp 2023-05-10T24:30:00Z is no time of day'],
    ['2023-05-10T10:60:00Z', 'timestamp 2023-05-10T10:60:00Z is no time of day'],
    [
      '2023-05-10T10:00:00+14:30',
      'timestamp 2023-05-10T10:00:00+14:30 has an offset beyond ±14:00 (or minutes past 59)',
    ],
  ])('refuses %s, saying why', (timestamp, detail) => {
    const staged = parse(timestamp);
    expect(staged.rejected.map((r) => [r.reason, r.detail])).toEqual([['XAPI_INVALID_STATEMENT', detail]]);
    expect(xapiTimestampMillis(timestamp)).toBeNull();
  });
});

describe('parseStatements: result.score (xAPI 1.0.3 §4.1.5.1)', () => {
  const base = ACCOUNT_COMPLETED;
  const withScore = (score: unknown) => ({ ...base, result: { ...base.result, score } });

  it('stages raw between min and max, bounds included', () => {
    const staged = parseStatements(
      JSON.stringify([withScore({ raw: 0, min: 0, max: 100 }), withScore({ raw: 100, min: 0, max: 100 })]),
    );
    expect(staged.rejected).toEqual([]);
    expect([0, 1].map((i) => row(staged, i).score_raw)).toEqual(['0', '100']);
  });

  it.each([
    ['raw above max', { raw: 150, min: 0, max: 100 }, 'result.score.raw 150 is above result.score.max 100'],
    ['raw below min', { raw: -1, min: 0 }, 'result.score.raw -1 is below result.score.min 0'],
    [
      'min not a number',
      { raw: 50, min: 'abc', max: 100 },
      'result.score.scaled / raw / min / max must be numbers',
    ],
    ['max an object', { raw: 50, max: {} }, 'result.score.scaled / raw / min / max must be numbers'],
    ['min above max', { raw: 5, min: 10, max: 1 }, 'result.score.min 10 is not below result.score.max 1'],
    ['min equal to max', { min: 10, max: 10 }, 'result.score.min 10 is not below result.score.max 10'],
  ])('rejects %s (XAPI_INVALID_STATEMENT)', (_label, score, detail) => {
    const staged = parseStatements(JSON.stringify(withScore(score)));
    expect(staged.rows).toEqual([]);
    expect(staged.rejected.map((r) => [r.reason, r.detail])).toEqual([['XAPI_INVALID_STATEMENT', detail]]);
  });
});

describe('parseStatements: the actor is one Agent with one identifier', () => {
  const base = ACCOUNT_COMPLETED;
  const byActor = (actor: unknown) => parseStatements(JSON.stringify({ ...base, actor }));
  const GROUP = 'actor is a Group, not an employee: a group statement is credited to no one';

  it.each([
    [
      'an mbox and an account',
      { mbox: 'mailto:budi@example.go.id', account: { homePage: 'https://lms', name: 'sari' } },
      'actor has 2 identifiers (mbox, account); an Agent has exactly one (xAPI 1.0.3 §2.4.2.1)',
    ],
    [
      'an mbox and an openid',
      { mbox: 'mailto:budi@example.go.id', openid: 'https://id.example/budi' },
      'actor has 2 identifiers (mbox, openid); an Agent has exactly one (xAPI 1.0.3 §2.4.2.1)',
    ],
  ])('rejects an Agent with %s as XAPI_INVALID_STATEMENT', (_label, actor, detail) => {
    expect(byActor(actor).rejected.map((r) => [r.reason, r.detail])).toEqual([
      ['XAPI_INVALID_STATEMENT', detail],
    ]);
  });

  it('quarantines a Group, identified or anonymous, as XAPI_UNMAPPED_ACTOR: a Group is no employee', () => {
    for (const actor of [
      { objectType: 'Group', mbox: 'mailto:SARI@Example.go.id', member: [] },
      { objectType: 'Group', member: [{ mbox: 'mailto:rina@example.go.id' }] },
    ]) {
      expect(byActor(actor).rejected.map((r) => [r.reason, r.detail])).toEqual([
        ['XAPI_UNMAPPED_ACTOR', GROUP],
      ]);
    }
  });

  it('applies a voiding statement whose actor is a Group: who voids does not matter', () => {
    const staged = parseStatements(
      JSON.stringify({
        ...base,
        actor: { objectType: 'Group', account: { homePage: 'https://lms', name: 'admins' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: '7ccd3322-e1a5-411a-a67d-6a735c76f119' },
      }),
    );
    expect([staged.rejected, staged.voided]).toEqual([[], ['7ccd3322-e1a5-411a-a67d-6a735c76f119']]);
  });
});

/** Statements 1–3 of an export: the second's name has letters of two bytes, so bytes ≠ characters. */
const EXPORT = [
  SPEC_SIMPLE_CBT,
  { ...ACCOUNT_COMPLETED, actor: { ...ACCOUNT_COMPLETED.actor, name: 'Siti Ma’rufah Übermann' } },
  { ...ACCOUNT_COMPLETED, id: '3a8e1f0c-5b2d-4c6e-9f70-8a1b2c3d4e03' },
];

/** The UTF-8 byte offset of character index `i` of `text`. */
const byteOffset = (text: string, i: number) => Buffer.byteLength(text.slice(0, i));

describe('parseStatements: an export cut off mid-file', () => {
  const whole = `\uFEFF${JSON.stringify(EXPORT, null, 2)}\n`;
  // Where the third statement starts: the third `{` at the start of an array item.
  const third = whole.indexOf('  {', whole.indexOf('  {', whole.indexOf('  {') + 1) + 1) + 2;

  it('loads every statement before the cut and quarantines the broken rest as ONE row that says so', () => {
    const cut = whole.slice(0, third + 60); // `{"id": "3a8e…", "timestamp": …` and no more
    const staged = parseStatements(cut, { source: 'xapi:lrs-export.json' });
    expect(staged.rowNumbers).toEqual([1, 2]);
    expect(row(staged, 1).actor_account_name).toBe('1625378');
    expect(staged.rejected).toHaveLength(1);
    expect(staged.rejected[0]).toMatchObject({
      source: 'xapi:lrs-export.json',
      rowNumber: 3,
      reason: 'MALFORMED_ROW',
      raw: cut.slice(third),
      detail:
        `file is truncated: statement 3 (from byte ${byteOffset(cut, third)}) breaks off at the end of the file ` +
        `(byte ${Buffer.byteLength(cut)}); statements after it cannot be read: export the file again`,
    });
    // The BOM and the two-byte letters count: the offset is in bytes, not characters.
    expect(byteOffset(cut, third)).toBeGreaterThan(third);
  });

  it('says so too when the cut falls between statements (no closing ])', () => {
    for (const cut of [whole.slice(0, whole.lastIndexOf('}') + 1), whole.slice(0, third - 2)]) {
      const staged = parseStatements(cut);
      const complete = cut.length > third ? 3 : 2;
      expect(staged.rows).toHaveLength(complete);
      expect(staged.rejected).toEqual([
        expect.objectContaining({
          rowNumber: complete + 1,
          reason: 'MALFORMED_ROW',
          detail: `file is truncated: the statement array ends after statement ${complete} (byte ${Buffer.byteLength(cut)}) without its closing ]; statements after it cannot be read: export the file again`,
        }),
      ]);
    }
  });

  it('reads a cut StatementResult ({ "statements": [...) the same way', () => {
    const text = JSON.stringify({ statements: EXPORT, more: '/xapi/statements?more=2' });
    const cut = text.slice(0, text.indexOf('3a8e1f0c'));
    const staged = parseStatements(cut);
    expect(staged.rowNumbers).toEqual([1, 2]);
    expect(staged.rejected).toMatchObject([{ rowNumber: 3, reason: 'MALFORMED_ROW' }]);
    expect(staged.rejected[0]?.detail).toMatch(/^file is truncated: statement 3 \(from byte \d+\)/);
  });

  it('treats NDJSON whose last line breaks off the same way; a bad line before it stays invalid JSON', () => {
    const lines = EXPORT.map((s) => JSON.stringify(s));
    const text = `${lines[0]}\n{"id": x}\n${lines[1]}\n${lines[2]!.slice(0, 50)}`;
    const staged = parseStatements(text);
    expect(staged.rowNumbers).toEqual([1, 3]);
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason])).toEqual([
      [2, 'MALFORMED_ROW'],
      [4, 'MALFORMED_ROW'],
    ]);
    expect(staged.rejected[0]?.detail).toMatch(/^invalid JSON: /);
    const lastLine = text.lastIndexOf('\n') + 1;
    expect(staged.rejected[1]).toMatchObject({
      raw: lines[2]!.slice(0, 50),
      detail:
        `file is truncated: line 4 (from byte ${byteOffset(text, lastLine)}) breaks off at the end of the file ` +
        `(byte ${Buffer.byteLength(text)}); statements after it cannot be read: export the file again`,
    });
  });

  it('costs a statement that is itself invalid JSON only that statement, and keeps reading', () => {
    const text = `[${JSON.stringify(EXPORT[0])}, {"id": tru}, ${JSON.stringify(EXPORT[1])}, {"id"`;
    const staged = parseStatements(text);
    expect(staged.rowNumbers).toEqual([1, 3]);
    expect(staged.rejected.map((r) => [r.rowNumber, r.raw, r.detail.split(':')[0]])).toEqual([
      [2, '{"id": tru}', 'invalid JSON'],
      [4, '{"id"', 'file is truncated'],
    ]);
  });

  it('stops where the array stops being one (a missing comma), keeping the statements before', () => {
    const text = `[${JSON.stringify(EXPORT[0])} ${JSON.stringify(EXPORT[1])}, ${JSON.stringify(EXPORT[2])}]`;
    const staged = parseStatements(text);
    expect(staged.rowNumbers).toEqual([1]);
    expect(staged.rejected).toMatchObject([
      {
        rowNumber: 2,
        reason: 'MALFORMED_ROW',
        raw: withoutNamesInText(text.slice(text.indexOf('} {') + 2)),
        detail: `invalid JSON: expected , or ] after statement 1 (byte ${text.indexOf('} {') + 2}); the statements from there on cannot be read`,
      },
    ]);
  });

  // A StatementResult's was dropped unsaid (statements first), or took its statements with it, the
  // whole file one malformed NDJSON line (another key first), until a review of 2026-12-07.
  it.each([
    ['a JSON array', (s: string) => `[${s}]`, "the statement array's closing ]"],
    [
      'a StatementResult',
      (s: string) => `{"statements": [${s}], "more": ""}`,
      "the StatementResult's closing }",
    ],
    [
      'one with another key first',
      (s: string) => `{"more": "", "statements": [${s}]}`,
      "the StatementResult's closing }",
    ],
  ])('loads the statements of %s and quarantines the text after it as ONE row', (_l, shape, closing) => {
    const statements = EXPORT.map((s) => JSON.stringify(s));
    const doc = shape(statements.join(',\n'));
    for (const tail of [' x', `\n${shape(statements[2]!)}`]) {
      const text = `${doc}${tail}\n`;
      const staged = parseStatements(text, { source: 'xapi:lrs-export.json' });
      expect(staged.rowNumbers).toEqual([1, 2, 3]);
      expect(staged.rawRows).toEqual(EXPORT.map((s) => JSON.stringify(withoutAgentNames(s))));
      expect(staged.rejected).toEqual([
        {
          source: 'xapi:lrs-export.json',
          table: 'xapi_statements',
          rowNumber: 4,
          raw: withoutNamesInText(tail.trim()),
          reason: 'MALFORMED_ROW',
          detail: `invalid JSON: text after ${closing} (byte ${byteOffset(text, doc.length + 1)})`,
        },
      ]);
    }
    // Whitespace after it is none of that.
    expect(parseStatements(`${doc} \r\n\t\u00a0\n`)).toEqual(parseStatements(doc));
    expect(parseStatements(doc).rejected).toEqual([]);
  });

  it('reads a whole export exactly as before: same rows, same raw text', () => {
    const staged = parseStatements(whole);
    expect(staged.rowNumbers).toEqual([1, 2, 3]);
    expect(staged.rejected).toEqual([]);
    expect(staged.rawRows).toEqual(EXPORT.map((s) => JSON.stringify(withoutAgentNames(s))));
  });
});

describe('parseStatements: a statement nested too deep costs that statement only', () => {
  /** ACCOUNT_COMPLETED with `levels` levels of objects and arrays, the statement being level 1, as text. */
  const nested = (levels: number, id = '0d000000-0000-4000-8000-00000000000d') => {
    const arrays = levels - 3; // statement, context, extensions, then the arrays
    return JSON.stringify({
      ...ACCOUNT_COMPLETED,
      id,
      context: { extensions: { 'http://x/e': 'DEEP' } },
    }).replace('"DEEP"', `${'['.repeat(arrays)}${']'.repeat(arrays)}`);
  };
  const good = JSON.stringify(ACCOUNT_COMPLETED);
  const TOO_DEEP = `statement nested more than ${MAX_STATEMENT_DEPTH} levels deep (objects and arrays within one another): not read`;

  it('draws the line at 64 levels: 64 load, 65 are quarantined', () => {
    expect(MAX_STATEMENT_DEPTH).toBe(64);
    expect(nestedDeeperThan(JSON.parse(nested(64)), 64)).toBe(false);
    expect(nestedDeeperThan(JSON.parse(nested(65)), 64)).toBe(true);
    const staged = parseStatements([nested(64), nested(65)].join('\n'));
    expect(staged.rowNumbers).toEqual([1]);
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason, r.detail])).toEqual([
      [2, 'MALFORMED_ROW', TOO_DEEP],
    ]);
  });

  // One nested 100 000 levels deep overflowed JSON.stringify: "Maximum call stack size exceeded" for the whole file.
  it('quarantines one 100 000 levels deep in NDJSON, kept as written, and loads the others', () => {
    const deep = nested(100_000);
    const staged = parseStatements([good, deep, good].join('\n'));
    expect(staged.rowNumbers).toEqual([1, 3]);
    expect(staged.rejected).toMatchObject([{ rowNumber: 2, reason: 'MALFORMED_ROW', detail: TOO_DEEP }]);
    // Kept as read, but for its "name" values, blanked as in any statement that is not read (withoutNamesInText).
    expect(staged.rejected[0]?.raw === withoutNamesInText(deep)).toBe(true);
  });

  it('does so in a JSON array, and in a StatementResult whatever key comes first', () => {
    const deep = nested(100_000);
    for (const text of [
      `[${good},${deep},${good}]`,
      `{"more": "", "statements": [${good}, ${deep}, ${good}]}`,
    ]) {
      const staged = parseStatements(text);
      expect(staged.rowNumbers).toEqual([1, 3]);
      expect(staged.rawRows).toEqual([good, good]);
      expect(staged.rejected).toMatchObject([{ rowNumber: 2, reason: 'MALFORMED_ROW', detail: TOO_DEEP }]);
      expect(staged.rejected[0]?.raw === withoutNamesInText(deep)).toBe(true);
    }
  });

  it('quarantines a file that is one such statement, rather than failing', () => {
    const deep = nested(100_000);
    const staged = parseStatements(deep);
    expect(staged.rows).toEqual([]);
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason, r.detail])).toEqual([
      [1, 'MALFORMED_ROW', TOO_DEEP],
    ]);
    expect(staged.rejected[0]?.raw === withoutNamesInText(deep)).toBe(true);
  });
});

describe('readStatements', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xapi-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file and names the source after it', async () => {
    const path = join(dir, 'lrs-export.ndjson');
    await writeFile(path, `${JSON.stringify(SPEC_SIMPLE_CBT)}\n${JSON.stringify(ACCOUNT_COMPLETED)}\n`);
    const staged = await readStatements(path, { jpMinutes: 45 });
    expect(staged.source).toBe('xapi:lrs-export.ndjson');
    expect(staged.rows).toHaveLength(2);
  });

  it('reads a file whose name starts with "[" as a file, not as the export text', async () => {
    // A relative path, as an operator types it: "[2025-12] export.json" in the working directory.
    const name = `[${process.pid}-2025-12] export.json`;
    await writeFile(name, JSON.stringify([ACCOUNT_COMPLETED]));
    try {
      const staged = await readStatements(name);
      expect(staged.source).toBe(`xapi:${name}`);
      expect(staged.rows).toHaveLength(1);
      expect(staged.rejected).toEqual([]);
    } finally {
      await rm(name, { force: true });
    }
  });

  it('takes the export text itself', async () => {
    const staged = await readStatements(JSON.stringify([ACCOUNT_COMPLETED]));
    expect(staged.rows).toHaveLength(1);
  });

  it('reads a file cut off mid-statement: the statements before load, the rest is one truncation row', async () => {
    const path = join(dir, 'cut-export.json');
    const text = JSON.stringify([SPEC_SIMPLE_CBT, ACCOUNT_COMPLETED, SPEC_SIMPLE_CBT]);
    const cut = text.slice(0, text.length - 100);
    await writeFile(path, cut);
    const staged = await readStatements(path);
    expect(staged.source).toBe('xapi:cut-export.json');
    expect(staged.rowNumbers).toEqual([1, 2]);
    expect(staged.rejected).toMatchObject([{ rowNumber: 3, reason: 'MALFORMED_ROW' }]);
    expect(staged.rejected[0]?.detail).toMatch(
      new RegExp(
        `^file is truncated: statement 3 \\(from byte \\d+\\) breaks off at the end of the file \\(byte ${cut.length}\\)`,
      ),
    );
  });

  it('lets a missing file fail as an infrastructure error', async () => {
    await expect(readStatements(join(dir, 'absent.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  // Read as one string, it failed as "ETL failed: Invalid string length", naming no file.
  // The path is quoted and absolute, as the ETL names every path (quotedPath), so the API masks it
  // below admin ('<path>'): it was written bare, as given, until a privacy review of 2026-12-07.
  it('refuses a file over MAX_XAPI_FILE_BYTES up front, naming it, the limit and the fix', async () => {
    const path = join(dir, 'huge-export.json');
    const handle = await open(path, 'w');
    try {
      await handle.truncate(MAX_XAPI_FILE_BYTES + 1); // sparse: no disk, and never read
    } finally {
      await handle.close();
    }
    await expect(readStatements(relative(process.cwd(), path))).rejects.toThrow(
      `xapi:huge-export.json: '${path}' is ${MAX_XAPI_FILE_BYTES + 1} bytes; an xAPI file may hold at most ` +
        `${MAX_XAPI_FILE_BYTES} bytes (512 MiB): split the export into smaller files and pass each with its own --xapi`,
    );
    expect(MAX_XAPI_FILE_BYTES).toBe(2 ** 29 - 24);
  });

  it('refuses a FIFO rather than waiting on it forever, and a directory, naming them', async () => {
    const fifo = join(dir, 'pipe.ndjson');
    execFileSync('mkfifo', [fifo]);
    await expect(readStatements(fifo)).rejects.toThrow(
      `xapi:pipe.ndjson: '${fifo}' is a FIFO: an xAPI file must be a regular file`,
    );
    const folder = join(dir, 'folder.json');
    await mkdir(folder);
    await expect(readStatements(folder)).rejects.toThrow(
      `xapi:folder.json: '${folder}' is a directory: an xAPI file must be a regular file`,
    );
  }, 5000);

  // A name written without quotes or in single quotes stayed in the raw text, and V8 quoted it in
  // the detail (`Unexpected token 'B', ..."name":Budiono Si"...`), until a privacy review of 2026-12-07.
  it('keeps no name written without quotes or in single quotes, in raw or detail, whatever the shape', async () => {
    const budiono =
      '{"id":"aaaaaaaa-6666-4666-8666-666666666666","actor":{"mbox":"mailto:x@y.z","name":Budiono Siregar},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"}}';
    const ratna = `{"id":"bbbbbbbb-7777-4777-8777-777777777777","actor":{"mbox":"mailto:x@y.z","name":'Ratna Sarumpaet'}}`;
    const nono = '{"actor":{"mbox":"mailto:n@y.z","name":Ñoño Siregar},"x":"ok"}';
    const long = `{"context":{"extensions":{"http://x/e":"${'y'.repeat(70_000)}"}},"actor":{"name":Ñoño Siregar}}`;
    const good = JSON.stringify(ACCOUNT_COMPLETED);
    const files = [
      `${budiono}\n${ratna}\n`, // the review's file
      `${good}\n${budiono}\n${ratna}\n${nono}\n${good}`,
      `[${budiono},\n${ratna}, ${nono}]`,
      `{"statements": [${budiono}, ${ratna}, ${nono}], "more": ""}`,
      `{"more": "", "statements": [${budiono}, ${ratna}, ${nono}]}`,
      `${good}\n${ratna}\n${nono.slice(0, -12)}`, // the last line cut off
      `[${good}, ${budiono.slice(0, -60)}`, // the array cut off
      `[${good} ${budiono}, ${ratna}]`, // the array stops being one: the rest is one item
      `[${good}] ${nono}`, // text after the array
      `{"statements": [${good}]} ${nono}`, // and after a StatementResult
      long, // one statement over 64 Ki characters: let go of while checked, then split again
      `${long}\n${ratna}`,
    ];
    const path = join(dir, 'names.ndjson');
    for (const content of files) {
      await writeFile(path, content);
      for (const staged of [
        parseStatements(content),
        await readStatements(path),
        await readStatements(path, { chunkBytes: 7 }),
      ]) {
        expect(staged.rejected.length).toBeGreaterThan(0);
        for (const { raw, detail, reason } of staged.rejected) {
          expect(reason).toBe('MALFORMED_ROW');
          expect(`${raw}\n${detail}`).not.toMatch(/Budiono|Siregar|Ratna|Sarumpaet|Ñoño/);
          // Where and why it is no JSON stay: a position in the statement, or a byte in the file.
          expect(detail).toMatch(/^(invalid JSON|file is truncated): .*\b(position|byte) \d+/);
        }
      }
    }
    await writeFile(path, files[0] as string);
    expect((await readStatements(path)).rejected.map((r) => [r.rowNumber, r.raw, r.detail])).toEqual([
      [
        1,
        budiono.replace('Budiono Siregar', ''),
        `invalid JSON: Unexpected token in JSON at position ${budiono.indexOf('Budiono')}`,
      ],
      [
        2,
        ratna.replace("'Ratna Sarumpaet'", "''"),
        `invalid JSON: Unexpected token ''' in JSON at position ${ratna.indexOf("'Ratna")}`,
      ],
    ]);
  });

  // Checked with stat and then read by name, the file could be swapped for a FIFO in between; the
  // handle read is the one checked now. A link the operator passes (--xapi lrs-latest.ndjson → the
  // day's export) is followed to its file, and a link to a FIFO is still refused.
  it('follows a symbolic link to a readable export, and refuses one to a FIFO', async () => {
    const target = join(dir, 'real-export.ndjson');
    await writeFile(target, `${JSON.stringify(ACCOUNT_COMPLETED)}\n`);
    const link = join(dir, 'linked-export.ndjson');
    await symlink(target, link);
    expect((await readStatements(link)).rows).toHaveLength(1);
    const fifo = join(dir, 'pipe-target.ndjson');
    execFileSync('mkfifo', [fifo]);
    const fifoLink = join(dir, 'linked-pipe.ndjson');
    await symlink(fifo, fifoLink);
    await expect(readStatements(fifoLink)).rejects.toThrow(
      `xapi:linked-pipe.ndjson: '${fifoLink}' is a FIFO: an xAPI file must be a regular file`,
    );
    expect((await readStatements(target)).rows).toHaveLength(1);
  });
});

describe('readStatements: a file is read piece by piece', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xapi-chunks-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** FileHandle's prototype, to watch how a file is read. */
  const fileHandle = async () => {
    const handle = await open(join(dir, '.probe'), 'w');
    await handle.close();
    return Object.getPrototypeOf(handle) as { read: () => unknown; readFile: () => unknown };
  };

  const lines = [SPEC_SIMPLE_CBT, ACCOUNT_COMPLETED, SPEC_LONG_EXAMPLE_ATTENDED].map((s) =>
    JSON.stringify(s),
  );

  // Read whole (`readFile`), a 447 MB export of 1M statements took about 9 times its size in memory
  // (a performance review of 2026-12-06): the text, every statement parsed, and the staged rows at once.
  it('reads the file chunkBytes at a time, never whole, and stages what its text parses to', async () => {
    const path = join(dir, 'export.ndjson');
    const text = `${lines.join('\n')}\n`;
    await writeFile(path, text);
    const proto = await fileHandle();
    const read = vi.spyOn(proto, 'read') as unknown as { mock: { calls: unknown[][] }; mockRestore(): void };
    const readFile = vi.spyOn(proto, 'readFile');
    try {
      const staged = await readStatements(path, { chunkBytes: 64, source: 'xapi:inline' });
      expect(staged).toEqual(parseStatements(text));
      expect(staged.rowNumbers).toEqual([1, 2]);
      expect(readFile).not.toHaveBeenCalled();
      // 64 bytes first; then at least as much as is held, so a long statement takes few reads.
      expect((read.mock.calls[0] as unknown[])[2]).toBe(64);
      expect(read.mock.calls.length).toBeGreaterThan(2);
    } finally {
      read.mockRestore();
      readFile.mockRestore();
    }
  });

  // Every shape the reader takes, cut at any byte: the same rows, rejects and details as the text at once.
  it('stages every shape as its whole text does, whatever the size of the pieces', async () => {
    const named = JSON.stringify({
      ...ACCOUNT_COMPLETED,
      actor: { ...ACCOUNT_COMPLETED.actor, name: 'Siti Ma’rufah 😀' },
    });
    const voiding = JSON.stringify({
      ...ACCOUNT_COMPLETED,
      id: '0d000000-0000-4000-8000-00000000000e',
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: ACCOUNT_COMPLETED.id },
    });
    const all = [...lines, named, voiding];
    /** Keys before `statements` whose values hold what would end or open one. */
    const otherKeys =
      '"more": "/xapi/statements?more=\\"2\\"", "x": {"statements": [1, "]}\\"statements\\": ["]},' +
      ' "n": [-1.5e+3, 0, true, false, null], "s": "\\"statements\\": [{\\\\", "\\u00e9": ["{", "["]';
    const long = JSON.stringify({
      ...ACCOUNT_COMPLETED,
      context: { extensions: { 'http://x/e': 'y'.repeat(70_000) } },
    });
    const pretty = JSON.stringify([SPEC_SIMPLE_CBT, ACCOUNT_COMPLETED], null, 2);
    const files: (string | Buffer)[] = [
      `\uFEFF\r\n${all.join('\r\n')}\r\n\u00a0\n`, // NDJSON, CRLF, BOM, trailing NBSP
      `${all.join('\n\n')}`,
      `${lines[0]}\n{"id": x}\n${named}\n${lines[1]!.slice(0, 50)}`, // a bad line, a cut last line
      ` [${all.join(',\n')}]\n`,
      pretty,
      pretty.slice(0, -40), // cut mid-statement
      `[${lines[0]} ${lines[1]}]`, // a missing comma
      `[${lines[0]}] trailing`,
      '[] trailing',
      `[${lines[0]}]\n[${lines[1]}]`,
      `{"statements": [${all.join(',')}], "more": "/xapi/statements?more=2"}`,
      `{\n  "statements" :\n [${all.join(', ')}]\n}`,
      `{"statements": [${lines[0]}, ${lines[1]}`, // a cut StatementResult
      `{"more": "", "statements": [${all.join(',')}]}`, // another key first
      `{${otherKeys}, "statements": [${all.join(',\n')}], "after": {"statements": "x"}}`,
      JSON.stringify(
        { more: '/xapi/statements?more=2', statements: [SPEC_SIMPLE_CBT, ACCOUNT_COMPLETED] },
        null,
        2,
      ),
      `{"statements": [${lines[0]}], "statements": [${lines[1]}]}`, // JSON.parse takes the last
      `{"statements": [${lines[0]}], "statements": 5}`,
      `{"more": "", "statements": [${lines[0]}], "x": [1, {"y": "]"}], "statements": [${lines[1]}]}`,
      `{"more": "", "statements": [${lines[0]}], "statements": 5}`,
      `{"statements": 5, "more": "", "statements": [${all.join(',')}]}`, // the last is an array
      `{${otherKeys.slice(0, 60)}`, // cut inside a skipped value
      `{"more": "", "statements": [${lines[0]}, ${lines[1]}`, // cut in the statements
      `{"more": 01, "statements": [${lines[0]}]}`, // no JSON before the statements
      `{"more": "", "statements": [${lines[0]}], "more": tru}`, // and after them
      `{"more": "", "statements": [${lines[0]}, {"id": x}, ${lines[1]}]}`,
      `{"more": "", "statements": [${lines[0]}]} trailing`,
      `{"statements": [${all.join(',')}], "more": ""} trailing`,
      `{"statements": [${lines[0]}]}\n{"statements": [${lines[1]}]}`,
      `{"statements": [${lines[0]}], "more": tru}`, // no JSON after the statements
      `{"statements": [${lines[0]}], "statements": [${lines[1]}]} trailing`,
      `{"more": "", "statements": [${lines[0]}], "statements": [${lines[1]}]} trailing`,
      `{"more": "", "statements": [${lines[0]}]}\n{"more": "", "statements": [${lines[1]}]}`,
      long, // one statement of over 64 Ki characters: let go of while checked, then read whole
      `${long}\n${lines[1]}`, // NDJSON whose first line is as long
      named, // one statement
      JSON.stringify(ACCOUNT_COMPLETED, null, 2),
      `{${lines[0]}\n`,
      '  \n ',
      Buffer.concat([
        Buffer.from(`${lines[0]}\n{"id": "`),
        Buffer.from([0xe2, 0x82, 0xff, 0xf0, 0x9f]),
        Buffer.from(`"}\n${named}`),
      ]),
    ];
    for (const [k, content] of files.entries()) {
      const path = join(dir, `shape-${k}.json`);
      await writeFile(path, content);
      const want = parseStatements(content.toString(), { source: 'xapi:shape' });
      for (const chunkBytes of [1, 2, 3, 7, 64]) {
        expect({
          k,
          chunkBytes,
          staged: await readStatements(path, { chunkBytes, source: 'xapi:shape' }),
        }).toEqual({
          k,
          chunkBytes,
          staged: want,
        });
      }
    }
  });

  it('takes the statements of the last "statements" key, as JSON.parse does, after reading the first', () => {
    for (const text of [
      `{"statements": [${lines[0]}], "statements": [${lines[1]}]}`,
      `{"more": "", "statements": [${lines[0]}], "x": {"statements": []}, "statements": [${lines[1]}]}`,
    ]) {
      const staged = parseStatements(text);
      expect(staged.rows.map((r) => r[0])).toEqual([ACCOUNT_COMPLETED.id]);
      expect(staged.rowNumbers).toEqual([1]);
    }
  });

  // Read whole until a review of 2026-12-06 (a 400 MB export took several GB): `more` may come first.
  it('reads a StatementResult with another key first as it comes, in one pass', async () => {
    const path = join(dir, 'more-first.json');
    const statements = Array.from({ length: 2000 }, (_, k) =>
      JSON.stringify({ ...ACCOUNT_COMPLETED, id: `0d000000-0000-4000-8000-${String(k).padStart(12, '0')}` }),
    );
    const text = `{"more": "/xapi/statements?more=${'m'.repeat(300_000)}", "statements": [${statements.join(',')}]}`;
    await writeFile(path, text);
    const proto = await fileHandle();
    const read = vi.spyOn(proto, 'read') as unknown as { mock: { calls: unknown[][] }; mockRestore(): void };
    try {
      const staged = await readStatements(path, { chunkBytes: 4096 });
      expect(staged.rowNumbers).toHaveLength(2000);
      expect(staged.rejected).toEqual([]);
      const calls = read.mock.calls as [unknown, number, number, number][];
      // Each read asks for as much as is held: read whole, that grew to the file's size.
      expect(text.length).toBeGreaterThan(1_000_000);
      expect(Math.max(...calls.map((call) => call[2]))).toBeLessThan(150_000);
      expect(calls.filter((call) => call[3] === 0)).toHaveLength(1); // read once
    } finally {
      read.mockRestore();
    }
  });
});
