import type { MetricPort } from '../metrics/metric-port.ts';

export interface MetricCall {
  readonly metric: string;
  readonly args: unknown;
  /** What else the call asked for, where the port takes it (resistance: `{ withReasons }`). */
  readonly what?: unknown;
}

/**
 * Wraps a MetricPort so a test sees every call (metric name and the query/spec it got): the
 * DataLoader tests assert batches from these, e.g. `expect(scorecardCalls).toEqual([[...codes]])`.
 */
export function recordingMetrics(inner: MetricPort): { metrics: MetricPort; calls: MetricCall[] } {
  const calls: MetricCall[] = [];
  const metrics = Object.fromEntries(
    Object.entries(inner).map(([metric, fn]) => [
      metric,
      (db: unknown, args: unknown, options: unknown, ...rest: unknown[]) => {
        calls.push({ metric, args, ...(rest.length > 0 ? { what: rest[0] } : {}) });
        return (fn as (...a: unknown[]) => unknown)(db, args, options, ...rest);
      },
    ]),
  ) as unknown as MetricPort;
  return { metrics, calls };
}
