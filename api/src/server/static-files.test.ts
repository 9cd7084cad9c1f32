import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

/** The built dashboard: files, the SPA fallback for page routes, and 404 for missing files. */
let t: TestServer;
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'asn-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Dashboard</title>');
  await writeFile(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  t = await startTestServer({ DASHBOARD_DIR: dist });
});
afterAll(async () => {
  await t?.close();
  await rm(dist, { recursive: true, force: true });
});

describe('dashboard files', () => {
  it('serves a real file, and index.html for a page route (no extension)', async () => {
    const js = await fetch(`${t.url}/assets/app-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const path of ['/', '/kohort', '/instansi/anything']) {
      const page = await fetch(`${t.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain('<title>Dashboard</title>');
    }
  });

  it.each(['/foo.js', '/assets/nope.css', '/assets/app-old.js', '/favicon.ico', '/robots.txt'])(
    '%s, a file that does not exist, is 404 (not index.html)',
    async (path) => {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('<title>Dashboard</title>');
      expect((await fetch(`${t.url}${path}`, { method: 'HEAD' })).status).toBe(404);
    },
  );
});

describe('probes', () => {
  it.each(['/healthz', '/readyz'])('%s answers GET and HEAD, never cached', async (path) => {
    const get = await fetch(`${t.url}${path}`);
    expect(get.status).toBe(200);
    expect(get.headers.get('cache-control')).toBe('no-store');
    expect(((await get.json()) as { status: string }).status).toMatch(/^(ok|ready)$/);
    const head = await fetch(`${t.url}${path}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('no-store');
    expect(await head.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE'])('%s on a probe is 405 with Allow: GET, HEAD', async (method) => {
    for (const path of ['/healthz', '/readyz']) {
      const res = await fetch(`${t.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });
});
