/**
 * `tsx scripts/bench/profile-etl.ts [--incremental [--changes]] [--top N]`: one ETL run with every
 * DuckDB statement timed (Db methods wrapped), printing per stage the time, the process CPU (user and
 * system) and the minor page faults; then the CPU per statement kind within each stage (statements
 * grouped by their first words and target), and the slowest statements. `--changes` first applies
 * the benchmark's 1 % change (timeEtl's `incrementalChanges`) to the source. `--trace FILE` also writes
 * every statement in run order (stage, start, wall and CPU ms, SQL) as JSON lines. A profiling aid for the
 * ETL's internals; `npm run bench` is the benchmark.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { connectSource, readEnv, runEtl } from '@asn/etl';
import { Db } from '@asn/warehouse';
import { type CpuSpan, startCpuMeter } from './cpuMeter.ts';
import { incrementalChanges } from './timeEtl.ts';

const { values } = parseArgs({
  options: {
    incremental: { type: 'boolean' },
    changes: { type: 'boolean' },
    top: { type: 'string', default: '25' },
    trace: { type: 'string' },
  },
});
const env = readEnv();
if (values.changes) {
  const connection = await connectSource({ url: env.SOURCE_DATABASE_URL });
  try {
    console.log('source changes', JSON.stringify(await incrementalChanges(connection)));
  } finally {
    await connection.close();
  }
}
let currentStage = 'setup';
const timings: { sql: string; ms: number; cpuMs: number; stage: string; at: number }[] = [];
const proto = Db.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
for (const name of ['all', 'run', 'exec'] as const) {
  const original = proto[name] as (...args: unknown[]) => Promise<unknown>;
  proto[name] = async function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await original.apply(this, args);
    } finally {
      const used = process.cpuUsage(cpu);
      timings.push({
        sql: String(args[0])
          .replace(/\s+/g, ' ')
          .slice(0, values.trace ? 400 : 160),
        at: started,
        ms: performance.now() - started,
        // Process CPU (all DuckDB threads): on a shared machine wall time mostly measures the neighbours.
        cpuMs: (used.user + used.system) / 1000,
        stage: currentStage,
      });
    }
  };
}
const t0 = performance.now();
let last = t0;
const total = startCpuMeter();
let stage = startCpuMeter();
/** Process CPU, split into user and system time, and the minor page faults (see `CpuSpan`). */
const cpuText = (cpu: CpuSpan) =>
  `cpu ${((cpu.processUserMs + cpu.processSystemMs) / 1000).toFixed(2)} s: user ${(cpu.processUserMs / 1000).toFixed(2)}, sys ${(cpu.processSystemMs / 1000).toFixed(2)}; ${(cpu.minorPageFaults / 1000).toFixed(0)} k page faults`;
const result = await runEtl({
  env,
  sources: ['postgres'],
  mode: values.incremental ? 'incremental' : 'full',
  onProgress: (e) => {
    const now = performance.now();
    if (e.kind === 'stage') {
      console.log(
        `${((now - t0) / 1000).toFixed(2)} s  stage ${e.stage} (+${((now - last) / 1000).toFixed(2)} s, ${cpuText(stage())})`,
      );
      last = now;
      stage = startCpuMeter();
      currentStage = `after ${e.stage}`;
    } else if (e.kind === 'table') {
      console.log(
        `${((now - t0) / 1000).toFixed(2)} s  ${e.counts.table} ${e.counts.read} rows in ${e.counts.seconds.toFixed(2)} s`,
      );
    } else if (e.kind === 'log') console.log(e.message);
  },
});
console.log(
  `total ${((performance.now() - t0) / 1000).toFixed(2)} s, process ${cpuText(total())}, ${result.mode}`,
);
/** A statement's kind: its first words up to the target, e.g. `INSERT INTO stg."service_requests"`. */
const kind = (sql: string) =>
  (
    sql.match(
      /^\s*(?:--[^\n]*\s*)*((?:CREATE OR REPLACE (?:TEMP )?TABLE|INSERT INTO|DELETE FROM|SELECT|COPY|UPDATE|DROP TABLE IF EXISTS|CREATE TABLE) \S+)/i,
    )?.[1] ?? sql.slice(0, 40)
  ).trim();
const groups = new Map<string, { n: number; ms: number; cpuMs: number }>();
for (const t of timings) {
  const key = `${t.stage} | ${kind(t.sql)}`;
  const g = groups.get(key) ?? { n: 0, ms: 0, cpuMs: 0 };
  groups.set(key, { n: g.n + 1, ms: g.ms + t.ms, cpuMs: g.cpuMs + t.cpuMs });
}
console.log('\nCPU per stage and statement kind (>= 100 ms CPU):');
for (const [key, g] of [...groups].sort((a, b) => b[1].cpuMs - a[1].cpuMs)) {
  if (g.cpuMs < 100) continue;
  console.log(
    `${g.ms.toFixed(0).padStart(7)} ms ${g.cpuMs.toFixed(0).padStart(7)} cpu ${String(g.n).padStart(4)}×  ${key}`,
  );
}
if (values.trace) {
  await writeFile(
    values.trace,
    timings.map((t) => JSON.stringify({ ...t, at: Math.round(t.at - t0) })).join('\n'),
  );
}
console.log('\nSlowest statements:');
for (const t of timings.sort((a, b) => b.ms - a.ms).slice(0, Number(values.top))) {
  console.log(`${t.ms.toFixed(0).padStart(7)} ms ${t.cpuMs.toFixed(0).padStart(7)} cpu  ${t.sql}`);
}
