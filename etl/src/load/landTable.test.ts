import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landedText } from './landTable.ts';

describe('landedText', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
  });
  afterAll(() => db.close());

  it("is NULLIF(trim(x), '') for every kind of value", async () => {
    const values = [
      null,
      '',
      ' ',
      '   ',
      'a',
      ' a',
      'a ',
      '  a b  ',
      '\ta\t',
      'a\n',
      '2024-01-01 00:00:00+00 ',
      ' 12',
    ];
    await db.exec('CREATE TABLE v (x VARCHAR)');
    await db.appendRows(
      'v',
      ['x'],
      values.map((x) => [x]),
    );
    const rows = await db.all<{ same: boolean }>(
      `SELECT (${landedText('x')}) IS NOT DISTINCT FROM NULLIF(trim(x), '') AS same FROM v`,
    );
    expect(rows).toHaveLength(values.length);
    expect(rows.every((r) => r.same)).toBe(true);
  });
});
