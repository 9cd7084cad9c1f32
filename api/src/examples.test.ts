import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from './testing/test-server.ts';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const names = (await readdir(EXAMPLES)).filter((f) => f.endsWith('.graphql')).sort();

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** Every researcher example runs against the fixture snapshot, as a planner, without errors. */
describe('api/examples', () => {
  it('has the research questions', () => {
    expect(names.length).toBeGreaterThanOrEqual(7);
  });
  it.each(names)('%s', async (name) => {
    const query = await readFile(`${EXAMPLES}${name}`, 'utf8');
    const variables = JSON.parse(await readFile(`${EXAMPLES}${name.replace(/\.graphql$/, '.json')}`, 'utf8'));
    const res = await gql(t.url, query, { variables, token: TOKENS.planner });
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as Record<string, unknown>;
    for (const [field, value] of Object.entries(data)) {
      expect(value, field).not.toBeNull();
      if (Array.isArray(value)) expect(value.length, field).toBeGreaterThan(0);
    }
  });
});
