import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * Where a request came from, on its `request` line and a mutation's audit line, as TRUST_PROXY
 * says (the test servers listen on 127.0.0.1: their peer is always the loopback).
 */
const servers: Record<'off' | 'loopback' | 'other', TestServer> = {} as never;
beforeAll(async () => {
  [servers.off, servers.loopback, servers.other] = await Promise.all([
    startTestServer(),
    startTestServer({ TRUST_PROXY: 'loopback' }),
    startTestServer({ TRUST_PROXY: '10.0.0.0/8, fd00::/8' }),
  ]);
});
afterAll(() => Promise.all(Object.values(servers).map((t) => t?.close())));

async function send(
  t: TestServer,
  requestId: string,
  headers: Record<string, string>,
  query = '{ snapshot { id } }',
) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers },
    body: JSON.stringify({ query }),
  });
  await res.text();
  const line = (msg: string) => t.logs.find((l) => l.msg === msg && l.fields.requestId === requestId)?.fields;
  return { request: line('request'), mutation: line('mutation') };
}

describe('client addresses in the logs', () => {
  it('TRUST_PROXY unset: the peer only, and a forged X-Forwarded-For appears nowhere', async () => {
    const { request } = await send(servers.off, 'addr-off-1', { 'x-forwarded-for': '198.51.100.66' });
    expect(request).toMatchObject({ remoteAddress: '127.0.0.1', status: 200 });
    expect(request).not.toHaveProperty('clientAddress');
    expect(JSON.stringify(servers.off.logs)).not.toContain('198.51.100.66');
    // Probes and other paths carry it too.
    await fetch(`${servers.off.url}/healthz`, { headers: { 'x-request-id': 'addr-off-2' } });
    const probe = servers.off.logs.find((l) => l.msg === 'request' && l.fields.requestId === 'addr-off-2');
    expect(probe?.fields).toMatchObject({ remoteAddress: '127.0.0.1', path: '/healthz' });
  });

  it('a trusted peer: the client from X-Forwarded-For, past the trusted hops', async () => {
    const { request } = await send(servers.loopback, 'addr-trust-1', {
      'x-forwarded-for': '203.0.113.5, 198.51.100.7, 127.0.0.1',
    });
    expect(request).toMatchObject({ remoteAddress: '127.0.0.1', clientAddress: '198.51.100.7' });
    // No header (a request from this machine itself): the peer, said as such.
    const direct = await send(servers.loopback, 'addr-trust-2', {});
    expect(direct.request).toMatchObject({ remoteAddress: '127.0.0.1', clientAddress: '127.0.0.1' });
    // Garbage: the peer.
    const garbage = await send(servers.loopback, 'addr-trust-3', { 'x-forwarded-for': 'unknown' });
    expect(garbage.request).toMatchObject({ remoteAddress: '127.0.0.1', clientAddress: '127.0.0.1' });
  });

  it('an untrusted peer: its header is not believed', async () => {
    const { request } = await send(servers.other, 'addr-other-1', { 'x-forwarded-for': '198.51.100.7' });
    expect(request).toMatchObject({ remoteAddress: '127.0.0.1', clientAddress: '127.0.0.1' });
  });

  it("a mutation's audit line says where it came from", async () => {
    const refresh = 'mutation Nightly { refreshWarehouse(full: true) { launchId } }';
    const behind = await send(
      servers.loopback,
      'addr-audit-1',
      { authorization: `Bearer ${TOKENS.admin}`, 'x-forwarded-for': '198.51.100.7' },
      refresh,
    );
    expect(behind.mutation).toMatchObject({
      remoteAddress: '127.0.0.1',
      clientAddress: '198.51.100.7',
      principal: 'admin',
      outcome: 'ok',
    });
    const direct = await send(
      servers.off,
      'addr-audit-2',
      { authorization: `Bearer ${TOKENS.analyst}`, 'x-forwarded-for': '198.51.100.7' },
      refresh,
    );
    expect(direct.mutation).toMatchObject({
      remoteAddress: '127.0.0.1',
      principal: 'analyst',
      outcome: 'FORBIDDEN',
    });
    expect(direct.mutation).not.toHaveProperty('clientAddress');
  });
});
