import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const get = (path: string, method = 'GET') => fetch(`${t.url}${path}`, { method });

describe('file-drop templates over HTTP', () => {
  it('lists none while the ETL has not written them, and a template is a 404 saying what to do', async () => {
    const index = await get('/templates/index.json');
    expect(index.status).toBe(200);
    expect(await index.json()).toEqual({ fingerprint: null, tables: [] });
    const res = await get('/templates/employees.csv');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/npm run etl/);
  });

  it('serves the index and each template as a download, with its type', async () => {
    const dir = join(t.dir, 'templates');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.json'), JSON.stringify({ fingerprint: 'x', tables: [] }));
    await writeFile(join(dir, 'service_requests.csv'), '\uFEFFid,service_type\r\n');
    await writeFile(join(dir, 'service_requests.xlsx'), Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    const index = await get('/templates/index.json');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('application/json');
    expect(await index.json()).toEqual({ fingerprint: 'x', tables: [] });

    const csv = await get('/templates/service_requests.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="service_requests.csv"');
    expect(new Uint8Array(await csv.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));

    const xlsx = await get('/templates/service_requests.xlsx', 'HEAD');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
  });

  it('serves nothing else under /templates/: no other names, no escapes, no dashboard fallback', async () => {
    for (const path of [
      '/templates/',
      '/templates/%2e%2e%2fCURRENT',
      '/templates/service_requests.exe',
      '/templates/Service_Requests.csv',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('application/json');
    }
    expect((await get('/templates/index.json', 'POST')).status).toBe(405);
  });
});
