import { describe, expect, it } from 'vitest';
import { PendingRecord, scanCsv } from './scan-csv.ts';

const fields = (text: string, delimiter = ',') =>
  scanCsv(text, delimiter, 1, true).records.map((r) => r.fields);

describe('scanCsv', () => {
  it('reads RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
    expect(fields('a,"b,c","say ""hi""","two\r\nlines"\r\nd,e,f,g\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['d', 'e', 'f', 'g'],
    ]);
  });

  it('numbers records by the physical line they start on, counting skipped blank lines', () => {
    const { records } = scanCsv('h1,h2\n\n1,"x\ny"\n2,z\n', ',', 1, true);
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['h1', 'h2']],
      [3, ['1', 'x\ny']],
      [5, ['2', 'z']],
    ]);
  });

  it('keeps a stray quote inside an unquoted field as text, the way Excel reads it', () => {
    expect(fields('5,x"y,z\n')).toEqual([['5', 'x"y', 'z']]);
  });

  it('marks text after a closing quote malformed, and the next rows still parse', () => {
    const { records } = scanCsv('1,a\n2,"ab"c\n3,"ok"\n4,d\n', ',', 1, true);
    expect(records.map((r) => [r.line, r.fields, r.error !== undefined])).toEqual([
      [1, ['1', 'a'], false],
      [2, ['2', 'abc'], true],
      [3, ['3', 'ok'], false],
      [4, ['4', 'd'], false],
    ]);
  });

  it('loses only the first line of a quote that is never closed', () => {
    const { records } = scanCsv('1,a\n2,"never closed\n3,b\n4,c\n', ',', 1, true);
    expect(records.map((r) => [r.line, r.fields, r.raw, r.error ?? null])).toEqual([
      [1, ['1', 'a'], '1,a', null],
      [2, [], '2,"never closed', 'a quoted field is never closed'],
      [3, ['3', 'b'], '3,b', null],
      [4, ['4', 'c'], '4,c', null],
    ]);
  });

  it('loses a record up to the end of the line its unclosed quote opened on, when that is not its first', () => {
    // Before, only line 2 was lost and line 3 was read afresh, its own quote then opening a field.
    const { records } = scanCsv('1,a\n2,"b\nc","never closed\n3,d\n', ',', 1, true);
    expect(records.map((r) => [r.line, r.fields, r.raw, r.error ?? null])).toEqual([
      [1, ['1', 'a'], '1,a', null],
      [2, [], '2,"b\nc","never closed', 'a quoted field is never closed'],
      [4, ['3', 'd'], '3,d', null],
    ]);
  });

  it('PendingRecord ends a record where scanCsv does, each character scanned once (a review of 2026-12-06)', () => {
    // Every text of up to 6 characters from the ones that matter, grown one character at a time.
    const alphabet = ['a', ',', '"', '\n', '\r'];
    const texts = [''];
    for (let n = 0; n < 6; n++) for (const t of texts.splice(0)) for (const c of alphabet) texts.push(t + c);
    for (const base of ['', 'x,"y']) {
      for (const text of texts.map((t) => base + t)) {
        const pending = new PendingRecord(44);
        let byPending = -1;
        let byScan = -1;
        for (let k = 1; k <= text.length; k++) {
          if (byPending < 0 && pending.ends(text.slice(0, k))) byPending = k;
          if (byScan < 0 && scanCsv(text.slice(0, k), ',', 1, false).consumed > 0) byScan = k;
        }
        expect([text, byPending]).toEqual([text, byScan]);
        expect(pending.scanned).toBeLessThanOrEqual(text.length);
      }
    }
  });

  it('gives the same records fed in chunks of any size as fed whole', () => {
    const text = 'id;name\r\n1;"a;b"\r\n2;"multi\r\nline ""q"""\r\n\r\n3;c';
    const whole = scanCsv(text, ';', 1, true).records;
    for (const size of [1, 2, 3, 5, 7]) {
      const got = [];
      let buffer = '';
      let line = 1;
      for (let i = 0; i < text.length; i += size) {
        buffer += text.slice(i, i + size);
        const r = scanCsv(buffer, ';', line, false);
        got.push(...r.records);
        buffer = buffer.slice(r.consumed);
        line = r.nextLine;
      }
      got.push(...scanCsv(buffer, ';', line, true).records);
      expect(got).toEqual(whole);
    }
  });
});
