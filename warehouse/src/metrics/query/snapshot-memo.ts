import { type Db, QueryAbortedError } from '../../db/index.ts';
import { DisclosureAbortedError, DisclosureTooComplexError } from '../../disclosure/index.ts';
import type { MetricQuery } from '../filter.ts';
import type { MetricOptions } from './metric-options.ts';

/**
 * Whether a failure is a property of the snapshot and the call, not of the moment: disclosure
 * control's work is counted, not timed (`WorkMeter`), so a call refused once on a published snapshot
 * is refused every time. Other failures (an interrupted query, a closed connection) may not recur.
 */
export const isLasting = (error: unknown): boolean => error instanceof DisclosureTooComplexError;

/** The run was stopped because its caller's operation was aborted (`DisclosureAbortedError`, `QueryAbortedError`). */
const isAborted = (error: unknown): boolean =>
  error instanceof DisclosureAbortedError || error instanceof QueryAbortedError;

/** The identity of a call on a read-only database (null: a writable one, never remembered). */
function callKey(db: Db, key: unknown): string | null {
  return db.mode === 'read-only' ? JSON.stringify([db.path, key]) : null;
}

/**
 * Answers kept across calls, for read-only databases only (a published snapshot never changes: a
 * new one is a new file), keyed by file path and the call's JSON; least recently used dropped
 * first. A writable database (a build, a test fixture) is never cached. A failed call is kept only
 * when its failure is lasting (`isLasting`): the next call is refused at once instead of spending
 * the same work again. Callers share one run: when another caller's run is aborted (its operation
 * timed out: `DisclosureAbortedError`, or `QueryAbortedError` from its Db's statements), a caller
 * whose own `signal` is not runs it again itself.
 */
export class SnapshotMemo {
  private readonly entries = new Map<string, Promise<unknown>>();
  constructor(private readonly capacity: number) {}

  get<T>(db: Db, key: unknown, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const id = callKey(db, key);
    if (id === null) return run();
    const hit = this.entries.get(id) as Promise<T> | undefined;
    if (hit) {
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.catch((error: unknown) => {
        if (isAborted(error) && !signal?.aborted) return this.get(db, key, run, signal);
        throw error;
      });
    }
    const p = run();
    this.entries.set(id, p);
    p.catch((error: unknown) => {
      if (!isLasting(error) && this.entries.get(id) === p) this.entries.delete(id);
    });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return p;
  }
}

/** Refusals a metric remembers per read-only snapshot (`rememberRefusals`). */
export const REFUSALS_KEPT = 256;

/**
 * A metric that refuses at once what it refused before on the same published snapshot. Disclosure
 * control of a fine table with many small cells (resistance's decline reasons by agency per month on
 * the demo) spends
 * its whole work budget, several seconds of a core, before it is refused (`DisclosureTooComplexError`);
 * the API's response cache keeps answers, not errors, so without this every dashboard view that
 * asks for such a table would spend that again. Only lasting failures are kept (`isLasting`), and
 * only the error, not an answer: answers are the response cache's business.
 */
export function rememberRefusals<R, O extends MetricOptions>(
  metric: (db: Db, query: MetricQuery, options?: O) => Promise<R>,
  capacity: number = REFUSALS_KEPT,
): (db: Db, query: MetricQuery, options?: O) => Promise<R> {
  const refusals = new Map<string, unknown>();
  return async (db, query, options) => {
    const id = callKey(db, [query, options ?? null]);
    if (id === null) return metric(db, query, options);
    if (refusals.has(id)) {
      const error = refusals.get(id);
      refusals.delete(id);
      refusals.set(id, error);
      throw error;
    }
    try {
      return await metric(db, query, options);
    } catch (error) {
      if (isLasting(error)) {
        refusals.set(id, error);
        while (refusals.size > capacity) refusals.delete(refusals.keys().next().value as string);
      }
      throw error;
    }
  };
}
