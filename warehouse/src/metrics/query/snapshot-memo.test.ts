import { describe, expect, it } from 'vitest';
import { type Db, QueryAbortedError } from '../../db/index.ts';
import { DisclosureAbortedError, DisclosureTooComplexError } from '../../disclosure/index.ts';
import type { MetricQuery } from '../filter.ts';
import { guardFilterComplements } from './filter-complements.ts';
import { rememberRefusals, SnapshotMemo } from './snapshot-memo.ts';

const snapshot = (path: string) => ({ mode: 'read-only', path }) as unknown as Db;
const build = (path: string) => ({ mode: 'read-write', path }) as unknown as Db;

/** A metric that refuses queries by agency (too complex), fails `flaky` ones once, answers the rest. */
function fakeMetric() {
  const calls: string[] = [];
  let flakyFailed = false;
  const metric = async (_db: Db, query: MetricQuery, options?: { minN?: number }) => {
    calls.push(JSON.stringify(query.groupBy ?? []));
    if (query.groupBy?.includes('agency')) throw new DisclosureTooComplexError(1);
    if (query.groupBy?.includes('program') && !flakyFailed) {
      flakyFailed = true;
      throw new Error('connection closed');
    }
    const total = {
      keys: {},
      period: null,
      isTotal: true,
      n: query.filter?.agencies ? 10 : 40,
      pctOfTotal: 100,
      suppressed: false,
      suppressionReason: null,
      previousPeriod: null,
      samePeriodLastYear: null,
    };
    return { minN: options?.minN ?? 5, rows: [total] };
  };
  return { metric, calls };
}

describe('rememberRefusals', () => {
  const byAgency: MetricQuery = { groupBy: ['agency'], grain: 'month' };

  it('refuses at once, with the same error, what it refused before on the same snapshot', async () => {
    const { metric, calls } = fakeMetric();
    const remembering = rememberRefusals(metric);
    const first = await remembering(snapshot('/s/1.duckdb'), byAgency, { minN: 5 }).catch((e: unknown) => e);
    const second = await remembering(snapshot('/s/1.duckdb'), byAgency, { minN: 5 }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DisclosureTooComplexError);
    expect(second).toBe(first);
    expect(calls).toHaveLength(1);
    // Another snapshot, other options or another query are other calls: asked again.
    await expect(remembering(snapshot('/s/2.duckdb'), byAgency, { minN: 5 })).rejects.toThrow(
      DisclosureTooComplexError,
    );
    await expect(remembering(snapshot('/s/1.duckdb'), byAgency, { minN: 3 })).rejects.toThrow(
      DisclosureTooComplexError,
    );
    await expect(
      remembering(snapshot('/s/1.duckdb'), { ...byAgency, grain: 'quarter' }, { minN: 5 }),
    ).rejects.toThrow(DisclosureTooComplexError);
    expect(calls).toHaveLength(4);
  });

  it('keeps neither answers, nor passing failures, nor anything of a writable database', async () => {
    const { metric, calls } = fakeMetric();
    const remembering = rememberRefusals(metric);
    await remembering(snapshot('/s/1.duckdb'), { groupBy: ['gradeGroup'] });
    await remembering(snapshot('/s/1.duckdb'), { groupBy: ['gradeGroup'] });
    expect(calls).toHaveLength(2);
    // A failure that may not recur is asked again (and then answers).
    await expect(remembering(snapshot('/s/1.duckdb'), { groupBy: ['program'] })).rejects.toThrow(
      'connection closed',
    );
    await expect(remembering(snapshot('/s/1.duckdb'), { groupBy: ['program'] })).resolves.toBeDefined();
    // A build changes under its readers: every call runs.
    await remembering(build('/b.duckdb'), byAgency).catch(() => undefined);
    await remembering(build('/b.duckdb'), byAgency).catch(() => undefined);
    expect(calls).toHaveLength(6);
  });

  it('keeps the most recently used refusals up to its capacity', async () => {
    const { metric, calls } = fakeMetric();
    const remembering = rememberRefusals(metric, 2);
    const ask = (path: string) => remembering(snapshot(path), byAgency).catch(() => undefined);
    await ask('/a');
    await ask('/b');
    await ask('/a'); // kept, and now the most recent
    await ask('/c'); // evicts /b
    expect(calls).toHaveLength(3);
    await ask('/a');
    await ask('/c');
    expect(calls).toHaveLength(3);
    await ask('/b');
    expect(calls).toHaveLength(4);
  });
});

describe('SnapshotMemo', () => {
  it('keeps lasting refusals, forgets passing failures', async () => {
    const memo = new SnapshotMemo(8);
    let runs = 0;
    const refuse = () => {
      runs += 1;
      return Promise.reject(new DisclosureTooComplexError(1));
    };
    await expect(memo.get(snapshot('/s'), 'k', refuse)).rejects.toThrow(DisclosureTooComplexError);
    await expect(memo.get(snapshot('/s'), 'k', refuse)).rejects.toThrow(DisclosureTooComplexError);
    expect(runs).toBe(1);
    const fail = () => {
      runs += 1;
      return Promise.reject(new Error('interrupted'));
    };
    await expect(memo.get(snapshot('/s'), 'f', fail)).rejects.toThrow('interrupted');
    await expect(memo.get(snapshot('/s'), 'f', fail)).rejects.toThrow('interrupted');
    expect(runs).toBe(3);
  });
});

// Every agency's slice needs the same wider table (the query by agency): once it is refused on a
// snapshot, the next agency's slice is refused without asking for it again.
describe('a wider table too large to protect, refused once per snapshot', () => {
  it('refuses the second agency without computing the table by agency again', async () => {
    const { metric, calls } = fakeMetric();
    const guarded = guardFilterComplements(metric);
    const db = snapshot('/s/1.duckdb');
    for (const agency of ['A', 'B']) {
      const error = await guarded(db, { filter: { agencies: [agency] } }, { minN: 5 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DisclosureTooComplexError);
      expect((error as Error).message).toContain(`agencies ${agency}`);
    }
    expect(calls.filter((c) => c.includes('agency'))).toHaveLength(1);
  });
});

describe('SnapshotMemo shared across callers', () => {
  // Aborted in disclosure control, or in its SQL (the aborted caller's Db interrupted its statement).
  it.each([
    ['DisclosureAbortedError', () => new DisclosureAbortedError()],
    ['QueryAbortedError', () => new QueryAbortedError()],
  ])(
    "a caller whose own signal is live runs the call again when another caller's run was aborted (%s)",
    async (_name, aborted) => {
      const memo = new SnapshotMemo(8);
      const db = snapshot('/s/1.duckdb');
      const first = new AbortController();
      let runs = 0;
      const run = (signal: AbortSignal) => async () => {
        runs += 1;
        await new Promise((r) => setTimeout(r, 10));
        if (signal.aborted) throw aborted();
        return runs;
      };
      const a = memo.get(db, ['q'], run(first.signal), first.signal);
      const second = new AbortController();
      const b = memo.get(db, ['q'], run(second.signal), second.signal);
      first.abort();
      await expect(a).rejects.toBeInstanceOf(aborted().constructor);
      // The second caller was not aborted: it gets an answer (its own run), not the first's abort.
      expect(await b).toBe(2);
      expect(runs).toBe(2);
      // Kept: a third caller shares that answer.
      expect(await memo.get(db, ['q'], run(new AbortController().signal))).toBe(2);
      expect(runs).toBe(2);
    },
  );
});
