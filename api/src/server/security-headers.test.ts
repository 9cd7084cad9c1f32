import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { jsonLogger, MAX_LOG_FIELD_CHARS } from './logger.ts';

/**
 * What a review of 2026-12-05 (revSec) found missing: security headers on every response, a
 * Content-Security-Policy the dashboard and the explorer run under, malformed paths and dotfiles,
 * clients that leave mid-body, and log lines as long as what a client sent.
 */
let t: TestServer;
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'asn-dist-sec-'));
  await mkdir(join(dist, 'assets'));
  await mkdir(join(dist, '.vite'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Dashboard</title>');
  await writeFile(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  await writeFile(join(dist, '.vite', 'manifest.json'), '{"src/main.tsx":{}}');
  t = await startTestServer({ DASHBOARD_DIR: dist });
});
afterAll(async () => {
  await t?.close();
  await rm(dist, { recursive: true, force: true });
});

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('security headers', () => {
  it('every response: nosniff, never framed, no referrer, a CSP (none for JSON and probes)', async () => {
    const responses = {
      graphql: (await gql(t.url, '{ snapshot { id } }')).headers,
      refusal: (await gql(t.url, '{ nope }')).headers,
      healthz: (await fetch(`${t.url}/healthz`)).headers,
      notFound: (await fetch(`${t.url}/missing.js`)).headers,
      page: (await fetch(`${t.url}/kohort`)).headers,
      asset: (await fetch(`${t.url}/assets/app-abc123.js`)).headers,
      explorer: (await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } })).headers,
    };
    for (const [name, h] of Object.entries(responses)) {
      expect(h.get('x-content-type-options'), name).toBe('nosniff');
      expect(h.get('x-frame-options'), name).toBe('DENY');
      expect(h.get('referrer-policy'), name).toBe('no-referrer');
      expect(h.get('content-security-policy'), name).toMatch(/frame-ancestors 'none'/);
    }
    for (const name of ['graphql', 'refusal', 'healthz'] as const)
      expect(responses[name].get('content-security-policy'), name).toMatch(/^default-src 'none'/);
    const dashboard = responses.page.get('content-security-policy') ?? '';
    expect(dashboard).toMatch(/script-src 'self'(;|$)/);
    expect(dashboard).toMatch(/style-src 'self'(;|$)/);
    expect(dashboard).toMatch(/connect-src 'self'/);
    expect(dashboard).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("the explorer's CSP allows exactly its own inline script and style, by hash; nothing else inline", async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(script.length).toBeGreaterThan(100);
    expect(csp).toContain(`script-src ${sha256(script)}`);
    expect(csp).toContain(`style-src ${sha256(style)}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
    // A style attribute or an inline handler would be blocked under this policy.
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });
});

describe('dashboard paths', () => {
  it.each(['/%', '/%E0%A4%A', '/assets/%zz.js'])(
    '%s, a malformed escape, is 400 and no server error',
    async (path) => {
      const before = t.logs.length;
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/malformed path/);
      expect(t.logs.slice(before).filter((l) => l.level === 'error')).toEqual([]);
    },
  );

  it('a dotfile in the build (vite manifest) is not served', async () => {
    for (const path of [
      '/.vite/manifest.json',
      '/.vite/',
      '/assets/../.vite/manifest.json',
      '/%2evite/manifest.json',
    ]) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('src/main.tsx');
    }
  });
});

describe('a client that leaves mid-body', () => {
  it('is logged as 499 client-aborted at info, not as a server failure', async () => {
    const before = t.logs.length;
    const { port } = new URL(t.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nx-request-id: sec-abort-1\r\nContent-Length: 100\r\n\r\n{"query":',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
      socket.on('error', reject);
    });
    const line = await waitFor(() =>
      t.logs.slice(before).find((l) => l.msg === 'request' && l.fields.requestId === 'sec-abort-1'),
    );
    expect(line.fields).toMatchObject({ status: 499, note: 'client-aborted' });
    expect(t.logs.slice(before).filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('log lines', () => {
  it('a field longer than MAX_LOG_FIELD_CHARS is cut, saying how long it was', () => {
    const lines: string[] = [];
    const logger = jsonLogger('info', (line) => lines.push(line));
    const error = `Unknown operation named "${'Z'.repeat(900_000)}".`;
    logger.log('info', 'request error', { error, code: 'X' });
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0] as string) as { error: string; code: string };
    expect(lines[0]?.length).toBeLessThan(MAX_LOG_FIELD_CHARS + 200);
    expect(parsed.error).toBe(`${error.slice(0, MAX_LOG_FIELD_CHARS)}… (${error.length} characters)`);
    expect(parsed.code).toBe('X');
  });
});

async function waitFor<T>(find: () => T | undefined, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('not logged in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
