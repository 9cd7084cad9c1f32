import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainValueConverter } from './plainValue.ts';

describe('plainValueConverter', () => {
  let instance: DuckDBInstance;
  const convert = async (sql: string) => {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql);
      return reader.convertRowObjects(plainValueConverter);
    } finally {
      connection.closeSync();
    }
  };

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
  });
  afterAll(() => instance.closeSync());

  it('maps integers, decimals, dates and timestamps to plain JS', async () => {
    const rows = await convert(`
      select 42::bigint as big, count(*) as n, sum(x)::hugeint as total,
             9007199254740993::bigint as unsafe,
             12.345::decimal(10,3) as price,
             date '2026-11-29' as day,
             timestamp '2026-11-29 10:15:00.123' as at,
             timestamptz '2026-11-29 10:15:00+07' as at_tz,
             'infinity'::date as forever,
             [date '2026-01-02'] as days,
             {'n': 3::bigint, 'd': 1.5::decimal(4,1)} as nested,
             null::integer as missing
      from (values (1), (2)) t(x)`);
    expect(rows).toEqual([
      {
        big: 42,
        n: 2,
        total: 3,
        unsafe: 9007199254740993n,
        price: 12.345,
        day: '2026-11-29',
        at: '2026-11-29T10:15:00.123Z',
        at_tz: '2026-11-29T03:15:00.000Z',
        forever: 'infinity',
        days: ['2026-01-02'],
        nested: { n: 3, d: 1.5 },
        missing: null,
      },
    ]);
  });
});
