import { describe, expect, it } from 'vitest';
import { parseStatements } from './read-statements.ts';

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
});
