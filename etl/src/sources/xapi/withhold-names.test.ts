import { describe, expect, it } from 'vitest';
import { parseStatements } from './read-statements.ts';
import { withoutAgentNames, withoutNamesInText } from './withhold-names.ts';

const statement = (id: string, verb: string) => ({
  id,
  timestamp: '2024-05-01T10:00:00+07:00',
  actor: { objectType: 'Agent', name: 'Orang Asing', mbox: 'mailto:orang.asing@example.com' },
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
  object: { id: 'https://lms.example.go.id/course/1', definition: { name: { 'id-ID': 'Kursus Satu' } } },
  context: { instructor: { name: 'Guru Pengajar', account: { homePage: 'https://lms', name: 'guru01' } } },
});

describe("xAPI statements keep no agent's display name, not even in the quarantine", () => {
  it('rejected and accepted statements alike: names gone, identifiers (mbox, account login) kept', () => {
    const staged = parseStatements(
      [
        JSON.stringify(statement('0a000000-0000-4000-8000-00000000000a', 'attended')),
        JSON.stringify(statement('0b000000-0000-4000-8000-00000000000b', 'completed')),
        '{"id":"0c000000-0000-4000-8000-00000000000c","actor":{"name":"Orang Asing","mbox":"mailto:x@example.com"},',
      ].join('\n'),
    );
    expect(staged.rejected.map((r) => r.reason)).toEqual(['XAPI_UNSUPPORTED_VERB', 'MALFORMED_ROW']);
    expect(staged.rawRows).toHaveLength(1);
    for (const raw of [...staged.rejected.map((r) => r.raw), ...staged.rawRows]) {
      expect(raw).not.toContain('Orang Asing');
      expect(raw).not.toContain('Guru Pengajar');
    }
    const kept = JSON.parse(staged.rawRows[0]!);
    expect(kept.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:orang.asing@example.com' });
    expect(kept.context.instructor.account).toEqual({ homePage: 'https://lms', name: 'guru01' });
    expect(kept.object.definition.name).toEqual({ 'id-ID': 'Kursus Satu' });
  });

  // `out[key] = …` set the copy's prototype for a "__proto__" key, and JSON.stringify dropped it.
  it('keeps a statement\'s own "__proto__" and "constructor" keys in its raw row, polluting nothing', () => {
    const text =
      '{"id":"6fa459ea-ee8a-3ca4-894e-db77e160355f","__proto__":{"polluted":1},' +
      '"constructor":{"prototype":{"polluted":2}},"actor":{"__proto__":{"polluted":3},"mbox":"mailto:a@example.com"},' +
      '"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"http://lms/act/1"},' +
      '"timestamp":"2025-01-02T03:04:05Z"}';
    for (const staged of [parseStatements(text), parseStatements(`[${text}]`)]) {
      const [raw] = [...staged.rawRows, ...staged.rejected.map((r) => r.raw)];
      expect(raw).toBe(text);
      const kept = JSON.parse(raw as string);
      expect(Object.hasOwn(kept, '__proto__')).toBe(true);
      expect(Object.hasOwn(kept.actor, '__proto__')).toBe(true);
    }
    const copy = withoutAgentNames(JSON.parse(text)) as object;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('withholds the name of an actor, instructor or team member that has no identifier', () => {
    const kept = withoutAgentNames({
      actor: { name: 'Orang Asing' },
      context: { instructor: { name: 'Guru Pengajar' }, team: { member: [{ name: 'Anggota Tim' }] } },
      object: { id: 'https://lms/1', definition: { name: { 'id-ID': 'Kursus Satu' } } },
    });
    expect(kept).toEqual({
      actor: {},
      context: { instructor: {}, team: { member: [{}] } },
      object: { id: 'https://lms/1', definition: { name: { 'id-ID': 'Kursus Satu' } } },
    });
  });

  // Only `"name":"…"` was blanked: a name written without quotes or in single quotes stayed in the
  // quarantine's raw text (a privacy review of 2026-12-07).
  it.each([
    [
      'without quotes',
      '{"actor":{"mbox":"mailto:x@y.z","name":Budiono Siregar},"verb":{}}',
      '{"actor":{"mbox":"mailto:x@y.z","name":},"verb":{}}',
    ],
    [
      'in single quotes',
      `{"actor":{"mbox":"mailto:x@y.z","name":'Ratna Sarumpaet'}}`,
      `{"actor":{"mbox":"mailto:x@y.z","name":''}}`,
    ],
    ['in Unicode, without quotes', '{"actor":{"name":Ñoño Siregar 😀}}', '{"actor":{"name":}}'],
    ['in Unicode, single quotes', `{"actor":{"name": 'Ñoño Siregar'}}`, `{"actor":{"name": ''}}`],
    [
      'with an apostrophe, single quotes',
      `{"actor":{"name":'Ma'ruf Amin',"mbox":"mailto:m@a.id"}}`,
      `{"actor":{"name":'',"mbox":"mailto:m@a.id"}}`,
    ],
    [
      'with unescaped double quotes',
      '{"actor":{"name":"Budi "Bud" Santoso","mbox":"mailto:b@s.id"}}',
      '{"actor":{"name":"","mbox":"mailto:b@s.id"}}',
    ],
    [
      'with a comma, without quotes',
      '{"actor":{"name":Siregar, Budiono},"verb":{}}',
      '{"actor":{"name":},"verb":{}}',
    ],
    [
      'before the next key, without quotes',
      '{"actor":{"name": Budiono Siregar , "mbox":"mailto:x@y.z"}}',
      '{"actor":{"name": , "mbox":"mailto:x@y.z"}}',
    ],
    [
      'at the end of a line, without quotes',
      '{"actor":{\n  "name": Budiono Siregar\n}}',
      '{"actor":{\n  "name": \n}}',
    ],
    ['cut off, without quotes', '{"actor":{"name":Budiono Sir', '{"actor":{"name":'],
    ['cut off, in single quotes', `{"actor":{"name":'Ratna Sar`, `{"actor":{"name":''`],
    ['under a single-quoted key', `{'actor':{'name':'Ratna Sarumpaet'}}`, `{'actor':{'name':''}}`],
    ['under a bare key', '{actor:{mbox: x, name: Budiono Siregar}}', '{actor:{mbox: x, name: }}'],
    [
      'under a key with escaped letters',
      '{"actor":{"n\\u0061me":"Budiono Siregar","mbox":"m"},"x":tru}',
      '{"actor":{"n\\u0061me":"","mbox":"m"},"x":tru}',
    ],
    [
      'under a key written all in escapes, upper-case hex, without quotes',
      '{"actor":{"\\u006E\\u0061\\u006D\\u0065": Budiono Siregar},"x":tru}',
      '{"actor":{"\\u006E\\u0061\\u006D\\u0065": },"x":tru}',
    ],
    [
      'under a single-quoted key with escaped letters',
      `{'actor':{'n\\u0061me':'Ratna Sarumpaet'}}`,
      `{'actor':{'n\\u0061me':''}}`,
    ],
    [
      'under a bare key with escaped letters',
      '{actor:{mbox: x, n\\u0061me: Budiono Siregar}}',
      '{actor:{mbox: x, n\\u0061me: }}',
    ],
    [
      'as an account login, without quotes',
      '{"account":{"homePage":"h","name":budi.siregar}}',
      '{"account":{"homePage":"h","name":}}',
    ],
  ])('blanks a name written %s, keeping the rest of the text as written', (_label, text, blanked) => {
    expect(withoutNamesInText(text)).toBe(blanked);
    for (const name of ['Budiono', 'Siregar', 'Ratna', 'Ñoño', "Ma'ruf", 'Bud', 'budi'])
      expect(withoutNamesInText(text)).not.toContain(name);
  });

  it('leaves what cannot be a name as written: objects, literals, numbers, other keys, text in a string', () => {
    for (const text of [
      '{"object":{"definition":{"name":{"id-ID":"Kursus Satu"}}},"x":tru}',
      '{"name": null, "b": {"name":true}, "c": {"name": -1.5e3}, "d": {"name":[1]}}',
      '{"username": Budi, "nickname": \'Budi\', "x": "display name: Budi"}',
      '{"nam\\u0065x": "Budi", "\\u006eame2": "Budi"}',
    ])
      expect(withoutNamesInText(text)).toBe(text);
  });

  it('blanks quoted names as before', () => {
    expect(withoutNamesInText('{"actor":{"name":"Orang \\"A\\" Asing","mbox":"m"},"x":tru}')).toBe(
      '{"actor":{"name":"","mbox":"m"},"x":tru}',
    );
    expect(withoutNamesInText('{"actor":{"name" : "Orang Asing')).toBe('{"actor":{"name" : ""');
  });
});
