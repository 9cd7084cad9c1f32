/**
 * `tsx scripts/bench/profile-etl.ts [--full|--incremental]`: one ETL run with every DuckDB statement
 * timed (Db methods wrapped), printing the slowest statements and the time per stage. A profiling
 * aid for the ETL's internals; `npm run bench` is the benchmark.
 */
import { parseArgs } from 'node:util';
import { readEnv, runEtl } from '@asn/etl';
import { Db } from '@asn/warehouse';

const { values } = parseArgs({
  options: { incremental: { type: 'boolean' }, top: { type: 'string', default: '25' } },
});
const timings: { sql: string; ms: number; cpuMs: number }[] = [];
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
        sql: String(args[0]).replace(/\s+/g, ' ').slice(0, 160),
        ms: performance.now() - started,
        // Process CPU (all DuckDB threads): on a shared machine wall time mostly measures the neighbours.
        cpuMs: (used.user + used.system) / 1000,
      });
    }
  };
}
const t0 = performance.now();
let last = t0;
let lastCpu = process.cpuUsage();
const result = await runEtl({
  env: readEnv(),
  sources: ['postgres'],
  mode: values.incremental ? 'incremental' : 'full',
  onProgress: (e) => {
    const now = performance.now();
    if (e.kind === 'stage') {
      const cpu = process.cpuUsage(lastCpu);
      console.log(
        `${((now - t0) / 1000).toFixed(2)} s  stage ${e.stage} (+${((now - last) / 1000).toFixed(2)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`,
      );
      last = now;
      lastCpu = process.cpuUsage();
    } else if (e.kind === 'table') {
      console.log(
        `${((now - t0) / 1000).toFixed(2)} s  ${e.counts.table} ${e.counts.read} rows in ${e.counts.seconds.toFixed(2)} s`,
      );
    } else if (e.kind === 'log') console.log(e.message);
  },
});
const total = process.cpuUsage();
console.log(
  `total ${((performance.now() - t0) / 1000).toFixed(2)} s, process cpu ${((total.user + total.system) / 1e6).toFixed(2)} s, ${result.mode}`,
);
for (const t of timings.sort((a, b) => b.ms - a.ms).slice(0, Number(values.top))) {
  console.log(`${t.ms.toFixed(0).padStart(7)} ms ${t.cpuMs.toFixed(0).padStart(7)} cpu  ${t.sql}`);
}
