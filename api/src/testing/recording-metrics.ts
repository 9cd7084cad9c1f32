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

/**
 * A MetricPort wrapper that makes `metric` wait `ms` before computing, so concurrent requests for it
 * overlap for sure (cache coalescing, warm-up tests).
 */
export function delayedMetric(metric: keyof MetricPort, ms: number): (m: MetricPort) => MetricPort {
  return (m) => {
    const inner = m[metric] as (...args: unknown[]) => Promise<unknown>;
    const slow = async (...args: unknown[]) => {
      await new Promise((r) => setTimeout(r, ms));
      return inner(...args);
    };
    return { ...m, [metric]: slow } as MetricPort;
  };
}
