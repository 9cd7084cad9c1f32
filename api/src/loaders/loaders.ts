import type { Db, MetricFilter } from '@asn/warehouse';
import type DataLoader from 'dataloader';
import type { MetricOptions, MetricPort, Row } from '../metrics/metric-port.ts';
import { agencyLoader, programLoader } from './catalog.loader.ts';
import { programMetricLoader } from './program-metric.loader.ts';
import { scorecardLoader } from './scorecard.loader.ts';

export type ProgramMetric = 'invitationFunnel' | 'completion' | 'reaction' | 'learning';

/**
 * The DataLoaders of one request. Created with the request's lease, so every batch reads the same
 * snapshot, and dropped with the request, so nothing is cached across snapshots or roles.
 */
export class Loaders {
  readonly scorecard;
  readonly agency;
  readonly program;
  private readonly programMetrics = new Map<string, DataLoader<string, Row | null>>();
  private readonly calls = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly metrics: MetricPort,
    private readonly options: MetricOptions,
  ) {
    this.scorecard = scorecardLoader(db, metrics, options);
    this.agency = agencyLoader(db);
    this.program = programLoader(db);
  }

  /**
   * One call per key in this request: fields asked twice with the same arguments (aliases) share
   * one computation, so a query that repeats an analysis fifty times costs one.
   */
  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let call = this.calls.get(key) as Promise<T> | undefined;
    if (!call) {
      call = load();
      this.calls.set(key, call);
    }
    return call;
  }

  /** One loader per metric and filter: programs sharing a filter share one batched call. */
  programMetric(metric: ProgramMetric, filter: MetricFilter): DataLoader<string, Row | null> {
    const key = `${metric}|${JSON.stringify(filter)}`;
    let loader = this.programMetrics.get(key);
    if (!loader) {
      loader = programMetricLoader(this.db, this.metrics[metric], filter, this.options);
      this.programMetrics.set(key, loader);
    }
    return loader;
  }
}
