import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, type PlainRow } from '../../db/index.ts';
import { createMartTables } from '../../models/marts/contract.ts';
import type { MetricQuery } from '../filter.ts';
import { invitationFunnel } from '../invitation-funnel.metric.ts';
import { resistance } from '../resistance.metric.ts';
import { seed } from '../testing/mart-fixture.ts';
import { readWithCoarser } from './finish-rows.ts';
import { planQuery, type QueryPlan } from './plan-query.ts';

describe('readWithCoarser: a metric’s reads of several grains start together', () => {
  /** A `run` whose reads stay pending until `release`, recording the grain of each it started. */
  function pendingRuns() {
    const started: (string | undefined)[] = [];
    const waiting: (() => void)[] = [];
    const run = (plan: QueryPlan) => {
      started.push(plan.grain);
      return new Promise<readonly PlainRow[]>((resolve) => {
        waiting.push(() => resolve([{ grain: plan.grain ?? null, from: plan.from ?? null }]));
      });
    };
    const release = () => {
      for (const resolve of waiting) resolve();
    };
    return { started, run, release };
  }
  const filter = { from: '2024-01-01', to: '2024-06-30' };

  it('a month series: the month, quarter and year reads all start before any has answered', async () => {
    const { started, run, release } = pendingRuns();
    const query: MetricQuery = { filter, grain: 'month' };
    const answer = readWithCoarser(planQuery('invitationFunnel', query), query, run);
    await new Promise((resolve) => setImmediate(resolve));
    expect([...started].sort()).toEqual(['month', 'quarter', 'year']);
    release();
    const { raw, coarser } = await answer;
    expect(raw).toEqual([{ grain: 'month', from: '2024-01-01' }]);
    // The coarser reads cover the same whole years.
    expect(coarser).toEqual({
      quarter: [{ grain: 'quarter', from: '2024-01-01' }],
      year: [{ grain: 'year', from: '2024-01-01' }],
    });
  });

  it('a quarter series reads the year beside it; a year or no grain reads nothing coarser', async () => {
    for (const [grain, grains] of [
      ['quarter', ['quarter', 'year']],
      ['year', ['year']],
      [undefined, [undefined]],
    ] as const) {
      const { started, run, release } = pendingRuns();
      const query: MetricQuery = {
        filter: grain === 'quarter' ? filter : { from: '2024-01-01', to: '2024-12-31' },
        ...(grain ? { grain } : {}),
      };
      const answer = readWithCoarser(planQuery('invitationFunnel', query), query, run);
      await new Promise((resolve) => setImmediate(resolve));
      expect([...started].sort()).toEqual([...grains].sort());
      release();
      expect(Object.keys((await answer).coarser)).toEqual(grains.slice(1));
    }
  });

  it('a refused coarser plan refuses the answer', async () => {
    const { run, release } = pendingRuns();
    const query: MetricQuery = { filter, grain: 'month' };
    const plan = planQuery('invitationFunnel', query);
    // A query that plans at grain month but not at the coarser grains cannot happen through the
    // metrics; a throwing `run` stands in for any failure of one of the reads.
    const failing = (p: QueryPlan) =>
      p.grain === 'year' ? Promise.reject(new Error('year read failed')) : run(p);
    const answer = readWithCoarser(plan, query, failing);
    release();
    await expect(answer).rejects.toThrow('year read failed');
  });
});

describe('metrics with coarser reads answer the same on one connection and on several', () => {
  let dir: string;
  let one: Db;
  let several: Db;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-with-coarser-'));
    const file = join(dir, 'warehouse.duckdb');
    const writer = await Db.open(file, { mode: 'read-write', threads: 1 });
    await createMartTables((sql) => writer.exec(sql));
    const responses = ['accepted', 'accepted', 'declined', 'no_response'] as const;
    const rows = Array.from({ length: 240 }, (_, i) => {
      const month = String((i % 12) + 1).padStart(2, '0');
      const response = responses[i % responses.length]!;
      const status = response === 'accepted' ? (i % 3 === 0 ? 'completed' : 'dropped') : null;
      return {
        agency_code: `A${i % 3}`,
        employee_key: `e${i % 40}`,
        response,
        enrolled: status !== null,
        enrollment_status: status,
        decline_reason: response === 'declined' ? (i % 2 ? 'workload' : 'schedule') : null,
        invited_on: `2024-${month}-15`,
        year: 2024,
      };
    });
    await seed(writer, 'fct_invitations', rows);
    await writer.close();
    one = await Db.open(file, { mode: 'read-only' });
    several = await Db.open(file, { mode: 'read-only', connections: 3 });
  });
  afterAll(async () => {
    await one?.close();
    await several?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('invitationFunnel and resistance by month, with comparisons', async () => {
    const query: MetricQuery = {
      filter: { from: '2024-01-01', to: '2024-12-31' },
      grain: 'month',
      groupBy: ['agency'],
      compare: true,
    };
    const funnel = await invitationFunnel(one, query, { minN: 3 });
    expect(funnel.rows.length).toBeGreaterThan(12);
    expect(funnel.rows.some((r) => !r.suppressed && (r.invited ?? 0) > 0)).toBe(true);
    expect(await invitationFunnel(several, query, { minN: 3 })).toEqual(funnel);
    expect(await resistance(several, query, { minN: 3 })).toEqual(await resistance(one, query, { minN: 3 }));
  });
});
