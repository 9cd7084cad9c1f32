import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GqlResponse } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { authenticate } from './authenticate.ts';
import { sha256Hex, TokenStore } from './token-store.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** analyst and above; FORBIDDEN for public. */
const ETL_RUNS = JSON.stringify({ query: '{ etlRuns { total } }' });

/**
 * POSTs `ETL_RUNS` with raw Authorization header lines, as given: `fetch` merges repeated headers
 * into one, node:http sends an array value as one line per value.
 */
function post(
  authorization: string | string[] | undefined,
): Promise<{ status: number; body: GqlResponse['body']; wwwAuthenticate?: string }> {
  const url = new URL(`${t.url}/graphql`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text),
            ...(res.headers['www-authenticate'] ? { wwwAuthenticate: res.headers['www-authenticate'] } : {}),
          }),
        );
      },
    );
    // An array: one header line per value (setHeader takes one; the request options' type does not).
    if (authorization !== undefined) req.setHeader('authorization', authorization);
    req.on('error', reject);
    req.end(ETL_RUNS);
  });
}

const bearer = (token: string) => `Bearer ${token}`;

describe('Authorization headers over HTTP: one token or none, never a guess', () => {
  it('a valid token runs as its role; no header runs as public', async () => {
    const analyst = await post(bearer(TOKENS.analyst));
    expect(analyst.status).toBe(200);
    expect(analyst.body.errors).toBeUndefined();
    const anonymous = await post(undefined);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an admin token followed by a bogus one is 401 (it ran as admin)', async () => {
    const res = await post([bearer(TOKENS.admin), 'Bearer bogus']);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0]?.message).toMatch(/2 Authorization headers/);
    expect(res.wwwAuthenticate).toBe('Bearer');
    expect(res.body.data).toBeUndefined();
  });

  it('two valid tokens, either order, are 401 (the first one ran)', async () => {
    for (const pair of [
      [bearer(TOKENS.analyst), bearer(TOKENS.admin)],
      [bearer(TOKENS.admin), bearer(TOKENS.analyst)],
      [bearer(TOKENS.planner), bearer(TOKENS.planner)],
    ]) {
      const res = await post(pair);
      expect(res.status, pair.join(' + ')).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('an empty Authorization header is 401, not anonymous', async () => {
    const res = await post('');
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0]?.message).toMatch(/empty/);
    // An empty one beside a valid one too.
    expect((await post([bearer(TOKENS.admin), ''])).status).toBe(401);
  });
});

describe('authenticate', () => {
  const tokens = new TokenStore([{ name: 'a', role: 'admin', sha256: sha256Hex('tok-a') }]);

  it('takes the header as one string or as the request’s distinct values', () => {
    expect(authenticate('Bearer tok-a', tokens, true)).toEqual({ role: 'admin', name: 'a' });
    expect(authenticate(['Bearer tok-a'], tokens, true)).toEqual({ role: 'admin', name: 'a' });
    expect(authenticate(undefined, tokens, true)).toEqual({ role: 'public', name: null });
    expect(authenticate([], tokens, true, 'analyst')).toEqual({ role: 'analyst', name: null });
  });

  it('refuses several values, an empty or blank one, and an unknown token', () => {
    expect(() => authenticate(['Bearer tok-a', 'Bearer tok-a'], tokens, true)).toThrow(
      /2 Authorization headers/,
    );
    for (const blank of ['', '   ', ['']]) expect(() => authenticate(blank, tokens, true)).toThrow(/empty/);
    expect(() => authenticate('Bearer nope', tokens, true)).toThrow(/Unknown bearer token/);
    expect(() => authenticate(undefined, tokens, false)).toThrow(/required/);
  });
});
