import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const post = async (query: string, token: string, requestId: string) => {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': requestId,
    },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
};
const audit = (requestId: string) =>
  t.logs.filter((l) => l.msg === 'mutation' && l.fields.requestId === requestId).map((l) => l.fields);

describe('audit lines for mutations', () => {
  it('names the token (never the token or its hash), the operation and the mutation, with the outcome', async () => {
    await post('mutation Nightly { refreshWarehouse(full: true) { launchId } }', TOKENS.admin, 'req-audit-1');
    expect(audit('req-audit-1')).toEqual([
      {
        requestId: 'req-audit-1',
        // The machine that asked (TRUST_PROXY unset: the socket's peer, no clientAddress).
        remoteAddress: '127.0.0.1',
        principal: 'admin',
        role: 'admin',
        operation: 'Nightly',
        fields: ['refreshWarehouse'],
        outcome: 'ok',
      },
    ]);
    const text = JSON.stringify(t.logs);
    expect(text).not.toContain(TOKENS.admin);
  });

  it('logs a refused mutation with the codes, and the caller it refused', async () => {
    const snapshot = (await gql<{ snapshot: { id: string } }>(t.url, '{ snapshot { id } }')).body.data!
      .snapshot.id;
    const res = await post(
      `mutation { rollbackWarehouse(snapshotId: "${snapshot}") { id } }`,
      TOKENS.analyst,
      'req-audit-2',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(audit('req-audit-2')).toEqual([
      {
        requestId: 'req-audit-2',
        // The machine that asked (TRUST_PROXY unset: the socket's peer, no clientAddress).
        remoteAddress: '127.0.0.1',
        principal: 'analyst',
        role: 'analyst',
        operation: null,
        fields: ['rollbackWarehouse'],
        outcome: 'FORBIDDEN',
      },
    ]);
  });

  it('writes no audit line for a query', async () => {
    await post('{ snapshot { id } }', TOKENS.admin, 'req-audit-3');
    expect(audit('req-audit-3')).toEqual([]);
  });
});
