/**
 * One ETL run as recorded in the run log. Written when the run starts (status `running`) and again
 * when it ends, OUTSIDE any snapshot, so failed and killed runs are on record too; a copy of the
 * history goes into every published snapshot (`meta.etl_runs`).
 */
export type RunStatus = 'running' | 'succeeded' | 'failed';
export type RunMode = 'full' | 'incremental';

/** Per table (and per source feeding it), reconciled: read = loaded + quarantined. */
export interface TableRunCounts {
  readonly table: string;
  /** Rows read from the sources (COPY row count, parsed file rows + rows the parser rejected). */
  readonly read: number;
  /** Rows that passed validation, identical duplicates included (see `collapsed`). */
  readonly loaded: number;
  readonly quarantined: number;
  /** Loaded rows that were identical copies of another row with the same key: loaded once. */
  readonly collapsed: number;
  /** Rows inserted into stg (= loaded − collapsed). */
  readonly inserted: number;
  /**
   * stg rows whose id is gone from the source (in a run without PostgreSQL, also those removed as
   * orphans of a removed parent); rows taken out and read back are inserted or quarantined instead.
   */
  readonly deleted: number;
  readonly seconds: number;
}

export interface DataTestSummary {
  readonly total: number;
  readonly failed: number;
  /** Names of failed error-level tests (they fail the run). */
  readonly errors: readonly string[];
}

export interface EtlRunRecord {
  readonly runId: string;
  readonly mode: RunMode;
  readonly sources: readonly string[];
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  /** Table → max(updated_at) seen (the next incremental run reads rows after it). */
  readonly watermarks: Readonly<Record<string, string>>;
  readonly tables: readonly TableRunCounts[];
  readonly dataTests: DataTestSummary | null;
  /** The snapshot this run published (null unless it succeeded). */
  readonly snapshotId: string | null;
  readonly error: string | null;
  /** The process that ran it, so a record left `running` by a killed process can be recognised. */
  readonly pid: number;
}
