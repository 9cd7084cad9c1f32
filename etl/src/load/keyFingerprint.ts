import type { Db } from '@asn/warehouse';
import { PSEUDONYM_COLUMNS } from '../validate/checkedColumns.ts';
import { hmacHex } from './pseudonyms.ts';

/** The default PSEUDONYM_KEY (etl/src/env.ts): for the embedded demo only. */
export const DEMO_PSEUDONYM_KEY = 'demo-only-pseudonym-key-change-me';

/**
 * What identifies a PSEUDONYM_KEY without revealing it: the HMAC of a constant under the key (the
 * key itself is never stored). Two runs under the same key write the same fingerprint.
 */
export function keyFingerprint(secret: string): string {
  return hmacHex(secret, 'asn-evaluasi/pseudonym-key-fingerprint/v1').slice(0, 16);
}

/** `meta.pseudonym_key` in the snapshot: the fingerprint of the key its pseudonyms were made with. */
export async function writeKeyFingerprint(db: Db, fingerprint: string): Promise<void> {
  await db.exec('CREATE SCHEMA IF NOT EXISTS meta');
  if (!/^[0-9a-f]+$/.test(fingerprint)) throw new Error('a key fingerprint is hex');
  await db.exec(`CREATE OR REPLACE TABLE meta.pseudonym_key AS SELECT '${fingerprint}' AS fingerprint`);
}

/**
 * The key fingerprint a snapshot (the build's own database, or an attached one named `catalog`)
 * recorded, or null when it has none (built before fingerprints were kept, or never published).
 */
export async function readKeyFingerprint(db: Db, catalog?: string): Promise<string | null> {
  const database = catalog ? `'${catalog.replaceAll("'", "''")}'` : 'current_database()';
  const exists = await db.all(
    `SELECT 1 FROM duckdb_tables() WHERE schema_name = 'meta' AND table_name = 'pseudonym_key' AND database_name = ${database}`,
  );
  if (exists.length === 0) return null;
  const rows = await db.all<{ fingerprint: string }>(
    `SELECT fingerprint FROM ${catalog ? `${catalog}.` : ''}meta.pseudonym_key LIMIT 1`,
  );
  return rows[0]?.fingerprint ?? null;
}

/**
 * The refusal when this run's key is the demo default but the warehouse was built under another:
 * PSEUDONYM_KEY is simply not set (a restored warehouse, a new shell). Said first, since a full
 * build or `--discard-drops`, the remedies for a key changed on purpose, would re-key every employee
 * under the public demo key (a restore drill of 2026-12-06 was sent to both before being told).
 */
export function demoKeyInUseError(snapshot: string, before: string): PseudonymKeyChangedError {
  return new PseudonymKeyChangedError(
    `PSEUDONYM_KEY is not set: the public demo default is in use, but snapshot ${snapshot} was built under ` +
      `another key (fingerprint ${before}, demo ${keyFingerprint(DEMO_PSEUDONYM_KEY)}); set PSEUDONYM_KEY ` +
      "to the warehouse's key (from where it is kept apart from the backups) and run again",
  );
}

/**
 * Tables whose stg rows hold pseudonyms made with the key (employee_key, actor keys, a new table's
 * `<nip column>_key`): those the ETL computes pseudonyms for (`PSEUDONYM_COLUMNS`, derived from the
 * personal columns), so a new source's NIP column is covered without a list to keep.
 */
export const KEYED_TABLES: readonly string[] = Object.keys(PSEUDONYM_COLUMNS);

/** The key changed since the live snapshot, where mixing keys would follow: refused, saying what to run. */
export class PseudonymKeyChangedError extends Error {
  readonly code = 'PSEUDONYM_KEY_CHANGED';
  constructor(message: string) {
    super(message);
    this.name = 'PseudonymKeyChangedError';
  }
}

/** The demo key with a real source: the NIPs behind the pseudonyms could be recovered by brute force. */
export class DemoPseudonymKeyError extends Error {
  readonly code = 'DEMO_PSEUDONYM_KEY';
  /** `what`: the real-world input of the run (e.g. "the source is not the embedded demo"). */
  constructor(what = 'the source is not the embedded demo') {
    super(
      `PSEUDONYM_KEY is the demo default (demo-only-pseudonym-key-change-me) and ${what}: anyone` +
        ' could recompute the employee pseudonyms and recover NIPs from a snapshot. ' +
        'Set PSEUDONYM_KEY to a long random secret (and keep it: changing it re-keys every employee), or set ' +
        'ALLOW_DEMO_PSEUDONYM_KEY=true for test data only.',
    );
    this.name = 'DemoPseudonymKeyError';
  }
}
