import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type SuppressionReason, suppressionReasons } from './apply-suppression.ts';
import { DisclosureTooComplexError, InlineLimitReached, withInlineLimit } from './work-meter.ts';

/**
 * Steps a disclosure-control task may take on the calling thread (`withInlineLimit`) before it is
 * run again on a worker thread. The metric benchmark's dashboard queries take under 20 thousand,
 * so they never leave the thread and pay no worker round trip: measured on month tables of one to
 * four agencies × tenure bands (220 – 9,700 steps), 3.7 – 5.0 ms inline against 4.4 – 8.0 ms through
 * a warm worker (structured clone both ways, a message each way). Steps
 * are not all of the time (building the tables is not counted): a year of agencies × tenure bands
 * per month takes about 8 thousand steps a millisecond, so `INLINE_TIME_LIMIT_MS` bounds the stall
 * too. Above either a problem may take seconds (up to `DISCLOSURE_WORK_BUDGET`), which on the main
 * thread would stall every other request and the operation timeout's own timer.
 */
export const INLINE_WORK_LIMIT = 50_000;

/** Wall time a task may take inline before it moves to a worker (see `INLINE_WORK_LIMIT`). */
export const INLINE_TIME_LIMIT_MS = 15;

/**
 * Worker threads for disclosure control: one on a two-core machine (the main thread keeps the
 * other), two at most.
 */
export const DISCLOSURE_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));

/** The caller no longer wants the answer (its operation timed out): the work was stopped. */
export class DisclosureAbortedError extends Error {
  readonly code = 'OPERATION_ABORTED' as const;
  constructor() {
    super('disclosure control stopped: its operation was aborted');
    this.name = 'DisclosureAbortedError';
  }
}

/**
 * A disclosure-control task: a synchronous pure function of structured-cloneable arguments that
 * `module` (a file URL) exports by `name` in its `DISCLOSURE_TASKS` record, so a worker can load and
 * run it as well.
 */
export interface DisclosureTask<A extends unknown[], R> {
  readonly module: string;
  readonly name: string;
  readonly run: (...args: A) => R;
}

export interface DisclosureTaskOptions {
  /** Aborting stops the task (a worker running it is terminated) and rejects with DisclosureAbortedError. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Runs a task inline while it is small (`INLINE_WORK_LIMIT` steps, counted by its work meters, and
 * `INLINE_TIME_LIMIT_MS`), else again from the start on a worker thread, so the event loop keeps serving while it works.
 * Counted work is deterministic, so the answer, and a DisclosureTooComplexError refusal, are the
 * same either way. Aborting `signal` rejects at once with DisclosureAbortedError and terminates the
 * worker running the task; a spare replaces it at once (see `WorkerPool.replace`).
 */
export async function runDisclosureTask<A extends unknown[], R>(
  task: DisclosureTask<A, R>,
  args: A,
  options: DisclosureTaskOptions = {},
): Promise<R> {
  const { signal } = options;
  if (signal?.aborted) throw new DisclosureAbortedError();
  try {
    return withInlineLimit({ steps: settings.inlineLimit, ms: settings.inlineMs }, () => task.run(...args));
  } catch (error) {
    if (!(error instanceof InlineLimitReached)) throw error;
  }
  return pool().run(task.module, task.name, args, signal) as Promise<R>;
}

const settings = {
  inlineLimit: INLINE_WORK_LIMIT,
  inlineMs: INLINE_TIME_LIMIT_MS,
  workers: DISCLOSURE_WORKERS,
};

/**
 * Changes the inline limit or the worker count (tests, benchmarks). The next offloaded task starts
 * a new pool; the old one's workers are terminated once idle.
 */
export function configureDisclosureOffload(options: {
  inlineLimit?: number;
  inlineMs?: number;
  workers?: number;
}): void {
  if (options.inlineLimit !== undefined) settings.inlineLimit = options.inlineLimit;
  if (options.inlineMs !== undefined) settings.inlineMs = options.inlineMs;
  if (options.workers !== undefined) settings.workers = Math.max(1, options.workers);
  current?.close();
  current = null;
}

/** Worker threads started so far (a terminated worker's replacement counts again): for tests. */
export function disclosureWorkersStarted(): number {
  return counts.started;
}

/** Disclosure worker threads of every pool, counted: for tests. */
export interface DisclosureWorkerStats {
  /** Started so far, spares included (as `disclosureWorkersStarted`). */
  readonly started: number;
  /** Of those, spares: started to replace an aborted or lost worker before any task asked for one. */
  readonly spares: number;
  /** Spares that have answered their warm-up (their task modules loaded, or failed to: see `warmUp`). */
  readonly warmedUp: number;
  /** Held by a pool now, idle or busy: started and neither terminated by it nor lost. */
  readonly held: number;
  /** Started and not yet exited (a terminated thread takes a moment to go). */
  readonly running: number;
}

/** The counts now (a copy). */
export function disclosureWorkerStats(): DisclosureWorkerStats {
  return { ...counts };
}

/**
 * Has `observer` called with every worker a pool starts (`spare`: a replacement started ahead of
 * any task); `null` stops it. For tests, which can terminate a worker to play a crash.
 */
export function observeDisclosureWorkers(observer: ((worker: Worker, spare: boolean) => void) | null): void {
  workerObserver = observer;
}

let current: WorkerPool | null = null;
const counts = { started: 0, spares: 0, warmedUp: 0, held: 0, running: 0 };
let workerObserver: ((worker: Worker, spare: boolean) => void) | null = null;
const pool = (): WorkerPool => {
  current ??= new WorkerPool(settings.workers);
  return current;
};

interface Job {
  readonly id: number;
  readonly message: { id: number; module: string; task: string; args: unknown[] };
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
  /** It has been given a task (a spare that is lost before is not replaced: see `replace`). */
  used: boolean;
  /** Warm-up messages (one a task module) not yet answered. */
  warming: number;
}

interface WorkerFailure {
  readonly name: string;
  readonly message: string;
  readonly budget?: number;
}

const WORKER_ENTRY = new URL('./offload-worker.mjs', import.meta.url);

/**
 * The id of a warm-up message: tasks' ids count up from 0, so its answer matches none. It names a
 * module and no task (`task: null`): the worker loads the module (the slow part of a fresh worker,
 * about a second under load with tsx) and answers; a module that fails to load is not kept by the
 * worker, so the next task of it tries again.
 */
const WARM_UP_ID = -1;

/**
 * A few workers, started when first needed, and a queue of tasks waiting for one. A worker
 * terminated because its task was aborted, or lost (it crashed), is replaced at once by a spare.
 */
class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Task modules run so far, which a spare loads before any task asks (`warmUp`). */
  private readonly modules = new Set<string>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly size: number) {}

  run(module: string, task: string, args: unknown[], signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const job: Job = {
        id,
        message: { id, module, task, args },
        resolve,
        reject,
        signal,
        onAbort: () => this.abort(job),
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.modules.add(module);
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Terminates idle workers now and busy ones when their task ends. */
  close(): void {
    this.closed = true;
    for (const slot of [...this.slots]) if (slot.job === null) this.drop(slot);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.used = true;
      slot.worker.ref();
      slot.worker.postMessage(job.message);
    }
  }

  private spawn(spare = false): Slot {
    const worker = new Worker(WORKER_ENTRY);
    counts.started += 1;
    counts.held += 1;
    counts.running += 1;
    if (spare) counts.spares += 1;
    const slot: Slot = { worker, job: null, used: false, warming: 0 };
    worker.on('message', (reply: { id: number; ok: boolean; result?: unknown; error?: WorkerFailure }) => {
      if (reply.id === WARM_UP_ID) {
        slot.warming -= 1;
        if (slot.warming === 0) counts.warmedUp += 1;
        return;
      }
      const job = slot.job;
      if (job === null || job.id !== reply.id) return;
      this.finish(slot);
      if (reply.ok) job.resolve(reply.result);
      else job.reject(revive(reply.error!));
    });
    const fail = (error: unknown) => {
      if (!this.slots.includes(slot)) return;
      const job = slot.job;
      this.remove(slot);
      if (job) {
        job.signal?.removeEventListener('abort', job.onAbort);
        job.reject(error instanceof Error ? error : new Error(`disclosure worker stopped: ${String(error)}`));
      }
      this.dispatch();
      // A spare lost before any task is not replaced (a worker that cannot start would be started
      // again and again): the next task starts one as before.
      if (slot.used) this.replace();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      counts.running -= 1;
      fail(new Error(`disclosure worker exited with code ${code}`));
    });
    // Idle, a worker does not keep the process alive (a task refs it while it runs).
    worker.unref();
    this.slots.push(slot);
    workerObserver?.(worker, spare);
    return slot;
  }

  /**
   * Starts a spare in place of a worker just terminated or lost, unless the pool is retired or
   * full (a queued task took a new worker): the next task then finds a worker already started, with
   * its task modules loaded, instead of paying for both (about a second under load), which behind
   * an aborted task would make the next request start late and time out in turn. Like any idle
   * worker it is unref'd, and `close` terminates it.
   */
  private replace(): void {
    if (this.closed || this.slots.length >= this.size) return;
    let slot: Slot;
    try {
      slot = this.spawn(true);
    } catch {
      return; // no spare: the next task starts a worker when it needs one
    }
    this.warmUp(slot);
  }

  /** Has the worker load the task modules run so far (see `WARM_UP_ID`). */
  private warmUp(slot: Slot): void {
    for (const module of this.modules) {
      slot.warming += 1;
      slot.worker.postMessage({ id: WARM_UP_ID, module, task: null, args: [] });
    }
  }

  private finish(slot: Slot): void {
    const job = slot.job!;
    job.signal?.removeEventListener('abort', job.onAbort);
    slot.job = null;
    slot.worker.unref();
    if (this.closed) this.drop(slot);
    else this.dispatch();
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = this.slots.find((s) => s.job === job);
    // The worker is busy with work nobody wants: stop it now (its CPU), and start a spare.
    if (slot) this.drop(slot);
    job.reject(new DisclosureAbortedError());
    this.dispatch();
    if (slot) this.replace();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    counts.held -= 1;
  }

  private drop(slot: Slot): void {
    this.remove(slot);
    slot.worker.terminate().catch(() => undefined);
  }
}

function revive(error: WorkerFailure): Error {
  if (error.name === 'DisclosureTooComplexError' && error.budget !== undefined)
    return new DisclosureTooComplexError(error.budget, error.message);
  if (error.name === 'RangeError') return new RangeError(error.message);
  const out = new Error(error.message);
  out.name = error.name;
  return out;
}

type ReasonsOptions = Parameters<typeof suppressionReasons>[1];

/**
 * A count's values at coarser periods as plain data (a worker cannot take `periods.coarse`, a
 * function): for `field` at the `levels` read, a row's group in a coarser period has
 * `values["level|period|" + row[idField]]` (0 when absent); elsewhere the sum of its periods.
 */
export interface CoarseTable {
  readonly field: string;
  readonly levels: readonly string[];
  readonly idField: string;
  readonly values: Readonly<Record<string, number>>;
}

type PlainReasonsOptions = Omit<ReasonsOptions, 'marginHiddenElsewhere'>;

/** `suppressionReasons` with `periods.coarse` given as a `CoarseTable`. */
function suppressionReasonsPlain(
  rows: readonly Record<PropertyKey, unknown>[],
  options: PlainReasonsOptions,
  coarse?: CoarseTable,
): SuppressionReason[] {
  if (!coarse || !options.periods) return suppressionReasons(rows, options);
  return suppressionReasons(rows, {
    ...options,
    periods: {
      ...options.periods,
      coarse: (field, level, period, row) =>
        field !== coarse.field || !coarse.levels.includes(level)
          ? undefined
          : (coarse.values[`${level}|${period}|${String(row[coarse.idField])}`] ?? 0),
    },
  });
}

const reasonsTask: DisclosureTask<
  [readonly Record<PropertyKey, unknown>[], PlainReasonsOptions, CoarseTable | undefined],
  SuppressionReason[]
> = { module: import.meta.url, name: 'suppressionReasons', run: suppressionReasonsPlain };

/** The tasks a disclosure worker runs from this module (`offload-worker.mjs`), by name. */
export const DISCLOSURE_TASKS: Readonly<Record<string, (...args: never[]) => unknown>> = {
  suppressionReasons: suppressionReasonsPlain,
};

/**
 * `suppressionReasons` through `runDisclosureTask`: inline when small, else on a worker thread.
 * The options must be plain data (no `marginHiddenElsewhere`, no `periods.coarse`: give `coarse`).
 */
export function suppressionReasonsOffThread(
  rows: readonly Record<PropertyKey, unknown>[],
  options: PlainReasonsOptions,
  signal?: AbortSignal,
  coarse?: CoarseTable,
): Promise<SuppressionReason[]> {
  return runDisclosureTask(reasonsTask, [rows, options, coarse], { signal });
}
