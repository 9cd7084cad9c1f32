import type { ApiContext } from '../context.ts';
import { OperationAbortedError } from '../limits/operation-timeout.ts';
import { type CodeCheck, checkCodes } from './known-codes.ts';
import type { MetricOptions } from './metric-port.ts';

/**
 * Calls a metric with the request's lease and options. Checks the operation's abort signal first,
 * so a timed-out operation calls no metric, and hands it to the metric, whose disclosure control
 * (run off the main thread when large) stops at it; the lease's Db stops at it too (no statement
 * starts after it, the running one is interrupted: `Db.withSignal`, bound by the operation's context). `codes` are the request's codes (filter
 * lists, selectors): an unknown one is BAD_USER_INPUT before the metric runs.
 */
export function runMetric<T>(
  ctx: ApiContext,
  call: (db: ApiContext['lease']['db'], options: MetricOptions) => Promise<T>,
  codes: readonly CodeCheck[] = [],
  /** The field and its arguments: the same key twice in one request runs once (`Loaders.once`). */
  key?: string,
): Promise<T> {
  const run = () => runChecked(ctx, call, codes);
  return key === undefined ? run() : ctx.loaders.once(key, run);
}

async function runChecked<T>(
  ctx: ApiContext,
  call: (db: ApiContext['lease']['db'], options: MetricOptions) => Promise<T>,
  codes: readonly CodeCheck[],
): Promise<T> {
  if (ctx.signal.aborted) throw new OperationAbortedError();
  if (codes.length) {
    await checkCodes(ctx, codes);
    if (ctx.signal.aborted) throw new OperationAbortedError();
  }
  return call(ctx.lease.db, { ...ctx.services.metricOptions, signal: ctx.signal });
}
