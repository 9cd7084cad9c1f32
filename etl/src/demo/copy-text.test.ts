import { describe, expect, it } from 'vitest';
import { copyTextEncoder } from './copy-text.ts';

/** The COPY text the PostgreSQL path streams must mean exactly what the unnest path inserts. */
describe('copyTextEncoder', () => {
  const encode = copyTextEncoder('service_requests', [
    'id',
    'service_type',
    'handled_by',
    'kelurahan_code',
    'submitted_at',
    'completed_at',
  ]);

  it('writes tab-separated lines, \\N for null/undefined, and escapes backslash, tab and newlines', () => {
    expect(encode([[1, 'a\\b\tc\nd\re', null, undefined, 0, null]])).toBe(
      '1\ta\\\\b\\tc\\nd\\re\t\\N\t\\N\t1970-01-01 00:00:00+00\t\\N\n',
    );
  });

  it('writes epoch seconds as UTC literals, microseconds as to_timestamp rounds them', () => {
    const line = encode([[2, 'x', 3, 'k', 1_700_000_000, 1_700_000_000.25]]);
    expect(line).toBe('2\tx\t3\tk\t2023-11-14 22:13:20+00\t2023-11-14 22:13:20.250000+00\n');
    expect(encode([[2, 'x', 3, 'k', 86_399.9999996, -1]])).toBe(
      '2\tx\t3\tk\t1970-01-02 00:00:00+00\t1969-12-31 23:59:59+00\n',
    );
  });
});
