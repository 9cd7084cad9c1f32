/**
 * `tsx scripts/bench/api-contention.ts --warehouse DIR [--connections 1,4] [--rounds 2] [--year 2024]`: how long a
 * short dashboard query (yearly participation) takes while two other clients keep the API busy with
 * long ones (agency comparison, resistance by tenure band, service times per month), uncached, for
 * each WAREHOUSE_CONNECTIONS value given, alternating, in one process. Prints one JSON line per
 * round: the short query's p50 alone and p50/p95 under load, the long ones' throughput and p50, and
 * the process's peak resident memory under load.
 * A measuring aid for the README's concurrency figures; `npm run bench` is the benchmark.
 */
import { parseArgs } from 'node:util';
import { startServer, TokenStore, tokenEntry } from '@asn/api';
import { dashboardDocuments } from '../../api/src/bench/api-bench.ts';

const { values } = parseArgs({
  options: {
    warehouse: { type: 'string' },
    connections: { type: 'string', default: '1,4' },
    rounds: { type: 'string', default: '2' },
    /** The agency comparison's year (the demo's data run to 2025). */
    year: { type: 'string', default: '2024' },
  },
});
if (!values.warehouse) throw new Error('--warehouse DIR (a warehouse with a published snapshot) is required');
const docs = dashboardDocuments();
const TOKEN = 'contention-planner-token';

const pct = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};

async function round(connections: number) {
  const server = await startServer({
    config: {
      PORT: 0,
      HOST: '127.0.0.1',
      WAREHOUSE_DIR: values.warehouse,
      LOG_LEVEL: 'silent',
      CACHE_MAX_ENTRIES: 0,
      CACHE_WARM_ENTRIES: 0,
      SNAPSHOT_POLL_MS: 0,
      WAREHOUSE_CONNECTIONS: connections,
    },
    tokens: new TokenStore([tokenEntry('contention', 'planner', TOKEN)]),
  });
  try {
    const year = Number(values.year);
    const post = async (op: string, variables: unknown) => {
      const started = performance.now();
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ query: docs.get(op), operationName: op, variables }),
      });
      const text = await res.text();
      if (res.status !== 200 || text.includes('"errors"')) throw new Error(`${op}: ${text.slice(0, 300)}`);
      return performance.now() - started;
    };
    const metric = { filter: {}, groupBy: null, grain: null, compare: null };
    const short = () => post('Participation', { ...metric, grain: 'year' });
    const long = [
      () => post('AgencyComparison', { year }),
      () => post('Resistance', { ...metric, groupBy: ['tenureBand'] }),
      () => post('ServiceTimes', { ...metric, groupBy: ['serviceType'], grain: 'month' }),
    ];
    for (let i = 0; i < 5; i++) {
      await short();
      for (const op of long) await op();
    }
    const alone: number[] = [];
    for (let i = 0; i < 100; i++) alone.push(await short());
    let stop = false;
    const longTimes: number[] = [];
    const client = async (first: number) => {
      for (let i = first; !stop; i++)
        longTimes.push(await (long[i % long.length] as () => Promise<number>)());
    };
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const clients = [client(0), client(1)];
    const loaded: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 150; i++) loaded.push(await short());
    const wallMs = performance.now() - started;
    stop = true;
    await Promise.all(clients);
    clearInterval(sampler);
    return {
      connections,
      shortAloneP50Ms: +pct(alone, 0.5).toFixed(1),
      shortLoadedP50Ms: +pct(loaded, 0.5).toFixed(1),
      shortLoadedP95Ms: +pct(loaded, 0.95).toFixed(1),
      longPerS: +((longTimes.length / wallMs) * 1000).toFixed(2),
      longP50Ms: Math.round(pct(longTimes, 0.5)),
      // The whole process (server, clients, DuckDB): what the connections add is the difference.
      peakRssMb: Math.round(peakRss / 2 ** 20),
    };
  } finally {
    await server.close();
  }
}

const settings = values.connections.split(',').map(Number);
for (let r = 0; r < Number(values.rounds); r++)
  for (const connections of settings) console.log(JSON.stringify(await round(connections)));
