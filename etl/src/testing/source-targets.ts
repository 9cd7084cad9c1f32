import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { readEnv } from '../env.ts';
import { connectSource, type SourceConnection } from '../source/connect.ts';

/**
 * The databases a source test runs against: always an in-memory PGlite, and a real
 * PostgreSQL when TEST_DATABASE_URL is set. Each real-server target gets a database of its
 * own (created here, dropped on close), so test files can run in parallel.
 *
 * A missing TEST_DATABASE_URL is said out loud; under CI it is an error, because a green run
 * that never touched PostgreSQL would be a lie.
 */
export interface SourceTarget {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<SourceConnection>;
}

const env = readEnv();

/**
 * The real PostgreSQL server tests should use, or undefined when there is none: then the
 * real-PostgreSQL tests are skipped, loudly — and in CI (CI set) that is an error, never a skip.
 */
export function realPostgresUrl(): string | undefined {
  const url = env.TEST_DATABASE_URL;
  if (url) return url;
  if (env.CI) throw new Error('CI run without TEST_DATABASE_URL: the real-PostgreSQL tests would be skipped');
  warnOnce();
  return undefined;
}

export function sourceTargets(): SourceTarget[] {
  const targets: SourceTarget[] = [
    { name: 'pglite', open: () => connectSource({ embeddedDir: 'memory://' }) },
  ];
  const url = realPostgresUrl();
  if (url) targets.push({ name: 'postgres', open: () => openScratchDatabase(url) });
  return targets;
}

let warned = false;
function warnOnce(): void {
  if (warned) return;
  warned = true;
  console.warn(
    '\n*** SKIPPING real-PostgreSQL source tests: TEST_DATABASE_URL is not set (PGlite only). ***\n',
  );
}

async function openScratchDatabase(serverUrl: string): Promise<SourceConnection> {
  const name = `asn_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const conn = await connectSource({ url: url.toString() });
  return {
    ...conn,
    async close() {
      await conn.close();
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
    },
  };
}
