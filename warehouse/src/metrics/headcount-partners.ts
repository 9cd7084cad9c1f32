import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, PlainRow, SqlParams } from '../db/index.ts';
import type { MetricQuery } from './filter.ts';
import { keyAlias, type QueryPlan } from './query/plan-query.ts';

/**
 * Participation and JP compliance publish the same table: a year's headcount (marts.fct_headcount)
 * by the same person dimensions, n the same employees. Each splits it into nested cells (the
 * compliant are participants, and the employees below 20 JP include everyone who took part in
 * nothing), and each protects its own with complementary suppression. Chosen apart, the two
 * answers hid different cells of that one table, and a row one showed gave back a row the other hid:
 * a review of 2026-12-07 built, by agency, JP compliance hiding A and D and participation showing
 * D's headcount, which with the nesting pinned A's one non-participant.
 *
 * So each protects the other's counts too (`MeasureSpec.protect` over the SQL row, by
 * `withPartnerCounts`): participation the compliant, those below the threshold and those with any JP;
 * JP compliance the participants and those who took part in nothing. Disclosure control solves each
 * protected count on its own and hides the union (`finishRows`' `protectCounts`), so the two answers
 * hide the same cells of every year's table. A month or quarter series of participation protects
 * its year's counts as well: it hides at least what its year hides.
 *
 * The partner query: with a grain, the same filter and groupBy at grain year over the plan's whole
 * years; without one, the same query when it covers one year. Without a grain over several years
 * the two count different units (participation distinct employees, JP compliance employee-years),
 * so there is no common table and no partner (`undefined`).
 */
export function partnerQuery(query: MetricQuery, plan: QueryPlan): MetricQuery | undefined {
  const base = { ...query, compare: false, groupBy: query.groupBy ?? [] };
  if (plan.grain !== undefined) {
    const filter = { ...(query.filter ?? {}) };
    delete filter.from;
    delete filter.to;
    return {
      ...base,
      grain: 'year',
      filter: {
        ...filter,
        ...(plan.from === undefined ? {} : { from: `${plan.from.slice(0, 4)}-01-01` }),
        ...(plan.to === undefined ? {} : { to: `${plan.to.slice(0, 4)}-12-31` }),
      },
    };
  }
  if (plan.from === undefined || plan.to === undefined || plan.from.slice(0, 4) !== plan.to.slice(0, 4)) {
    return undefined;
  }
  return { ...base, grain: undefined };
}

/** A partner's SQL rows and the counts to protect from each. */
export interface PartnerCounts {
  readonly rows: readonly PlainRow[];
  counts(row: PlainRow): readonly number[];
}

/** The column of a SQL row holding its partner counts (read by the metric's `protect`). */
const PARTNER_COUNTS = 'partner_counts';

/**
 * `raw` (the metric's SQL rows for `plan`) with each row's partner counts attached: those of the
 * partner rows of the same group and year (the same year's row for a month or quarter), from each
 * source in turn; zeros where a source has no such row.
 */
export function withPartnerCounts(
  raw: readonly PlainRow[],
  plan: QueryPlan,
  sources: readonly PartnerCounts[],
): PlainRow[] {
  const keyOf = (r: PlainRow) =>
    JSON.stringify([
      plan.grain === undefined ? null : String(r.period).slice(0, 4),
      r.is_total === true,
      plan.groupBy.map((d) => {
        const v = r[keyAlias(d)];
        return v === null || v === undefined ? null : String(v);
      }),
    ]);
  const indexed = sources.map((s) => ({
    width: s.rows.reduce((w, r) => Math.max(w, s.counts(r).length), 0),
    byKey: new Map(s.rows.map((r) => [keyOf(r), s.counts(r)])),
  }));
  return raw.map((r) => {
    const key = keyOf(r);
    const counts = indexed.flatMap((s) => {
      const found = s.byKey.get(key);
      return Array.from({ length: s.width }, (_, i) => found?.[i] ?? 0);
    });
    return { ...r, [PARTNER_COUNTS]: counts };
  });
}

/** The partner counts `withPartnerCounts` attached to a SQL row (none: empty). */
export function partnerCountsOf(row: PlainRow): number[] {
  const counts = row[PARTNER_COUNTS];
  return Array.isArray(counts) ? counts.map(Number) : [];
}

/** The warehouse reads of one call that runs both metrics (`sharingReads`), per database, by SQL and parameters. */
const READS = new AsyncLocalStorage<WeakMap<Db, Map<string, Promise<unknown[]>>>>();
/** The databases `sharedReads` returned (not wrapped twice). */
const SHARING = new WeakSet<Db>();

/**
 * Runs `work` with the warehouse reads of participation and JP compliance shared: each reads the
 * other's rows of their common table, and as published (guarded-metrics.ts) each runs the other's
 * answer too, so within one call the same statements recur; inside `work` each runs once per
 * database (`sharedReads`). Scoped to the call: nothing is kept after it, so no answer outlives its
 * request (answers are the API's response cache's business). Inside another such call, that call's
 * reads.
 */
export function sharingReads<T>(work: () => Promise<T>): Promise<T> {
  return READS.getStore() === undefined ? READS.run(new WeakMap(), work) : work();
}

/**
 * `db`, whose `all` shares its results within the current `sharingReads` call (outside one: `db`
 * itself). A failed read is not kept.
 */
export function sharedReads(db: Db): Db {
  const store = READS.getStore();
  if (store === undefined || SHARING.has(db)) return db;
  let reads = store.get(db);
  if (reads === undefined) {
    reads = new Map();
    store.set(db, reads);
  }
  const shared = reads;
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'all') return Reflect.get(target, property, receiver);
      return <T extends object>(sql: string, params?: SqlParams): Promise<T[]> => {
        const key = JSON.stringify([sql, params ?? null], (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
        const hit = shared.get(key);
        if (hit !== undefined) return hit as Promise<T[]>;
        const read = target.all<T>(sql, params);
        shared.set(key, read);
        read.catch(() => {
          if (shared.get(key) === read) shared.delete(key);
        });
        return read;
      };
    },
  });
  SHARING.add(proxy);
  return proxy;
}
