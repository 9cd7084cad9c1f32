import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { childProcessEtlLauncher, type EtlLauncher } from './etl-launcher.ts';

/**
 * The launcher against a stand-in for `npm run etl --`: a shell script (the wrapper, as npm and sh
 * are) that runs a node process (the ETL) without exec, so the tree is wrapper → node like npm → sh →
 * tsx → node. The node process takes the build lock and writes a `running` run record with its own
 * pid, as runEtl does, then waits (forever unless told to exit with a code).
 */
const FAKE_ETL = `
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
const [dir, behaviour] = [process.env.FAKE_WAREHOUSE, process.env.FAKE_BEHAVIOUR ?? 'wait'];
const runId = 'run-' + process.pid;
mkdirSync(join(dir, 'runs'), { recursive: true });
writeFileSync(join(dir, 'build.lock'), JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), purpose: 'fake' }));
writeFileSync(join(dir, 'runs', runId + '.json'), JSON.stringify({ runId, mode: 'full', sources: ['postgres'], status: 'running', startedAt: new Date().toISOString(), finishedAt: null, durationMs: null, watermarks: {}, tables: [], dataTests: null, snapshotId: null, error: null, pid: process.pid }));
if (behaviour === 'ignore-term') process.on('SIGTERM', () => undefined);
writeFileSync(join(dir, 'etl.pid'), String(process.pid));
if (behaviour === 'crash') process.exit(3);
setInterval(() => undefined, 1000);
`;

let dir: string;
let launcher: EtlLauncher | undefined;
let logs: { level: string; message: string; fields?: Record<string, unknown> }[];

async function setup(behaviour = 'wait') {
  await writeFile(join(dir, 'fake-etl.mjs'), FAKE_ETL);
  await writeFile(
    join(dir, 'wrapper.sh'),
    `#!/bin/sh\n${process.execPath} ${join(dir, 'fake-etl.mjs')} "$@"\n`,
  );
  await chmod(join(dir, 'wrapper.sh'), 0o755);
  launcher = childProcessEtlLauncher({
    command: join(dir, 'wrapper.sh'),
    cwd: dir,
    env: { ...process.env, FAKE_WAREHOUSE: dir, FAKE_BEHAVIOUR: behaviour },
    warehouseDir: dir,
    log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }),
    graceMs: 1000,
  });
  return launcher;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const etlPid = () =>
  waitFor(async () => {
    const text = await readFile(join(dir, 'etl.pid'), 'utf8').catch(() => '');
    return text ? Number(text) : undefined;
  });

const runRecord = async (pid: number) =>
  JSON.parse(await readFile(join(dir, 'runs', `run-${pid}.json`), 'utf8')) as {
    status: string;
    error: string | null;
  };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asn-etl-launcher-'));
  logs = [];
});
afterEach(async () => {
  await launcher?.stop();
  launcher = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('childProcessEtlLauncher', () => {
  it('reports a pid that leads the process group: kill -- -<pid> stops the ETL under the wrapper too', async () => {
    const etl = await setup();
    expect(etl.isRunning?.()).toBe(false);
    const info = await etl.launch('full', { requestId: 'req-42', by: 'ops-alice' });
    expect(info).toMatchObject({ status: 'started', mode: 'full', error: null });
    expect(etl.isRunning?.()).toBe(true);
    // The audit: the launch is tied to the request (and the token's name) that asked for it.
    expect(logs.find((l) => l.message === 'etl started')?.fields).toEqual({
      launchId: info.launchId,
      pid: info.pid,
      mode: 'full',
      requestId: 'req-42',
      by: 'ops-alice',
    });
    const node = await etlPid();
    expect(node).not.toBe(info.pid);
    process.kill(-info.pid!, 'SIGTERM');
    await waitFor(() => !alive(node));
    // The run's record does not stay `running`: the launcher marks it interrupted once the group is gone.
    await waitFor(async () => (await runRecord(node)).status === 'failed');
    expect((await runRecord(node)).error).toBe(`interrupted: process ${node} ended before the run finished`);
    await waitFor(() => etl.isRunning?.() === false);
  });

  it('kill -9 of the reported pid alone leaves no orphan ETL, and the next launch starts', async () => {
    const etl = await setup();
    const first = await etl.launch('incremental');
    const node = await etlPid();
    process.kill(first.pid!, 'SIGKILL');
    await waitFor(() => !alive(node));
    await waitFor(async () => (await runRecord(node)).status === 'failed');
    // The build lock the killed run held is gone or stale: the next launch is a real start.
    await rm(join(dir, 'etl.pid'));
    const second = await waitFor(async () => {
      const next = await etl.launch('incremental');
      return next.status === 'started' ? next : undefined;
    });
    expect(second.pid).not.toBe(first.pid);
    expect(alive(await etlPid())).toBe(true);
  });

  it('marks the run failed at once when the child exits non-zero with its record still running', async () => {
    const etl = await setup('crash');
    await etl.launch('full');
    const node = await etlPid();
    await waitFor(async () => (await runRecord(node)).status === 'failed');
    expect(logs.some((l) => l.message === 'etl finished' && l.fields?.code === 3)).toBe(true);
  });

  it('reports a command that cannot start as failed, pid null, with the reason', async () => {
    launcher = childProcessEtlLauncher({
      command: '/nonexistent/etl --x',
      cwd: dir,
      warehouseDir: dir,
      log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }),
    });
    const info = await launcher.launch('full');
    expect(info.status).toBe('failed');
    expect(info.pid).toBeNull();
    expect(info.error).toMatch(/ETL_COMMAND could not be started: .*ENOENT/);
    // Not left "running": the next launch is tried again (and fails again the same way).
    expect((await launcher.launch('incremental')).status).toBe('failed');
  });

  it('stop() ends a running ETL within the grace period, SIGKILL for one that ignores SIGTERM', async () => {
    const etl = await setup('ignore-term');
    await etl.launch('full');
    const node = await etlPid();
    const started = Date.now();
    await etl.stop();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(alive(node)).toBe(false);
    expect((await runRecord(node)).status).toBe('failed');
    expect(logs.some((l) => l.message === 'stopping etl run')).toBe(true);
    // A stopped launcher starts nothing more.
    expect((await etl.launch('full')).status).toBe('failed');
  });

  it('does not hold up stop() when nothing runs', async () => {
    const etl = await setup();
    const started = Date.now();
    await etl.stop();
    expect(Date.now() - started).toBeLessThan(100);
  });
});
