import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ CORS_ORIGINS: 'https://dashboard.example' });
});
afterAll(() => t?.close());

describe('GraphQL over HTTP', () => {
  it('GET runs a query (with a preflight header, as CSRF prevention requires)', async () => {
    const url = `${t.url}/graphql?query=${encodeURIComponent('{ snapshot { id } }')}`;
    const res = await fetch(url, {
      headers: { 'apollo-require-preflight': 'true', accept: 'application/graphql-response+json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    expect(((await res.json()) as { data: { snapshot: { id: string } } }).data.snapshot.id).toBeTruthy();
  });

  it('CSRF prevention blocks a simple request (no preflight header, non-JSON content type)', async () => {
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ snapshot { id } }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(get.status).toBe(400);
    // Apollo's message says what to send (the README's GraphQL over HTTP section relies on it).
    const blocked = (await get.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(blocked.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(blocked.errors[0]?.message).toMatch(/apollo-require-preflight/);
    expect(blocked.errors[0]?.message).toMatch(/content-type/);
    const post = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ snapshot { id } }' }),
    });
    expect(post.status).toBe(400);
  });

  it('mutations are refused over GET (405)', async () => {
    const url = `${t.url}/graphql?query=${encodeURIComponent('mutation { refreshWarehouse { launchId } }')}`;
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(405);
  });

  it('validation errors are 400 with application/graphql-response+json', async () => {
    const res = await gql(t.url, '{ nope }');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('echoes x-request-id, or makes one', async () => {
    const mine = await gql(t.url, '{ snapshot { id } }', { headers: { 'x-request-id': 'abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('abc-123');
    const made = await gql(t.url, '{ snapshot { id } }');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the snapshot that answered in x-snapshot-id, on a computed answer and on a cache hit', async () => {
    const q = '{ snapshot { id } participation(grain: year) { rows { n } } }';
    const first = await gql<{ snapshot: { id: string } }>(t.url, q);
    const again = await gql(t.url, q);
    expect(again.headers.get('x-cache')).toBe('hit');
    const id = first.body.data?.snapshot.id;
    expect(id).toBeTruthy();
    expect(first.headers.get('x-snapshot-id')).toBe(id);
    expect(again.headers.get('x-snapshot-id')).toBe(id);
  });

  it('logs each request with its id, status, time and operation name', async () => {
    await gql(t.url, 'query SnapshotOnly { snapshot { id } }', { headers: { 'x-request-id': 'log-1' } });
    await gql(t.url, '{ snapshot { id } }', { headers: { 'x-request-id': 'log-2' } });
    const line = (id: string) => t.logs.find((l) => l.msg === 'request' && l.fields.requestId === id);
    expect(line('log-1')?.fields).toMatchObject({
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'SnapshotOnly',
    });
    expect(typeof line('log-1')?.fields.ms).toBe('number');
    expect(line('log-2')?.fields).not.toHaveProperty('operation');
  });

  it('CORS: allowed origin gets headers and a preflight answer; others get none', async () => {
    const pre = await fetch(`${t.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://dashboard.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    const other = await gql(t.url, '{ snapshot { id } }', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS preflights are answered on /graphql only: elsewhere OPTIONS gets the path’s 405 with Allow', async () => {
    const preflight = { origin: 'https://dashboard.example', 'access-control-request-method': 'GET' };
    const graphql = await fetch(`${t.url}/graphql`, { method: 'OPTIONS', headers: preflight });
    expect(graphql.status).toBe(204);
    expect(graphql.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(graphql.headers.get('allow')).toBe('GET, POST, OPTIONS');
    // README, "Logs and probes": probes answer GET and HEAD only, 405 with `Allow: GET, HEAD` otherwise.
    for (const path of ['/healthz', '/readyz', '/templates/index.json', '/perbandingan-kohort']) {
      for (const headers of [preflight, {}]) {
        const res = await fetch(`${t.url}${path}`, { method: 'OPTIONS', headers });
        expect(res.status, path).toBe(405);
        expect(res.headers.get('allow'), path).toBe('GET, HEAD');
        expect(res.headers.get('access-control-allow-methods'), path).toBeNull();
      }
    }
  });

  it.each(['DELETE', 'HEAD', 'PUT', 'PATCH'])(
    '%s /graphql is 405 with Allow: GET, POST, coded, before authentication and Apollo',
    async (method) => {
      const cases: Record<string, string>[] = [
        { accept: 'application/graphql-response+json' },
        { accept: 'application/json', authorization: 'Bearer not-a-token' },
      ];
      for (const headers of cases) {
        const res = await fetch(`${t.url}/graphql`, { method, headers });
        expect(res.status, method).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, POST');
        expect(res.headers.get('cache-control')).toBe('no-store');
        const text = await res.text();
        if (method === 'HEAD') expect(text).toBe('');
        else {
          const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
          expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
          expect(body.errors[0]?.message).toBe(
            `${method} is not supported: /graphql answers GET and POST only.`,
          );
        }
      }
      const line = t.logs.findLast((l) => l.msg === 'request' && l.fields.method === method);
      expect(line?.fields).toMatchObject({ path: '/graphql', status: 405, note: 'method-not-allowed' });
    },
  );

  it('serves health, readiness, the offline explorer and a clear page when DASHBOARD_DIR holds no dashboard', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    const explorer = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await explorer.text();
    expect(html).toContain('<textarea id="query"');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);
    const spa = await fetch(`${t.url}/perbandingan-kohort`);
    // The setting is what to fix (the page said "Run npm run build", which cannot help), and its
    // path is in the log at start, not on the public page.
    const page = await spa.text();
    expect(page).toMatch(/DASHBOARD_DIR/);
    expect(page).not.toMatch(/npm run build<\/code>,\s*then restart/);
    expect(page).not.toContain('no-dashboard');
    expect(t.logs.find((l) => l.msg.startsWith('DASHBOARD_DIR holds no index.html'))).toMatchObject({
      level: 'warn',
      fields: { dashboardDir: expect.stringContaining('no-dashboard') },
    });
  });
});

describe('snapshot-aware response cache', () => {
  it('serves a repeat from cache (no metric call, no warehouse query) and drops it on publish', async () => {
    const q = '{ snapshot { id } resistance(groupBy: [tenureBand]) { rows { keys { tenureBand } rate } } }';
    const first = await gql<{ snapshot: { id: string } }>(t.url, q);
    expect(first.headers.get('x-cache')).toBe('miss');
    const calls = t.calls.length;
    const second = await gql(t.url, q);
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(t.calls.length).toBe(calls);
    expect(t.operations.at(-1)?.queries).toBe(0);
    expect(second.text).toBe(first.text);
    // Another role is another cache entry.
    const { publishFixture } = await import('../testing/fixture-snapshot.ts');
    const next = await publishFixture(t.dir, 'second');
    const third = await gql<{ snapshot: { id: string } }>(t.url, q);
    expect(third.headers.get('x-cache')).toBe('miss');
    expect(third.body.data?.snapshot.id).toBe(next.id);
    expect(t.server.api.cache.size).toBe(1);
  });
});
