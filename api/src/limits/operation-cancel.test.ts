import type { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// Room for the real participation query the test asks after the timeout: on a loaded CI machine a cold
// one can take over a second (limits.test.ts's resistance went over 1.5 s there beside the e2e run).
const TIMEOUT_MS = 2_500;
/** About 100–300 ms of DuckDB work each. */
const SLOW = 'select count(*) as n from range(40000000) t(i) where hash(i) % 7 = 3';
/** Statements each alias's metric runs before answering: 16 aliases × 10 is some 10 s over 4 connections. */
const STATEMENTS_PER_ALIAS = 10;

/** The operation's Db, as the metrics get it (its queryCount counts the statements it ran). */
const dbs = new Set<Db>();

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ OPERATION_TIMEOUT_MS: TIMEOUT_MS, MAX_COST: 100_000 }, (m) => ({
    ...m,
    // A metric whose SQL is slow: its statements go through the Db the API hands it, as every metric's.
    satisfaction: async (db, q, o) => {
      dbs.add(db);
      for (let i = 0; i < STATEMENTS_PER_ALIAS; i++) await db.all(SLOW);
      return m.satisfaction(db, q, o);
    },
  }));
});
afterAll(() => t?.close());

const statementsRun = () => [...dbs].reduce((sum, db) => sum + db.queryCount, 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 16 distinct satisfaction fields (every grain, every agency and none), so none is shared. */
function heavyQuery(): string {
  const parts: string[] = [];
  for (const grain of ['month', 'quarter', 'year', null])
    for (const agency of [...AGENCIES, null]) {
      const args = [grain ? `grain: ${grain}` : '', agency ? `filter: { agencies: ["${agency}"] }` : '']
        .filter(Boolean)
        .join(', ');
      parts.push(`a${parts.length}: satisfaction${args ? `(${args})` : ''} { rows { n } }`);
    }
  return `query Heavy { ${parts.join(' ')} }`;
}

describe('an operation past OPERATION_TIMEOUT_MS stops its warehouse work', () => {
  it('after the 504 no new statement starts, execution ends, and the next query is answered at once', async () => {
    const started = performance.now();
    const heavy = await gql(t.url, heavyQuery(), { headers: { 'x-request-id': 'heavy-operation' } });
    const answeredAt = performance.now();
    expect(heavy.status).toBe(504);
    expect(heavy.body.errors?.[0]?.extensions?.code).toBe('OPERATION_TIMEOUT');
    expect(answeredAt - started).toBeLessThan(TIMEOUT_MS + 1_500);

    // Another caller, right after: the connections are free (before, its statements queued behind
    // the timed-out operation's and it ran out of time too).
    const normal = await gql(t.url, '{ participation(grain: year) { rows { n rate } } }');
    expect(normal.status).toBe(200);
    expect(normal.body.errors).toBeUndefined();
    expect(performance.now() - answeredAt).toBeLessThan(TIMEOUT_MS);

    // The timed-out operation's execution ends soon (its lease is released then: onOperationDone).
    const done = () => t.operations.some((o) => o.requestId === 'heavy-operation');
    while (!done() && performance.now() - answeredAt < 5_000) await sleep(20);
    const ended = performance.now() - answeredAt;
    expect(ended).toBeLessThan(1_500);
    const counted = statementsRun();
    await sleep(1_500);
    expect(statementsRun()).toBe(counted);
    // Far fewer than the 160 it would have run to the end.
    expect(counted).toBeLessThan(16 * STATEMENTS_PER_ALIAS);

    // Its resolvers failed with the timeout's code, a client code: no "resolver failed" at error level.
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  }, 20_000);
});
