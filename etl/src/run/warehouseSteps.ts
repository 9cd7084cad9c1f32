import { buildMarts, buildMetricAggregates, type Db, runDataTests } from '@asn/warehouse';

/** The part of a data test result the ETL needs. */
export interface DataTestOutcome {
  readonly name: string;
  readonly severity: 'error' | 'warn';
  readonly status: 'pass' | 'fail';
  readonly failingRows: number;
}

/** The warehouse build steps after stg: marts (with the metric pre-aggregates), then data tests. */
export interface WarehouseSteps {
  /**
   * `incremental`: the build started from a copy of the live snapshot, so marts whose inputs did not
   * change are kept and the service-request facts are updated by key (same result as a full build).
   */
  buildMarts(db: Db, options?: { readonly incremental: boolean }): Promise<void>;
  runDataTests(db: Db): Promise<readonly DataTestOutcome[]>;
}

/**
 * The warehouse package's mart builder, metric pre-aggregates and data tests. Tests swap these
 * out (e.g. an injected failing data test) through `RunEtlOptions.steps`.
 */
export function defaultWarehouseSteps(log?: (message: string) => void): WarehouseSteps {
  // The data tests reuse the stored results of the snapshot an incremental build started from.
  let incremental = false;
  return {
    async buildMarts(db, options) {
      incremental = options?.incremental ?? false;
      const result = await buildMarts(db, { incremental: options?.incremental ?? false });
      if (options?.incremental) {
        log?.(
          `Marts: ${result.kept.length} kept, updated by key: ${result.updated.join(', ') || 'none'}, rebuilt: ${result.rebuilt.join(', ')}`,
        );
      }
      // Metrics read pre-aggregated marts (marts.agg_*) to stay fast at province scale; they are
      // derived from the marts alone: an incremental build keeps those whose marts were kept and
      // updates the service-request ones by the facts' delta (same result as rebuilding them).
      const aggregates = await buildMetricAggregates(db, { incremental: options?.incremental ?? false });
      if (options?.incremental) {
        log?.(
          `Aggregates: ${aggregates.kept.length} kept, updated by delta: ${aggregates.updated.join(', ') || 'none'}, rebuilt: ${aggregates.rebuilt.join(', ') || 'none'}`,
        );
      }
    },
    runDataTests: (db) =>
      runDataTests(db, undefined, undefined, {
        incremental,
        onPlan: (plan) => {
          if (incremental) {
            log?.(
              `Data tests: ${plan.reused.length} results kept, ${plan.delta.length} run over changed rows, ${plan.full.length} run in full`,
            );
          }
        },
      }),
  };
}
