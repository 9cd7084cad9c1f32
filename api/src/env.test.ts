import { describe, expect, it } from 'vitest';
import { readApiEnv } from './env.ts';

describe('TRUST_PROXY', () => {
  it('is off by default (empty: X-Forwarded-For is never read)', () => {
    expect(readApiEnv({}).TRUST_PROXY).toBe('');
    expect(readApiEnv({ TRUST_PROXY: '' }).TRUST_PROXY).toBe('');
  });

  it('takes a comma list of addresses, CIDRs and keywords', () => {
    const value = 'loopback, 10.0.0.2, 10.20.0.0/16, fd00::/8';
    expect(readApiEnv({ TRUST_PROXY: value }).TRUST_PROXY).toBe(value);
  });

  it('stops the start naming each bad entry and the format', () => {
    expect(() => readApiEnv({ TRUST_PROXY: 'true' })).toThrow(
      'invalid api environment: TRUST_PROXY: "true" is no address, CIDR or keyword: write the proxies as a comma list of addresses, CIDRs or keywords (e.g. loopback, 10.0.0.2, 10.20.0.0/16, fd00::/8), not a flag',
    );
    expect(() => readApiEnv({ TRUST_PROXY: 'loopback, nginx, 10.0.0.0/40' })).toThrow(
      /TRUST_PROXY: "nginx" is no address, CIDR or keyword; "10\.0\.0\.0\/40" has no prefix length from 0 to 32: /,
    );
  });
});
