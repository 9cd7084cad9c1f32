import { type EtlEnv, type EtlStage, runEtl, type SourceConnection } from '@asn/etl';
import { type CpuSpan, startCpuMeter } from './cpuMeter.ts';

export interface EtlTiming {
  readonly mode: 'full' | 'incremental';
  readonly totalMs: number;
  /** The CPU the run used: this process's and the whole machine's (PostgreSQL's included). */
  readonly cpu: CpuSpan;
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
  const stopCpu = startCpuMeter();
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
  const cpu = stopCpu();
  return {
    mode,
    totalMs: performance.now() - t0,
    cpu,
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

/**
 * The incremental benchmark's change: 1 % of the rows of each big table (`id % 100 = 7`) get a new
 * `updated_at` AND a real content change that stays valid (no row may turn into a quarantined one),
 * so every layer downstream (stg, marts, pre-aggregates, data tests) has real work to do. A change
 * of `updated_at` alone would be recognised as "same content" by the marts and cost almost nothing.
 */
const CHANGES: Readonly<Record<string, string>> = {
  // A correction of the completion time: service days, histograms and handler cells move.
  service_requests: `completed_at = completed_at + interval '1 hour'`,
  // Invitation and answer both a minute earlier: their order is kept.
  invitations: `invited_at = invited_at - interval '1 minute', responded_at = responded_at - interval '1 minute'`,
  // Completion a minute later: still after the offering starts.
  enrollments: `completed_at = completed_at + interval '1 minute'`,
  // Scores stay in 0–100.
  assessments: `score = CASE WHEN score < 100 THEN score + 1 ELSE score - 1 END`,
  // Likert 1–5.
  reactions: `relevance = CASE WHEN relevance < 5 THEN relevance + 1 ELSE relevance - 1 END`,
  // ±0.01 without leaving the score's rating band (upper band edges step down).
  appraisals: `score = CASE WHEN score IN (75.99, 90.99, 100) THEN score - 0.01 ELSE score + 0.01 END`,
  // A reclassified position (SCD2 history, person-as-of facts and headcounts follow).
  employee_assignments: `position_type = CASE position_type WHEN 'fungsional' THEN 'pelaksana' WHEN 'pelaksana' THEN 'fungsional' ELSE position_type END`,
};
const CHANGED = Object.keys(CHANGES);

export interface SourceChanges {
  readonly updated: Record<string, number>;
  readonly deleted: number;
  readonly sourceRows: number;
}

/**
 * Changes 1 % of the rows of the big tables at the source (content and `updated_at`, see CHANGES)
 * and deletes a few service requests (leaves: nothing references them).
 */
export async function incrementalChanges(connection: SourceConnection): Promise<SourceChanges> {
  const knex = connection.knex;
  const updated: Record<string, number> = {};
  for (const [table, set] of Object.entries(CHANGES)) {
    const res = await knex.raw(`update ${table} set ${set}, updated_at = now() where id % 100 = 7`);
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
