import { type EtlEnv, type EtlStage, runEtl, type SourceConnection } from '@asn/etl';

export interface EtlTiming {
  readonly mode: 'full' | 'incremental';
  readonly totalMs: number;
  /** Milliseconds per stage, in run order. */
  readonly stages: Record<string, number>;
  readonly tables: readonly {
    table: string;
    read: number;
    loaded: number;
    quarantined: number;
    deleted: number;
    seconds: number;
  }[];
}

/** Which span of the run each stage event closes. */
const SPANS: Partial<Record<EtlStage, string>> = {
  started: 'setup (lock, copy snapshot)',
  // The extract is started (snapshot, chunk plan) and then runs under the landing: tables and
  // chunks land as their COPY finishes, so the two are one span.
  extracted: 'extract start (snapshot, chunk plan)',
  'stg-written': 'extract + land + validate + stg (pipelined)',
  'marts-built': 'marts',
  tested: 'data tests',
  published: 'publish (checkpoint, rename)',
};

/** One ETL run with the wall time of each stage. */
export async function timeEtl(
  env: EtlEnv,
  connection: SourceConnection,
  mode: 'full' | 'incremental',
  threads: number,
): Promise<EtlTiming> {
  const t0 = performance.now();
  let last = t0;
  const stages: Record<string, number> = {};
  const result = await runEtl({
    env,
    connection,
    sources: ['postgres'],
    mode,
    threads,
    onProgress: (e) => {
      if (e.kind !== 'stage') return;
      const span = SPANS[e.stage];
      if (!span) return;
      const now = performance.now();
      stages[span] = (stages[span] ?? 0) + (now - last);
      last = now;
    },
  });
  return {
    mode,
    totalMs: performance.now() - t0,
    stages,
    tables: result.tables.map((t) => ({
      table: t.table,
      read: t.read,
      loaded: t.loaded,
      quarantined: t.quarantined,
      deleted: t.deleted,
      seconds: t.seconds,
    })),
  };
}

/** Tables whose rows change in the incremental benchmark (1 % each, by id). */
const CHANGED = [
  'service_requests',
  'invitations',
  'enrollments',
  'assessments',
  'reactions',
  'appraisals',
  'employee_assignments',
];

export interface SourceChanges {
  readonly updated: Record<string, number>;
  readonly deleted: number;
  readonly sourceRows: number;
}

/**
 * Changes 1 % of the rows of the big tables at the source (a fresh `updated_at`, content otherwise
 * the same) and deletes a few service requests (leaves: nothing references them).
 */
export async function incrementalChanges(connection: SourceConnection): Promise<SourceChanges> {
  const knex = connection.knex;
  const updated: Record<string, number> = {};
  for (const table of CHANGED) {
    const res = await knex.raw(`update ${table} set updated_at = now() where id % 100 = 7`);
    updated[table] = Number(res.rowCount ?? 0);
  }
  const del = await knex.raw(
    'delete from service_requests where id in (select id from service_requests order by id desc limit 10)',
  );
  let sourceRows = 0;
  for (const table of CHANGED) {
    const { rows } = await knex.raw(`select count(*)::bigint as n from ${table}`);
    sourceRows += Number(rows[0]?.n ?? 0);
  }
  return { updated, deleted: Number(del.rowCount ?? 0), sourceRows };
}
