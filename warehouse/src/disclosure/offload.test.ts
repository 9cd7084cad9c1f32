import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  configureDisclosureOffload,
  DISCLOSURE_WORKERS,
  DisclosureAbortedError,
  disclosureWorkerStats,
  INLINE_TIME_LIMIT_MS,
  INLINE_WORK_LIMIT,
  observeDisclosureWorkers,
  suppressionReasonsOffThread,
} from './offload.ts';

// A small problem, sent to a worker by `inlineLimit: 0`: the worker loads offload.ts first (most
// of a fresh worker's start), so a task aborted at once is still running when it is aborted.
const ROWS = [
  { n: 2, a: 'x', t: 1 },
  { n: 9, a: 'y', t: 1 },
  { n: 11, a: null, t: 1 },
];
const OPTIONS = { groupKeys: ['a'], partitionKeys: ['t'], minN: 5 };
const EXPECTED = ['primary', 'complementary', null];

/** Submits the task (it is on a worker when this returns) and aborts it: the rejection. */
function abortedTask(): Promise<unknown> {
  const abort = new AbortController();
  const pending = suppressionReasonsOffThread(ROWS, OPTIONS, abort.signal).catch((e: unknown) => e);
  abort.abort();
  return pending;
}

/** Every worker the pools start from now on, with a promise of its exit. */
function watchWorkers(): { worker: Worker; spare: boolean; exited: Promise<unknown> }[] {
  const seen: { worker: Worker; spare: boolean; exited: Promise<unknown> }[] = [];
  observeDisclosureWorkers((worker, spare) => {
    seen.push({ worker, spare, exited: new Promise((resolve) => worker.once('exit', resolve)) });
  });
  return seen;
}

/** Waits (polling, no time asserted) until `count` holds. */
async function until(count: () => number, expected: number): Promise<void> {
  await vi.waitFor(() => expect(count()).toBe(expected), { timeout: 30_000, interval: 20 });
}

afterEach(async () => {
  observeDisclosureWorkers(null);
  configureDisclosureOffload({
    inlineLimit: INLINE_WORK_LIMIT,
    inlineMs: INLINE_TIME_LIMIT_MS,
    workers: DISCLOSURE_WORKERS,
  });
  // Every worker gone (the pools retired, no task left): none answers into the next test's counts.
  await until(() => disclosureWorkerStats().running, 0);
});

describe('a spare worker replaces one terminated or lost', () => {
  it('starts a spare, loading the task module, as soon as an aborted task is rejected', async () => {
    configureDisclosureOffload({ inlineLimit: 0, workers: 1 });
    const before = disclosureWorkerStats();
    const seen = watchWorkers();
    expect(await abortedTask()).toBeInstanceOf(DisclosureAbortedError);
    // Before the next task is submitted: the aborted task's worker, then its spare.
    const after = disclosureWorkerStats();
    expect(seen.map((s) => s.spare)).toEqual([false, true]);
    expect(after.started - before.started).toBe(2);
    expect(after.spares - before.spares).toBe(1);
    expect(after.held - before.held).toBe(1);
    await seen[0]!.exited; // the aborted task's worker was terminated
    // The spare loads offload.ts (the slow part of a start) with no task waiting for it.
    await until(() => disclosureWorkerStats().warmedUp - before.warmedUp, 1);
    // The next task runs on the spare: no worker started for it.
    expect(await suppressionReasonsOffThread(ROWS, OPTIONS)).toEqual(EXPECTED);
    expect(disclosureWorkerStats().started - before.started).toBe(2);
  });

  it('never holds more workers than the pool size across repeated aborts, queued tasks included', async () => {
    configureDisclosureOffload({ inlineLimit: 0, workers: 2 });
    const base = disclosureWorkerStats().held;
    const held = () => disclosureWorkerStats().held - base;
    const seen = watchWorkers();
    for (let round = 0; round < 4; round++) {
      // Two tasks on workers, a third queued for one; aborted one by one, queued task first in
      // odd rounds (a running task's worker then goes to the queued one, not to a spare).
      const controllers = [0, 1, 2].map(() => new AbortController());
      const outcomes = controllers.map((c) =>
        suppressionReasonsOffThread(ROWS, OPTIONS, c.signal).catch((e: unknown) => e),
      );
      expect(held()).toBe(2);
      for (const i of round % 2 === 0 ? [0, 1, 2] : [2, 0, 1]) {
        controllers[i]!.abort();
        expect(held()).toBeLessThanOrEqual(2);
      }
      for (const outcome of await Promise.all(outcomes))
        expect(outcome).toBeInstanceOf(DisclosureAbortedError);
      // Both workers lost to aborts were replaced by spares, no more.
      expect(held()).toBe(2);
    }
    expect(seen.filter((s) => s.spare).length).toBeGreaterThanOrEqual(8);
    const started = disclosureWorkerStats().started;
    const both = await Promise.all([
      suppressionReasonsOffThread(ROWS, OPTIONS),
      suppressionReasonsOffThread(ROWS, OPTIONS),
    ]);
    expect(both).toEqual([EXPECTED, EXPECTED]);
    expect(disclosureWorkerStats().started).toBe(started);
    expect(held()).toBe(2);
  });

  it('terminates the spare when the pool is retired, and starts none for a retired pool', async () => {
    configureDisclosureOffload({ inlineLimit: 0, workers: 1 });
    const before = disclosureWorkerStats();
    const seen = watchWorkers();
    expect(await abortedTask()).toBeInstanceOf(DisclosureAbortedError);
    const spare = seen.find((s) => s.spare)!;
    expect(spare).toBeDefined();
    // Retired while the spare is still loading its modules.
    configureDisclosureOffload({ workers: 1 });
    expect(disclosureWorkerStats().held).toBe(before.held);
    await spare.exited;

    // A task of the new pool still running when that pool is retired, then aborted: no spare.
    const abort = new AbortController();
    const pending = suppressionReasonsOffThread(ROWS, OPTIONS, abort.signal).catch((e: unknown) => e);
    const spares = disclosureWorkerStats().spares;
    configureDisclosureOffload({ workers: 1 });
    abort.abort();
    expect(await pending).toBeInstanceOf(DisclosureAbortedError);
    expect(disclosureWorkerStats().spares).toBe(spares);
    expect(disclosureWorkerStats().held).toBe(before.held);
    await Promise.all(seen.map((s) => s.exited));
    expect(disclosureWorkerStats().running).toBe(before.running);
  });

  it('replaces a worker lost during a task (a crash) with a spare', async () => {
    configureDisclosureOffload({ inlineLimit: 0, workers: 1 });
    const before = disclosureWorkerStats();
    const seen = watchWorkers();
    const pending = suppressionReasonsOffThread(ROWS, OPTIONS).catch((e: unknown) => e);
    await seen[0]!.worker.terminate();
    expect(String(await pending)).toMatch(/disclosure worker exited/);
    expect(seen.map((s) => s.spare)).toEqual([false, true]);
    expect(disclosureWorkerStats().held - before.held).toBe(1);
    await until(() => disclosureWorkerStats().warmedUp - before.warmedUp, 1);
    expect(await suppressionReasonsOffThread(ROWS, OPTIONS)).toEqual(EXPECTED);
    expect(disclosureWorkerStats().started - before.started).toBe(2);
  });

  it('does not replace a spare lost before any task: the next task starts a worker as before', async () => {
    configureDisclosureOffload({ inlineLimit: 0, workers: 1 });
    const before = disclosureWorkerStats();
    const seen = watchWorkers();
    expect(await abortedTask()).toBeInstanceOf(DisclosureAbortedError);
    const spare = seen.find((s) => s.spare)!;
    await spare.worker.terminate(); // a spare that failed to start, as far as the pool can tell
    expect(disclosureWorkerStats().held).toBe(before.held);
    expect(disclosureWorkerStats().spares - before.spares).toBe(1);
    expect(await suppressionReasonsOffThread(ROWS, OPTIONS)).toEqual(EXPECTED);
    expect(seen.map((s) => s.spare)).toEqual([false, true, false]);
  });

  it.each([
    ['while it loads its modules', ''],
    [
      'once warm',
      'while (disclosureWorkerStats().warmedUp < 1) await new Promise((r) => setTimeout(r, 10));',
    ],
  ])('lets a process end with a spare running (%s), as a CLI under tsx', async (_, wait) => {
    const dir = await mkdtemp(join(tmpdir(), 'offload-spare-'));
    try {
      const script = join(dir, 'run.mts');
      const offload = new URL('./offload.ts', import.meta.url).href;
      await writeFile(
        script,
        `import { configureDisclosureOffload, disclosureWorkerStats, suppressionReasonsOffThread } from ${JSON.stringify(offload)};
configureDisclosureOffload({ inlineLimit: 0, workers: 1 });
const abort = new AbortController();
const pending = suppressionReasonsOffThread(${JSON.stringify(ROWS)}, ${JSON.stringify(OPTIONS)}, abort.signal).catch((e) => e.name);
abort.abort();
const outcome = await pending;
${wait}
console.log(JSON.stringify({ outcome, ...disclosureWorkerStats() }));
`,
      );
      const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
      // A worker keeping the process alive would run into the timeout (execFile then rejects).
      const { stdout } = await promisify(execFile)(tsx, [script], { timeout: 30_000 });
      const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(out).toMatchObject({ outcome: 'DisclosureAbortedError', started: 2, spares: 1, held: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
