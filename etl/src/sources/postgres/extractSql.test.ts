import { describe, expect, it } from 'vitest';
import { extractSql } from './extractSql.ts';

/** The WHERE clause of `extractSql`'s COPY for the given ids (the key reconcile's late rows). */
const byIds = (ids: readonly string[]) =>
  /where (.*)\) TO STDOUT/.exec(extractSql('programs', null, undefined, ids))?.[1];

describe('extractSql by ids', () => {
  it('takes any BIGINT id, negative ones and both ends of the range, as canonical digits', () => {
    // -8: a row still invalid at the source, read again by every incremental run ("invalid key").
    expect(byIds(['-8', '5'])).toBe(`id = any('{-8,5}'::bigint[])`);
    expect(byIds(['9223372036854775807', '-9223372036854775808', '1152921504606846981'])).toBe(
      `id = any('{9223372036854775807,-9223372036854775808,1152921504606846981}'::bigint[])`,
    );
    expect(byIds(['007', '-0'])).toBe(`id = any('{7,0}'::bigint[])`);
    expect(byIds([])).toBe('false');
  });

  it('refuses what is no BIGINT, so nothing but digits reaches the SQL', () => {
    for (const bad of [
      '9223372036854775808',
      '-9223372036854775809',
      '99999999999999999999',
      '1,2',
      '1}',
      "1'); drop table programs; --",
      '+1',
      ' 1',
      '1 ',
      '--1',
      '-',
      '',
      '1.0',
      '1e3',
      '0x10',
    ]) {
      expect(() => extractSql('programs', null, undefined, [bad]), bad).toThrow(
        `invalid key for programs: ${bad}`,
      );
    }
  });
});
