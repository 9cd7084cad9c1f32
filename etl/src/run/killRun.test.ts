import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Db, listRunRecords, readCurrent } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');
const cli = join(repoRoot, 'etl/src/cli/etl.ts');

/** Runs `npm run etl` (the CLI) in a child process; with killAt it SIGKILLs itself at that stage. */
function runCli(dir: string, drops: string, killAt?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--source', 'files', '--files', drops], {
    cwd: repoRoot,
    env: {
      ...process.env,
      WAREHOUSE_DIR: dir,
      PSEUDONYM_KEY: 'test-key-0123456789',
      ETL_KILL_AT: killAt ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => {
    output += String(c);
  });
  child.stderr.on('data', (c) => {
    output += String(c);
  });
  return new Promise<{ code: number | null; signal: string | null; output: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, output })),
  );
}

async function agencyName(dir: string): Promise<unknown> {
  const current = await readCurrent(dir);
  const db = await Db.open(join(dir, current?.file ?? ''), { mode: 'read-only' });
  try {
    return (await db.all('select name from stg.agencies where id = 1'))[0]?.name;
  } finally {
    await db.close();
  }
}

describe('an ETL run killed with SIGKILL', () => {
  let dir: string;
  let drops: string;
  const drop = (name: string) =>
    writeFile(
      join(drops, 'agencies.csv'),
      `id,code,name,kind,valid_from\n1,SETDA,${name},sekretariat,2020-01-01\n`,
    );
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-kill-'));
    drops = await mkdtemp(join(tmpdir(), 'etl-drops-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(drops, { recursive: true, force: true });
  });

  it('leaves the live snapshot at every stage, and the next run succeeds', async () => {
    await drop('Setda');
    const first = await runCli(dir, drops);
    expect(first.code, first.output).toBe(0);
    const live = await readCurrent(dir);
    for (const stage of ['extracted', 'mid-stg', 'before-publish']) {
      await drop(`Setda ${stage}`);
      const killed = await runCli(dir, drops, stage);
      expect(killed.signal, killed.output).toBe('SIGKILL');
      expect((await readCurrent(dir))?.id).toBe(live?.id);
      expect(await agencyName(dir)).toBe('Setda');
    }
    const ok = await runCli(dir, drops);
    expect(ok.code, ok.output).toBe(0);
    expect((await readCurrent(dir))?.id).not.toBe(live?.id);
    expect(await agencyName(dir)).toBe('Setda before-publish');
    const runs = await listRunRecords(dir, { limit: 4 });
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'failed', 'failed', 'failed']);
    expect(runs[1]?.error).toMatch(/interrupted/);
    expect(await readdir(join(dir, 'scratch'))).toEqual([]);
  }, 240_000);
});
