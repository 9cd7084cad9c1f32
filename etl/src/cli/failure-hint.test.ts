import { describe, expect, it } from 'vitest';
import { failureHint } from './failure-hint.ts';

describe('the hint after a failed run', () => {
  it('says what to check for a missing schema, database, login or server', () => {
    expect(failureHint('42P01')).toMatch(/operational database with the ASN schema/);
    expect(failureHint('3D000')).toMatch(/database name in SOURCE_DATABASE_URL/);
    expect(failureHint('28P01')).toMatch(/user or password/);
    expect(failureHint('ECONNREFUSED')).toMatch(/is PostgreSQL running/);
  });

  it('names the directory settings when the warehouse cannot be written', () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR']) {
      expect(failureHint(code), code).toMatch(/WAREHOUSE_DIR .*DATA_DIR/);
    }
  });

  it('says to free space when the disk is full (the message names the file)', () => {
    for (const code of ['ENOSPC', 'EDQUOT']) {
      expect(failureHint(code), code).toMatch(/WAREHOUSE_DIR .*is full: free space and run again/);
    }
  });

  it('adds nothing where the message says enough', () => {
    expect(failureHint(undefined)).toBeNull();
    expect(failureHint('BUILD_IN_PROGRESS')).toBeNull();
  });
});

describe('npm run etl against a server that is not there', () => {
  it('prints the readable failure and what to check, with no stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'etl-refused-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'etl/src/cli/etl.ts'], {
        cwd: join(import.meta.dirname, '../../..'),
        env: { ...process.env, SOURCE_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DATA_DIR: dir },
        encoding: 'utf8',
        timeout: 60_000,
      });
      const output = `${run.stdout}${run.stderr}`;
      expect(run.status).toBe(1);
      expect(output).toMatch(/ETL failed \(ECONNREFUSED\)/);
      expect(output).toMatch(/is PostgreSQL running/);
      expect(output).not.toMatch(/Acquire connection error|\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
