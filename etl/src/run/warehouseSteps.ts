import type { Db } from '@asn/warehouse';
import * as warehouse from '@asn/warehouse';

/** The part of a data test result the ETL needs. */
export interface DataTestOutcome {
  readonly name: string;
  readonly severity: 'error' | 'warn';
  readonly status: 'pass' | 'fail';
  readonly failingRows: number;
}

/** The warehouse build steps after stg: marts, then data tests (which store their results). */
export interface WarehouseSteps {
  buildMarts(db: Db): Promise<void>;
  runDataTests(db: Db): Promise<readonly DataTestOutcome[]>;
}

/**
 * Adapter to the mart builder and data tests, which another team writes. They are looked up on
 * the warehouse package's public exports by name, so the ETL works (and says so) before they are
 * exported, and picks them up the moment `warehouse/src/index.ts` exports them.
 */
export function defaultWarehouseSteps(log: (message: string) => void): WarehouseSteps {
  const api = warehouse as unknown as Record<string, unknown>;
  const build = api.buildMarts as ((db: Db) => Promise<void>) | undefined;
  const test = api.runDataTests as ((db: Db) => Promise<readonly DataTestOutcome[]>) | undefined;
  return {
    async buildMarts(db) {
      if (typeof build === 'function') return build(db);
      log('buildMarts is not exported by @asn/warehouse yet: marts not built');
    },
    async runDataTests(db) {
      if (typeof test === 'function') return test(db);
      log('runDataTests is not exported by @asn/warehouse yet: data tests not run');
      return [];
    },
  };
}
