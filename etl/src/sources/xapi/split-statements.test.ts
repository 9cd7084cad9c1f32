import { describe, expect, it } from 'vitest';
import { ExportText, type Item, MORE, splitStatements } from './split-statements.ts';

const statement = (k: number) =>
  JSON.stringify({
    id: `0d000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
    actor: { account: { homePage: 'http://www.example.com', name: String(1000 + k) } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
    object: { id: 'http://example.adlnet.gov/xapi/example/simpleCBT' },
  });

/**
 * `content` (ASCII) split as read `chunk` characters at a time: the items, how it must be split
 * again, and the most text the splitter held while waiting for more.
 */
function split(content: string, chunk: number) {
  const text = new ExportText();
  const steps = splitStatements(text);
  const items: Item[] = [];
  let held = 0;
  let at = 0;
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return { items, again: step.value, held };
    if (step.value !== MORE) {
      items.push(step.value);
      continue;
    }
    held = Math.max(held, text.held);
    if (at < content.length) text.push(content.slice(at, at + chunk));
    else text.finish();
    at += chunk;
  }
}

describe('splitStatements: a StatementResult with other keys before its statements', () => {
  const CHUNK = 1 << 16;
  const statements = Array.from({ length: 3000 }, (_, k) => statement(k + 1));

  // Read whole until a review of 2026-12-06: a 400 MB export of this shape took several GB.
  it('is read as it comes: the other keys are checked, not held, and the statements given one by one', () => {
    const content =
      `{"more": "/xapi/statements?since=2024-01-01&more=${'ab\\"c[]{}'.repeat(200_000)}",\n` +
      ` "context": {"nested": [${'{"statements": "]\\"[", "n": -1.5e+3, "t": [true, false, null]}, '.repeat(20_000)}[]]},` +
      ` "deep": ${'['.repeat(300_000)}${']'.repeat(300_000)},\n` +
      ` "statements": [${statements.join(',\n')}], "after": {"x": "${'z'.repeat(500_000)}"}}`;
    expect(JSON.parse(content).statements).toHaveLength(3000);
    expect(content.length).toBeGreaterThan(4_000_000);
    const { items, again, held } = split(content, CHUNK);
    expect(again).toBe('done');
    expect(items.map((item) => item.index)).toEqual(statements.map((_, k) => k + 1));
    expect(
      items.map((item) => (item.unreadable === undefined ? JSON.stringify(item.value) : item.raw)),
    ).toEqual(statements);
    // A piece, what is not yet let go of (ExportText.release: 64 Ki characters) and a statement.
    expect(held).toBeLessThan(3 * CHUNK);
  });

  it('is read in one pass whatever the size of the pieces', () => {
    const content = `{"more": "", "x": {"statements": [1]}, "statements": [${statements.slice(0, 3).join(',')}]}`;
    for (const chunk of [1, 2, 3, 7, 64, content.length]) {
      const { items, again } = split(content, chunk);
      expect({ chunk, again, indices: items.map((item) => item.index) }).toEqual({
        chunk,
        again: 'done',
        indices: [1, 2, 3],
      });
    }
  });

  // JSON.parse decides what the text is; the check of the skipped values must agree with it exactly.
  it.each([
    ['0', true],
    ['-0', true],
    ['12.50e+3', true],
    ['1E-2', true],
    ['100000000000000000000000000', true],
    ['"\\u00e9\\/\\b\\f\\n\\r\\t\\"\\\\"', true],
    ['"\u2028 😀"', true],
    ['[]', true],
    ['{}', true],
    [' [ [ {"a" : [true,false,null]} ] ]\t', true],
    [`${'['.repeat(10_000)}${']'.repeat(10_000)}`, true],
    ['01', false],
    ['1.', false],
    ['.5', false],
    ['-', false],
    ['1e', false],
    ['1e+', false],
    ['+1', false],
    ['tru', false],
    ['nul', false],
    ['NaN', false],
    ['"\\x"', false],
    ['"\\u00g9"', false],
    ['"\\u004"', false],
    ['1e5e5', false],
    ['1.2.3', false],
    ['0.1.2', false],
    ['"a\tb"', false],
    ['[1,]', false],
    ['{"a":1,}', false],
    ['[}', false],
    ['{]', false],
    ['{1:2}', false],
    ['{"a" 1}', false],
    ['[1 2]', false],
    ['\u00a01', false],
    ['[\u000b1]', false],
    [`${'['.repeat(10_000)}${']'.repeat(9_999)}}`, false],
  ])('reads %j as another key holds it only if JSON.parse does (%s)', (value, json) => {
    const parses = (() => {
      try {
        JSON.parse(value);
        return true;
      } catch {
        return false;
      }
    })();
    expect(parses).toBe(json);
    for (const content of [
      `{"x": ${value}, "statements": [${statement(1)}]}`,
      `{"more": "", "statements": [${statement(1)}], "x": ${value}}`,
    ]) {
      const { items, again } = split(content, 3);
      if (json) expect([again, items]).toEqual(['done', [{ index: 1, value: JSON.parse(statement(1)) }]]);
      // No JSON: NDJSON, line by line, as the whole text read at once (wholeItems) gives it; once
      // statements are given, by a second split.
      else if (content.startsWith('{"x"'))
        expect(items).toEqual([
          { index: 1, raw: content, unreadable: expect.stringMatching(/^invalid JSON: /) },
        ]);
      else expect(again).toBe('ndjson');
    }
  });

  it('reads one character after the closing } as no JSON: split again as NDJSON', () => {
    for (const tail of ['x', ' x', '\nx'])
      for (const chunk of [1, 3, 1 << 16]) {
        const content = `{"more": "", "statements": [${statement(1)}]}${tail}`;
        const { items, again } = split(content, chunk);
        expect({ tail, chunk, again, items }).toEqual({
          tail,
          chunk,
          again: 'ndjson',
          items: [{ index: 1, value: JSON.parse(statement(1)) }],
        });
      }
  });
});
