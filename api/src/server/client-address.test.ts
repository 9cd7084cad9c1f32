import { describe, expect, it } from 'vitest';
import {
  addressFields,
  clientAddress,
  normalizeAddress,
  trustedProxies,
  trustProxyProblems,
} from './client-address.ts';

const trust = (value: string) => trustedProxies(value);

describe('normalizeAddress', () => {
  it('writes an IPv4-mapped IPv6 peer as IPv4, IPv6 in lower case, and refuses what is no address', () => {
    expect(normalizeAddress('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('10.0.0.7')).toBe('10.0.0.7');
    expect(normalizeAddress('FD00::1')).toBe('fd00::1');
    expect(normalizeAddress('::ffff:a00:7')).toBe('::ffff:a00:7');
    expect(normalizeAddress(undefined)).toBeNull();
    for (const bad of ['', 'unknown', '10.0.0.7:5000', '[::1]:80', '::ffff:999.0.0.1', '10.0.0.256'])
      expect(normalizeAddress(bad), bad).toBeNull();
  });
});

describe('TRUST_PROXY values', () => {
  it('accepts addresses, CIDRs (IPv4, IPv6, mapped) and keywords; empty trusts no one', () => {
    expect(
      trustProxyProblems(
        'loopback, LinkLocal,uniquelocal, 10.0.0.2, 10.20.0.0/16, fd00::/8, ::1, ::ffff:10.0.0.9',
      ),
    ).toEqual([]);
    expect(trustedProxies('')).toBeNull();
    expect(trustedProxies(' , ')).toBeNull();
  });

  it('names each bad entry: flags, host names, bad prefixes, ports', () => {
    expect(trustProxyProblems('true')).toEqual(['"true" is no address, CIDR or keyword']);
    expect(
      trustProxyProblems('nginx.local, 10.0.0.0/33, fd00::/129, 10.0.0.1:80, 10.0.0.0/8/8, 10.0.0.0/x'),
    ).toEqual([
      '"nginx.local" is no address, CIDR or keyword',
      '"10.0.0.0/33" has no prefix length from 0 to 32',
      '"fd00::/129" has no prefix length from 0 to 128',
      '"10.0.0.1:80" is no address, CIDR or keyword',
      '"10.0.0.0/8/8" is no address, CIDR or keyword',
      '"10.0.0.0/x" has no prefix length from 0 to 32',
    ]);
    // Not a keyword: an inherited property name.
    expect(trustProxyProblems('constructor')).toEqual(['"constructor" is no address, CIDR or keyword']);
    expect(() => trustedProxies('loopback, proxy')).toThrow(
      'invalid TRUST_PROXY: "proxy" is no address, CIDR or keyword',
    );
  });
});

describe('clientAddress', () => {
  it('never reads X-Forwarded-For when TRUST_PROXY is unset: a spoofed header is not the client', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', null)).toBe('203.0.113.9');
    expect(addressFields('::ffff:203.0.113.9', '198.51.100.1', null)).toEqual({
      remoteAddress: '203.0.113.9',
    });
  });

  it('an untrusted peer is the client, whatever its header says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', trust('loopback'))).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '127.0.0.1', trust('loopback, 10.0.0.0/8'))).toBe('203.0.113.9');
  });

  it('a trusted peer: X-Forwarded-For from the right, past the trusted hops, to the first untrusted', () => {
    const list = trust('loopback, 10.0.0.2');
    // nginx on this machine appended the client it saw.
    expect(clientAddress('127.0.0.1', '198.51.100.7', list)).toBe('198.51.100.7');
    // client, proxy1 (trusted): the client.
    expect(clientAddress('127.0.0.1', '198.51.100.7, 10.0.0.2', list)).toBe('198.51.100.7');
    // A client that wrote its own header before the proxies: the forged part is left of the real client.
    expect(clientAddress('127.0.0.1', '1.2.3.4, 198.51.100.7, 10.0.0.2', list)).toBe('198.51.100.7');
    // Repeated headers, as Node joins them.
    expect(clientAddress('127.0.0.1', '198.51.100.7,10.0.0.2', list)).toBe('198.51.100.7');
  });

  it('every hop trusted: the leftmost', () => {
    expect(clientAddress('127.0.0.1', '10.0.0.5, 10.0.0.2', trust('loopback, 10.0.0.0/8'))).toBe('10.0.0.5');
  });

  it('no header from a trusted peer: the peer', () => {
    expect(clientAddress('127.0.0.1', undefined, trust('loopback'))).toBe('127.0.0.1');
  });

  it('garbage reached in the header: the peer', () => {
    const list = trust('loopback');
    for (const header of [
      '',
      'unknown',
      '198.51.100.7:5123',
      '198.51.100.7, ',
      ' , 127.0.0.2',
      'x'.repeat(5000),
    ])
      expect(clientAddress('127.0.0.1', header, list), header).toBe('127.0.0.1');
    // Garbage left of the first untrusted address is never reached.
    expect(clientAddress('127.0.0.1', 'garbage, 198.51.100.7', list)).toBe('198.51.100.7');
  });

  it('IPv6 proxies and clients, and IPv4 peers of a dual-stack socket', () => {
    const list = trust('::1, fd00::/8');
    expect(clientAddress('::1', '2001:db8::5, fd00::2', list)).toBe('2001:db8::5');
    expect(clientAddress('::1', '2001:DB8::5', list)).toBe('2001:db8::5');
    expect(clientAddress('fe80::1', '2001:db8::5', list)).toBe('fe80::1');
    // nginx connects over IPv4 to a server listening on ::, its peer is ::ffff:127.0.0.1.
    expect(addressFields('::ffff:127.0.0.1', '::ffff:198.51.100.7', trust('loopback'))).toEqual({
      remoteAddress: '127.0.0.1',
      clientAddress: '198.51.100.7',
    });
    // A mapped CIDR in the list matches plain IPv4 peers.
    expect(clientAddress('10.1.2.3', '198.51.100.7', trust('::ffff:10.0.0.0/104'))).toBe('198.51.100.7');
  });

  it('logs clientAddress whenever TRUST_PROXY is set, also when it is the peer', () => {
    expect(addressFields('203.0.113.9', '198.51.100.1', trust('loopback'))).toEqual({
      remoteAddress: '203.0.113.9',
      clientAddress: '203.0.113.9',
    });
    expect(addressFields(undefined, '198.51.100.1', trust('loopback'))).toEqual({
      remoteAddress: null,
      clientAddress: null,
    });
  });
});
