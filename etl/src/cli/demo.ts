import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDemoWorld } from '../demo/load.ts';
import { readEnv } from '../env.ts';
import { connectSource } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';

/**
 * `npm run demo -- --scale N --seed S [--manifest path]`: (re)generates the demo world into
 * the source (SOURCE_DATABASE_URL, or the embedded PGlite under <DATA_DIR>/source), prints
 * row counts and wall time, and writes the planted-effects manifest.
 */
const USAGE = `usage: npm run demo -- [--scale N] [--seed S] [--manifest <path>]
  --scale     the world's size, 1 = Palangka Raya (default 1)
  --seed      the generator's seed (default 20250101)
  --manifest  where the planted effects are written (default $DATA_DIR/demo-manifest.json)
Replaces the source's data: SOURCE_DATABASE_URL, else the embedded PGlite under $DATA_DIR/source.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '20250101' },
      manifest: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scale = Number(values.scale);
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${values.scale}`);
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const env = readEnv();
  const manifestPath = values.manifest ?? join(env.DATA_DIR, 'demo-manifest.json');
  await mkdir(dirname(manifestPath), { recursive: true });

  const started = performance.now();
  const conn = await connectSource({
    url: env.SOURCE_DATABASE_URL,
    embeddedDir: join(env.DATA_DIR, 'source'),
  });
  try {
    await migrateSource(conn.knex);
    console.log(
      `demo world: scale ${scale}, seed ${seed} → ${conn.embedded ? `embedded PGlite (${join(env.DATA_DIR, 'source')})` : 'PostgreSQL'}`,
    );
    let last = '';
    const result = await loadDemoWorld(conn, {
      scale,
      seed,
      manifestPath,
      onProgress: (p) => {
        if (!process.stdout.isTTY) return;
        const line = `  loading ${p.table}: ${p.rows.toLocaleString('en')}${p.total ? ` / ${p.total.toLocaleString('en')}` : ''}`;
        if (line !== last) process.stdout.write(`\r${line.padEnd(70)}`);
        last = line;
      },
    });
    if (process.stdout.isTTY) process.stdout.write(`\r${''.padEnd(70)}\r`);
    let total = 0;
    for (const [table, n] of Object.entries(result.counts)) {
      total += n;
      console.log(
        `  ${table.padEnd(24)} ${n.toLocaleString('en').padStart(12)}  ${(result.tableMs[table] ?? 0).toLocaleString('en').padStart(8)} ms`,
      );
    }
    console.log(`  ${'total'.padEnd(24)} ${total.toLocaleString('en').padStart(12)}`);
    // Steps after the tables (index rebuilds, the foreign-key check) are timed under "(…)" keys.
    for (const [step, ms] of Object.entries(result.tableMs))
      if (!(step in result.counts))
        console.log(`  ${step.padEnd(24)} ${''.padStart(12)}  ${ms.toLocaleString('en').padStart(8)} ms`);
    console.log(
      `generate ${(result.generateMs / 1000).toFixed(1)} s, load ${(result.loadMs / 1000).toFixed(1)} s, wall ${((performance.now() - started) / 1000).toFixed(1)} s; manifest → ${manifestPath}`,
    );
  } finally {
    await conn.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
