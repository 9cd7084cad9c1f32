import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { serveDashboard } from './static-files.ts';

/** The built dashboard: files, the SPA fallback for page routes, and 404 for missing files. */
let t: TestServer;
let dist: string;
/** Outside dist: what a symlink in dist must not serve. */
let outside: string;
const SECRET = 'root:x:0:0:secret';
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'asn-dist-'));
  outside = await mkdtemp(join(tmpdir(), 'asn-outside-'));
  await mkdir(join(dist, 'assets'));
  await mkdir(join(dist, '.vite'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Dashboard</title>');
  await writeFile(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  await writeFile(join(dist, '.vite', 'manifest.json'), '{"src/main.tsx":{}}');
  await writeFile(join(outside, 'passwd.txt'), SECRET);
  await writeFile(join(outside, 'passwd'), SECRET);
  // Out of dist: a file, a file without extension (a page route's name), a directory.
  await symlink(join(outside, 'passwd.txt'), join(dist, 'leak.txt'));
  await symlink(join(outside, 'passwd'), join(dist, 'leak'));
  await symlink(outside, join(dist, 'linked'));
  // Inside dist: a file (served, as the path asked for), a dotfile (not).
  await symlink(join(dist, 'assets', 'app-abc123.js'), join(dist, 'latest.js'));
  await symlink(join(dist, '.vite', 'manifest.json'), join(dist, 'manifest.json'));
  t = await startTestServer({ DASHBOARD_DIR: dist });
});
afterAll(async () => {
  await t?.close();
  await rm(dist, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
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

describe('symlinks in dist', () => {
  it.each(['/leak.txt', '/linked/passwd.txt', '/manifest.json'])(
    '%s, a link to a file outside dist (or to a dotfile in it), is 404',
    async (path) => {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain(SECRET);
      expect((await fetch(`${t.url}${path}`, { method: 'HEAD' })).status).toBe(404);
    },
  );

  it.each(['/leak', '/linked/passwd'])(
    '%s, a link without an extension out of dist, gets the page (index.html), never the file',
    async (path) => {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('<title>Dashboard</title>');
      expect(body).not.toContain(SECRET);
    },
  );

  it('a link to a file inside dist is served as the path asked for (type, caching)', async () => {
    const res = await fetch(`${t.url}/latest.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    // Not under /assets/: its name is not hashed, so not cached as immutable.
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('a dist reached through a link (a release link) is served, and followed when the link moves', async () => {
    const releases = await mkdtemp(join(tmpdir(), 'asn-releases-'));
    const server = createServer((req, res) => {
      void serveDashboard(join(releases, 'current'), req, res);
    });
    try {
      for (const release of ['v1', 'v2']) {
        await mkdir(join(releases, release, 'assets'), { recursive: true });
        await writeFile(join(releases, release, 'index.html'), `<title>${release}</title>`);
        await writeFile(join(releases, release, 'assets', 'app.js'), `// ${release}`);
      }
      await symlink(join(releases, 'v1'), join(releases, 'current'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await (await fetch(`${url}/assets/app.js`)).text()).toBe('// v1');
      // Switched atomically, as a deployment does (the dist's real path changes).
      await symlink(join(releases, 'v2'), join(releases, 'next'));
      await rename(join(releases, 'next'), join(releases, 'current'));
      const js = await fetch(`${url}/assets/app.js`);
      expect(js.status).toBe(200);
      expect(await js.text()).toBe('// v2');
      expect(await (await fetch(`${url}/kohort`)).text()).toBe('<title>v2</title>');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(releases, { recursive: true, force: true });
    }
  });
});

describe('caching', () => {
  it('only files under dist/assets are immutable, even when dist itself sits under a folder named assets', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'asn-cache-'));
    const root = join(parent, 'assets', 'dist');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<title>page</title>');
    await writeFile(join(root, 'logo.svg'), '<svg/>');
    await writeFile(join(root, 'assets', 'app-abc.js'), '// app');
    const server = createServer((req, res) => {
      void serveDashboard(root, req, res);
    });
    try {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const path of ['/', '/kohort', '/logo.svg']) {
        const res = await fetch(`${url}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('cache-control'), path).toBe('no-cache');
      }
      const js = await fetch(`${url}/assets/app-abc.js`);
      expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(parent, { recursive: true, force: true });
    }
  });
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

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])(
    '%s on a probe is 405 with Allow: GET, HEAD',
    async (method) => {
      for (const path of ['/healthz', '/readyz']) {
        const res = await fetch(`${t.url}${path}`, { method });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD');
      }
    },
  );
});
