import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { EncodedFiles, negotiateEncoding } from './compression.ts';
import { encodedFiles } from './static-files.ts';

/** A raw request (fetch would add its own Accept-Encoding and decode the body). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const decode = (encoding: unknown, body: Buffer): Buffer =>
  encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;Q=0, GZIP', 'gzip'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['gzip;q=0.5, identity', 'identity'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['*, br;q=0', 'gzip'],
    ['br;q=abc, gzip', 'gzip'],
  ] as const)('%j → %s', (header, coding) => {
    expect(negotiateEncoding(header)).toBe(coding);
  });
});

describe('dashboard files, compressed', () => {
  let t: TestServer;
  let dist: string;
  /** ~20 KB of script: compressed at brotli's best effort at once. */
  const APP = Array.from(
    { length: 400 },
    (_, i) => `export function f${i}(x) { return x * ${i} + ${(i * 7919) % 1000}; }\n`,
  ).join('');
  /** ~80 KB: brotli's fast effort first, the best one later in the background. */
  const BIG = Array.from(
    { length: 1500 },
    (_, i) => `const v${i} = { id: ${i}, label: "item ${(i * 104729) % 99991}", on: ${i % 3 === 0} };\n`,
  ).join('');
  const INDEX = `<!doctype html><title>Dashboard</title><body>${'<p>Memuat dasbor…</p>\n'.repeat(80)}</body>`;
  /** Not compressible: an image (random-ish bytes), whatever Accept-Encoding says. */
  const PNG = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251));
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'asn-dist-gz-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'assets', 'app-abc.js'), APP);
    await writeFile(join(dist, 'assets', 'big-abc.js'), BIG);
    await writeFile(join(dist, 'assets', 'tiny-abc.js'), 'console.log(1)');
    await writeFile(join(dist, 'assets', 'logo-abc.png'), PNG);
    t = await startTestServer({ DASHBOARD_DIR: dist });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('without Accept-Encoding: the file’s exact bytes, its length, a strong ETag, Vary', async () => {
    const res = await raw(`${t.url}/assets/app-abc.js`);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(Buffer.from(APP))).toBe(true);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(APP)));
    expect(res.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0, br;q=0', undefined],
    ['identity', undefined],
  ])('Accept-Encoding %j → %s, decoding to the file', async (accept, coding) => {
    const res = await raw(`${t.url}/assets/app-abc.js`, { headers: { 'accept-encoding': accept } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(coding);
    expect(res.headers['content-length']).toBe(String(res.body.length));
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(decode(coding, res.body).toString()).toBe(APP);
    if (coding) {
      expect(res.body.length).toBeLessThan(Buffer.byteLength(APP) / 3);
      expect(res.headers.etag).toMatch(new RegExp(`^W/"[0-9a-f]+-[0-9a-f]+-${coding}"$`));
    } else expect(res.headers.etag).toMatch(/^"/);
  });

  it('index.html (and a page route) is compressed too, no-cache', async () => {
    for (const path of ['/', '/kohort']) {
      const res = await raw(`${t.url}${path}`, { headers: { 'accept-encoding': 'br' } });
      expect(res.headers['content-encoding'], path).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(decode('br', res.body).toString()).toBe(INDEX);
    }
  });

  it('HEAD has GET’s headers (coding, length, ETag) and no body', async () => {
    for (const accept of ['br', 'gzip', undefined]) {
      const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {};
      const get = await raw(`${t.url}/assets/app-abc.js`, { headers });
      const head = await raw(`${t.url}/assets/app-abc.js`, { method: 'HEAD', headers });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-encoding', 'content-length', 'etag', 'vary', 'content-type'])
        expect(head.headers[name], `${accept} ${name}`).toBe(get.headers[name]);
    }
  });

  it('304 when If-None-Match names the ETag of the coding chosen, 200 under another coding', async () => {
    const url = `${t.url}/assets/app-abc.js`;
    const br = await raw(url, { headers: { 'accept-encoding': 'br' } });
    const plain = await raw(url);
    const brTag = String(br.headers.etag);
    const plainTag = String(plain.headers.etag);
    expect(brTag).not.toBe(plainTag);
    const again = await raw(url, { headers: { 'accept-encoding': 'br', 'if-none-match': brTag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(brTag);
    expect(again.headers.vary).toMatch(/accept-encoding/i);
    const head = await raw(url, {
      method: 'HEAD',
      headers: { 'accept-encoding': 'br', 'if-none-match': brTag },
    });
    expect(head.status).toBe(304);
    // The br ETag does not validate the gzip body, nor the identity one (and back).
    const gz = await raw(url, { headers: { 'accept-encoding': 'gzip', 'if-none-match': brTag } });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect((await raw(url, { headers: { 'if-none-match': brTag } })).status).toBe(200);
    expect((await raw(url, { headers: { 'if-none-match': plainTag } })).status).toBe(304);
    expect((await raw(url, { headers: { 'accept-encoding': 'br', 'if-none-match': plainTag } })).status).toBe(
      200,
    );
    expect((await raw(url, { headers: { 'if-none-match': `"x", ${plainTag}` } })).status).toBe(304);
  });

  it('never compresses an image, nor a file under 1 KB', async () => {
    const png = await raw(`${t.url}/assets/logo-abc.png`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers.vary ?? '').not.toMatch(/accept-encoding/i);
    expect(png.body.equals(PNG)).toBe(true);
    const tiny = await raw(`${t.url}/assets/tiny-abc.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('console.log(1)');
  });

  it('a large file: brotli’s fast effort at once, its best effort later, the same content', async () => {
    const url = `${t.url}/assets/big-abc.js`;
    const first = await raw(url, { headers: { 'accept-encoding': 'br' } });
    expect(decode('br', first.body).toString()).toBe(BIG);
    await encodedFiles.settled();
    const later = await raw(url, { headers: { 'accept-encoding': 'br' } });
    expect(decode('br', later.body).toString()).toBe(BIG);
    expect(later.body.length).toBeLessThan(first.body.length);
    expect(later.headers.etag).toBe(first.headers.etag);
    // The ETag is weak (same content, other bytes): a client holding the first body revalidates.
    expect(String(first.headers.etag).startsWith('W/')).toBe(true);
    const revalidated = await raw(url, {
      headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.status).toBe(304);
  });

  it('a rebuilt file (new size or time) is compressed anew', async () => {
    const path = join(dist, 'assets', 'app-abc.js');
    const before = await raw(`${t.url}/assets/app-abc.js`, { headers: { 'accept-encoding': 'br' } });
    const changed = `${APP}// rebuilt\n`;
    await writeFile(path, changed);
    const after = await raw(`${t.url}/assets/app-abc.js`, { headers: { 'accept-encoding': 'br' } });
    expect(decode('br', after.body).toString()).toBe(changed);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    await writeFile(path, APP);
  });
});

describe('EncodedFiles bounds', () => {
  it('keeps at most maxEntries and maxBytes, the least recently used out first', async () => {
    const files = new EncodedFiles(2, Number.POSITIVE_INFINITY);
    const source = Buffer.from('abc '.repeat(2000));
    const v = (path: string) => ({ path, size: source.length, mtimeMs: 1 });
    let reads = 0;
    const read = async () => {
      reads += 1;
      return source;
    };
    await files.get(v('/a'), 'gzip', read);
    await files.get(v('/b'), 'gzip', read);
    await files.get(v('/a'), 'gzip', read); // a is now the most recent
    await files.get(v('/c'), 'gzip', read); // b goes
    expect(reads).toBe(3);
    expect(files.size).toBe(2);
    await files.get(v('/a'), 'gzip', read);
    expect(reads).toBe(3);
    await files.get(v('/b'), 'gzip', read);
    expect(reads).toBe(4);
    const small = new EncodedFiles(100, 1);
    await small.get(v('/a'), 'gzip', read);
    expect(small.size).toBe(0);
    expect(small.heldBytes).toBe(0);
  });
});

describe('GraphQL answers, compressed', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ CORS_ORIGINS: 'https://dashboard.example' });
  });
  afterAll(() => t?.close());

  /** An answer of several KB (every type's name and fields' names). */
  const BIG = '{ __schema { types { name fields { name } } } }';
  const SMALL = '{ snapshot { id } }';
  let cases = 0;
  const post = (query: string, headers: Record<string, string> = {}) =>
    raw(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tok-analyst', ...headers },
      body: JSON.stringify({ query }),
    });

  it('without Accept-Encoding: the JSON as before, no coding, no Vary', async () => {
    for (const query of [BIG, SMALL]) {
      const res = await post(query);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toBeUndefined();
      expect(res.headers['content-length']).toBe(String(res.body.length));
      expect(JSON.parse(res.body.toString()).errors).toBeUndefined();
    }
  });

  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['identity', undefined],
  ])('Accept-Encoding %j → %s on a miss and on a hit, decoding to the same bytes', async (accept, coding) => {
    // A query of its own per case: the first answer is computed (miss), the second cached (hit).
    const query = `{ c${cases++}: __typename __schema { types { name fields { name } } } }`;
    const miss = await post(query, { 'accept-encoding': accept });
    const hit = await post(query, { 'accept-encoding': accept });
    const plain = await post(query);
    expect(plain.headers['x-cache']).toBe('hit');
    const text = plain.body.toString();
    expect(text.length).toBeGreaterThan(2000);
    for (const [res, cache] of [
      [miss, 'miss'],
      [hit, 'hit'],
    ] as const) {
      expect(res.status).toBe(200);
      expect(res.headers['x-cache']).toBe(cache);
      expect(res.headers['content-encoding'], cache).toBe(coding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['content-length']).toBe(String(res.body.length));
      expect(decode(coding, res.body).toString()).toBe(text);
      if (coding) expect(res.body.length).toBeLessThan(text.length / 3);
    }
  });

  it('a small answer is not compressed (Vary still says it could be)', async () => {
    const res = await post(SMALL, { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(res.body.toString()).data.snapshot.id).toBeTruthy();
  });

  it('keeps the compressed text beside the cached answer: a hit sends it without compressing again', async () => {
    const query = '{ kept: __typename __schema { types { name fields { name } } } }';
    const miss = await post(query, { 'accept-encoding': 'br' });
    expect(miss.headers['x-cache']).toBe('miss');
    const text = brotliDecompressSync(miss.body).toString();
    const snapshotId = String(miss.headers['x-snapshot-id']);
    const stored = t.server.api.cache.encodedFor({ snapshotId, role: 'analyst', body: { query }, text });
    expect(stored?.get('br')?.equals(miss.body)).toBe(true);
    // What the hit sends is what is stored: a planted body comes back as is.
    const planted = brotliCompressSync(Buffer.from(`${text.slice(0, -1)} `));
    stored?.set('br', planted);
    const hit = await post(query, { 'accept-encoding': 'br' });
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.body.equals(planted)).toBe(true);
    // Without Accept-Encoding the hit is the cached text, untouched by the stored variants.
    expect((await post(query)).body.toString()).toBe(text);
    // The first gzip hit compresses once and keeps it.
    const gz = await post(query, { 'accept-encoding': 'gzip' });
    expect(gunzipSync(gz.body).toString()).toBe(text);
    expect(stored?.get('gzip')?.equals(gz.body)).toBe(true);
  });

  it('Vary keeps CORS’s origin beside accept-encoding', async () => {
    const res = await post(BIG, { 'accept-encoding': 'gzip', origin: 'https://dashboard.example' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(
      String(res.headers.vary)
        .toLowerCase()
        .split(/\s*,\s*/),
    ).toEqual(['origin', 'accept-encoding']);
  });
});
