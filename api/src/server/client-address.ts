import { BlockList, isIP } from 'node:net';

/**
 * Where a request came from, for the request and audit log lines. `remoteAddress` is the socket's
 * peer: the machine that opened the connection, which behind a reverse proxy is the proxy.
 * `clientAddress` is the machine the request came from as the trusted proxies report it
 * (X-Forwarded-For), derived only when TRUST_PROXY names them: the header is whatever a client
 * wrote, so read unasked it would let any caller put any address in a city's audit trail.
 */

/** Named address ranges TRUST_PROXY accepts (the names Express's `trust proxy` uses). */
const KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

const keyword = (entry: string) =>
  Object.hasOwn(KEYWORDS, entry.toLowerCase()) ? KEYWORDS[entry.toLowerCase()] : undefined;

const MAPPED_IPV4 = /^::ffff:/i;

/**
 * An address as the logs write it, or null when `address` is none: an IPv4 client of a dual-stack
 * socket (`::ffff:10.0.0.7`) is written as IPv4 (`10.0.0.7`), IPv6 in lower case.
 */
export function normalizeAddress(address: string | undefined): string | null {
  if (address === undefined) return null;
  if (MAPPED_IPV4.test(address)) {
    const v4 = address.slice(7);
    if (isIP(v4) === 4) return v4;
  }
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return address.toLowerCase();
  return null;
}

/** Why one TRUST_PROXY entry is not accepted, or null when it is. */
function entryProblem(entry: string): string | null {
  if (keyword(entry)) return null;
  const [address = '', prefix, ...rest] = entry.split('/');
  const normal = rest.length === 0 ? normalizeAddress(address) : null;
  if (normal === null) return `${JSON.stringify(entry.slice(0, 80))} is no address, CIDR or keyword`;
  if (prefix === undefined) return null;
  const max = isIP(address) === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max)
    return `${JSON.stringify(entry.slice(0, 80))} has no prefix length from 0 to ${max}`;
  return null;
}

const entries = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** What is wrong with a TRUST_PROXY value (empty when nothing is): one sentence per bad entry. */
export function trustProxyProblems(value: string): string[] {
  return entries(value).flatMap((entry) => {
    const problem = entryProblem(entry);
    return problem === null ? [] : [problem];
  });
}

/** The proxies a TRUST_PROXY value names, or null when it names none (empty: trust no one). */
export function trustedProxies(value: string): BlockList | null {
  const problems = trustProxyProblems(value);
  if (problems.length > 0) throw new Error(`invalid TRUST_PROXY: ${problems.join('; ')}`);
  const list = new BlockList();
  let any = false;
  for (const entry of entries(value).flatMap((e) => keyword(e) ?? [e])) {
    const [address = '', prefix] = entry.split('/');
    const normal = normalizeAddress(address)!;
    const type = isIP(normal) === 4 ? 'ipv4' : 'ipv6';
    // The prefix belongs to the address as written: `::ffff:10.0.0.0/104` stays an IPv6 subnet
    // (BlockList matches IPv4 peers against IPv4-mapped rules and the other way round).
    if (prefix === undefined) list.addAddress(normal, type);
    else list.addSubnet(address, Number(prefix), isIP(address) === 4 ? 'ipv4' : 'ipv6');
    any = true;
  }
  return any ? list : null;
}

const trusts = (list: BlockList, address: string) =>
  list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');

/**
 * The client's address: the socket's peer (normalised), unless the peer is a trusted proxy; then
 * X-Forwarded-For is read from the right (each proxy appends the address it was connected from),
 * skipping trusted proxies, and the first address not trusted is the client (every hop trusted:
 * the leftmost). An entry that is no address (garbage, a port, an empty item) ends the walk at the
 * peer: nothing the header says past it can be told from a forgery. `forwardedFor` is the header
 * as Node joins repeats of it (`a, b`).
 */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | undefined,
  trusted: BlockList | null,
): string | null {
  if (peer === null || trusted === null || forwardedFor === undefined || !trusts(trusted, peer)) return peer;
  const hops = forwardedFor.split(',');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!.trim());
    if (hop === null) return peer;
    client = hop;
    if (!trusts(trusted, hop)) break;
  }
  return client;
}

/**
 * The address fields of a request's log lines: `remoteAddress` always; `clientAddress` when
 * TRUST_PROXY is set (then the line says what was derived, even when it is the peer).
 */
export function addressFields(
  remote: string | undefined,
  /** `req.headers['x-forwarded-for']` (Node joins repeats into one string; typed as any header). */
  forwardedFor: string | readonly string[] | undefined,
  trusted: BlockList | null,
): { remoteAddress: string | null; clientAddress?: string | null } {
  const remoteAddress = normalizeAddress(remote);
  if (trusted === null) return { remoteAddress };
  const header = typeof forwardedFor === 'string' ? forwardedFor : forwardedFor?.join(',');
  return { remoteAddress, clientAddress: clientAddress(remoteAddress, header, trusted) };
}
