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
  buildMarts(db: Db): Promise<void>;
  runDataTests(db: Db): Promise<readonly DataTestOutcome[]>;
}

/**
 * The warehouse package's mart builder, metric pre-aggregates and data tests. Tests swap these
 * out (e.g. an injected failing data test) through `RunEtlOptions.steps`.
 */
export function defaultWarehouseSteps(_log?: (message: string) => void): WarehouseSteps {
  return {
    async buildMarts(db) {
      await buildMarts(db);
      // Metrics read pre-aggregated marts (marts.agg_*) to stay fast at province scale; they are
      // derived from the marts alone, so they are rebuilt whenever the marts are.
      await buildMetricAggregates(db);
    },
    runDataTests: (db) => runDataTests(db),
  };
}
