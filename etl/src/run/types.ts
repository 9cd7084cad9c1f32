import type { EtlRunRecord, TableRunCounts } from '@asn/warehouse';
import type { EtlEnv } from '../env.ts';
import type { SourceConnection } from '../source/connect.ts';
import type { StagedTable } from '../sources/staged.ts';
import type { WarehouseSteps } from './warehouseSteps.ts';

export type EtlSource = 'postgres' | 'files' | 'xapi';
export type EtlMode = 'full' | 'incremental';

/**
 * Named points of a run, reported to `onStage` as they are reached. For progress output, and the
 * seam the kill tests use to SIGKILL a run at an exact point.
 */
export type EtlStage =
  | 'started'
  | 'extracted'
  | 'landed'
  | 'mid-stg'
  | 'stg-written'
  | 'marts-built'
  | 'tested'
  | 'before-publish'
  | 'published';

export type EtlProgress =
  | { readonly kind: 'stage'; readonly stage: EtlStage }
  | { readonly kind: 'extract'; readonly table: string; readonly rows: number; readonly estimate: number }
  | { readonly kind: 'table'; readonly counts: TableRunCounts }
  | { readonly kind: 'log'; readonly message: string };

export interface RunEtlOptions {
  /** Default: incremental when a snapshot is live, else full. */
  readonly mode?: EtlMode;
  readonly sources: readonly EtlSource[];
  /** Directory of CSV/XLSX drops (source `files`). */
  readonly filesDir?: string;
  /** xAPI JSON / NDJSON files (source `xapi`). */
  readonly xapiPaths?: readonly string[];
  readonly env: EtlEnv;
  /** An open source connection; default: connect with env (SOURCE_DATABASE_URL or embedded). */
  readonly connection?: SourceConnection;
  /** Already-parsed file-drop / xAPI tables, added to what `filesDir` / `xapiPaths` yield. */
  readonly staged?: readonly StagedTable[];
  readonly onProgress?: (event: EtlProgress) => void;
  readonly onStage?: (stage: EtlStage) => void | Promise<void>;
  /** Marts and data tests; default: the warehouse package's (see warehouseSteps.ts). */
  readonly steps?: Partial<WarehouseSteps>;
  /** DuckDB threads for the build (default: all cores). */
  readonly threads?: number;
  /** Published snapshots to keep; default `env.SNAPSHOTS_KEEP`. */
  readonly keep?: number;
  /**
   * A full extract of a PostgreSQL table with more rows than this (planner estimate) is copied in
   * ctid chunks that land one by one while the next is copied (default 1,000,000; tests set less).
   */
  readonly extractChunkRows?: number;
  /**
   * A full run copies the live snapshot's file-drop and xAPI rows forward (they are read once, so
   * the warehouse holds the only copy), unless this is false (CLI `--discard-drops`).
   */
  readonly carryDrops?: boolean;
}

export interface EtlRunResult {
  readonly runId: string;
  readonly snapshotId: string;
  readonly mode: EtlMode;
  readonly tables: readonly TableRunCounts[];
  readonly record: EtlRunRecord;
}
