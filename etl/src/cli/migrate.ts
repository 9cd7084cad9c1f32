import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv } from '../env.ts';
import { connectSource } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';

/**
 * `npm run migrate`: brings the operational source's schema (SOURCE_DATABASE_URL, else the
 * embedded PGlite under <DATA_DIR>/source) up to this release's migrations, and says which ran.
 * Data stays: a migration adds or changes tables, never reloads them (`npm run demo` replaces the
 * data). Run it after an upgrade, before the next `npm run etl`.
 */
const USAGE = `usage: npm run migrate
Applies this release's pending source migrations (etl/src/source-schema/migrations/) to
SOURCE_DATABASE_URL, else the embedded PGlite under $DATA_DIR/source. Data stays.`;

export async function migrateCommand(options: {
  readonly url: string | undefined;
  readonly embeddedDir: string;
}): Promise<{ readonly applied: readonly string[]; readonly target: string }> {
  const conn = await connectSource({ url: options.url, embeddedDir: options.embeddedDir });
  try {
    const applied = await migrateSource(conn.knex);
    return { applied, target: conn.embedded ? `embedded PGlite (${options.embeddedDir})` : 'PostgreSQL' };
  } finally {
    await conn.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = readEnv();
  const { applied, target } = await migrateCommand({
    url: env.SOURCE_DATABASE_URL,
    embeddedDir: join(env.DATA_DIR, 'source'),
  });
  console.log(
    applied.length === 0
      ? `source schema (${target}) is up to date`
      : `source schema (${target}): applied ${applied.length} migration(s): ${applied.join(', ')}`,
  );
}

const isMain = process.argv[1]?.endsWith('migrate.ts');
if (isMain) {
  main().catch((error: unknown) => {
    console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
