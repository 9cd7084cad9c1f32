import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ CACHE_MAX_ENTRIES: 0 });
});
afterAll(() => t?.close());

describe('publish during load', () => {
  it('moves to the new snapshot between requests and fails none', async () => {
    const q = '{ snapshot { id } participation(groupBy: [agency]) { rows { n } } agencies { name } }';
    const seen = new Set<string>();
    let failures = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const res = await gql<{ snapshot: { id: string } }>(t.url, q);
        if (res.status !== 200 || res.body.errors) failures += 1;
        else seen.add(res.body.data!.snapshot.id);
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    await new Promise((r) => setTimeout(r, 500));
    const next = await publishFixture(t.dir, 'published-mid-load');
    await new Promise((r) => setTimeout(r, 800));
    stop = true;
    await Promise.all(workers);
    expect(failures).toBe(0);
    expect(seen.has(next.id)).toBe(true);
    expect(seen.size).toBe(2);
  });
});
