import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { acquireBuildLock, BuildInProgressError, markInterruptedRuns } from '@asn/warehouse';

export interface EtlLaunchInfo {
  readonly launchId: string;
  /** started; already_running (the launch still going is described); failed (not started: `error`). */
  readonly status: 'started' | 'already_running' | 'failed';
  /**
   * Process id of the child, which leads its own process group: `kill -- -<pid>` (SIGTERM to the
   * group) stops the whole run, npm and the shell and the ETL under them. Null when not started.
   */
  readonly pid: number | null;
  readonly startedAt: string;
  readonly mode: 'full' | 'incremental';
  /** Why the run did not start (status failed); null otherwise. */
  readonly error: string | null;
}

/** Who asked for a launch: the request id and the token's name (never the token). */
export interface LaunchOrigin {
  readonly requestId: string;
  readonly by: string | null;
}

export interface EtlLauncher {
  /**
   * Starts a run, resolving once the child has spawned (or failed to). `origin` (the request and the
   * token name that asked) goes into the `etl started` log line with the launchId, for the audit.
   */
  launch(mode: 'full' | 'incremental', origin?: LaunchOrigin): EtlLaunchInfo | Promise<EtlLaunchInfo>;
  /**
   * Graceful shutdown: starts no more runs, and stops a running child's process group (SIGTERM, then
   * SIGKILL after the grace period). Resolves once it has ended; at once when none runs.
   */
  stop(): Promise<void>;
  /**
   * Whether a launched run has not ended yet. Its child takes the warehouse build lock only once npm
   * and tsx have started (about 3 s): `rollbackWarehouse` asks this too, or a rollback in that window
   * was accepted and then overwritten by the run's publish (review of 2026-12-05, revOps).
   */
  isRunning?(): boolean;
}

/** How long a stopped ETL's process group gets between SIGTERM and SIGKILL. */
export const ETL_STOP_GRACE_MS = 5000;

/**
 * Runs the ETL as a CHILD PROCESS (`npm run etl -- --full|--incremental`): the api package never
 * imports etl, a crashing run cannot take the server down, and the warehouse build lock plus atomic
 * publish keep the live snapshot safe. The child leads its own process group (its pid is the group
 * id), so the whole tree npm starts can be stopped at once: at shutdown, with `kill -- -<pid>`, and
 * when the child itself ends abnormally (a signal, a non-zero code) whatever it left in its group is
 * stopped too, and a run record it left `running` is marked failed ("interrupted") right away. Until
 * then the launch counts as running. `onExit` runs when all that is done (the server checks for a
 * new snapshot then, rather than at its next poll or request). One launch at a time per server; a
 * second call reports the running one.
 */
export function childProcessEtlLauncher(options: {
  readonly command: string;
  readonly cwd: string;
  /** The child's environment (default: the server's own). */
  readonly env?: NodeJS.ProcessEnv;
  /** The warehouse the child builds: its run log is where an interrupted run is marked failed. */
  readonly warehouseDir?: string;
  readonly log: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
  /** Called once the child has ended, whatever its outcome. */
  readonly onExit?: () => void;
  /** SIGTERM → SIGKILL grace for the child's process group (default ETL_STOP_GRACE_MS). */
  readonly graceMs?: number;
}): EtlLauncher {
  const graceMs = options.graceMs ?? ETL_STOP_GRACE_MS;
  let running: { info: EtlLaunchInfo; child: ChildProcess; done: Promise<void> } | null = null;
  let stopped = false;

  const failed = (launchId: string, startedAt: string, mode: EtlLaunchInfo['mode'], error: string) => {
    options.log('warn', 'etl failed to start', { launchId, error });
    return { launchId, status: 'failed', pid: null, startedAt, mode, error } satisfies EtlLaunchInfo;
  };

  /** Stops what the run left in its process group, then marks its record interrupted. */
  async function afterAbnormalExit(pid: number, launchId: string): Promise<void> {
    await stopGroup(pid, graceMs);
    if (!options.warehouseDir) return;
    try {
      // Under the build lock no run is live, so a record still `running` is this dead one (the lock
      // the killed run held is stale now and taken over).
      const lock = await acquireBuildLock(
        options.warehouseDir,
        `mark runs interrupted (launch ${launchId})`,
        () => undefined,
      );
      try {
        const marked = await markInterruptedRuns(options.warehouseDir, '', (runId, snapshotId) =>
          options.log('info', 'etl run ended after publishing', { launchId, runId, snapshotId }),
        );
        if (marked.length > 0) options.log('warn', 'etl run interrupted', { launchId, runs: marked });
      } finally {
        await lock.release();
      }
    } catch (error) {
      // Another build holds the lock: its own start marks the dead run, as every run does.
      if (!(error instanceof BuildInProgressError))
        options.log('warn', 'could not mark the etl run interrupted', {
          launchId,
          error: (error as Error).message,
        });
    }
  }

  return {
    async launch(mode, origin) {
      if (running) return { ...running.info, status: 'already_running' };
      const launchId = randomUUID();
      const startedAt = new Date().toISOString();
      if (stopped) return failed(launchId, startedAt, mode, 'the server is shutting down');
      const [cmd, ...args] = options.command.split(/\s+/).filter(Boolean);
      if (!cmd) return failed(launchId, startedAt, mode, 'ETL_COMMAND is empty');
      let child: ChildProcess;
      try {
        child = spawn(cmd, [...args, mode === 'full' ? '--full' : '--incremental'], {
          cwd: options.cwd,
          ...(options.env ? { env: options.env } : {}),
          stdio: ['ignore', 'pipe', 'pipe'],
          // Its own process group (pgid = its pid): kill(-pid) reaches npm, sh and the ETL alike.
          detached: true,
        });
      } catch (error) {
        return failed(
          launchId,
          startedAt,
          mode,
          `ETL_COMMAND could not be started: ${(error as Error).message}`,
        );
      }
      let spawned!: (error: Error | null) => void;
      const spawnResult = new Promise<Error | null>((resolve) => {
        spawned = resolve;
      });
      let finished!: () => void;
      const done = new Promise<void>((resolve) => {
        finished = resolve;
      });
      child.once('spawn', () => spawned(null));
      child.on('error', (error) => {
        spawned(error);
        if (child.pid === undefined) finished();
      });
      const info: EtlLaunchInfo = { launchId, status: 'started', pid: null, startedAt, mode, error: null };
      // Held from now on, so a second launch while this one spawns reports it.
      running = { info, child, done };
      const spawnError = await spawnResult;
      if (spawnError || child.pid === undefined) {
        running = null;
        return failed(
          launchId,
          startedAt,
          mode,
          `ETL_COMMAND could not be started: ${spawnError?.message ?? 'no process id'}`,
        );
      }
      const pid = child.pid;
      running.info = { ...info, pid };
      options.log('info', 'etl started', {
        launchId,
        pid,
        mode,
        ...(origin ? { requestId: origin.requestId, by: origin.by } : {}),
      });
      const forward = (stream: NodeJS.ReadableStream | null, level: 'info' | 'warn') =>
        stream?.on('data', (chunk: Buffer) => {
          for (const line of chunk.toString('utf8').split('\n')) {
            if (line.trim()) options.log(level, 'etl output', { launchId, line });
          }
        });
      forward(child.stdout, 'info');
      forward(child.stderr, 'warn');
      child.on('exit', (code, signal) => {
        options.log(code === 0 ? 'info' : 'warn', 'etl finished', { launchId, pid, code, signal });
        const cleanup = code === 0 ? Promise.resolve() : afterAbnormalExit(pid, launchId);
        void cleanup.finally(() => {
          running = null;
          finished();
          options.onExit?.();
        });
      });
      return running.info;
    },
    isRunning: () => running !== null,
    async stop() {
      stopped = true;
      const current = running;
      if (!current) return;
      const pid = current.info.pid;
      if (pid !== null) {
        options.log('info', 'stopping etl run', { launchId: current.info.launchId, pid, graceMs });
        signalGroup(pid, 'SIGTERM');
        if (!(await settlesWithin(current.done, graceMs))) signalGroup(pid, 'SIGKILL');
      }
      await current.done;
    },
  };
}

/** Sends `signal` to every process of the group; false when the group has no process left. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM to the group, SIGKILL after `graceMs` if any of it is left; resolves once it is gone (bounded). */
async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  if (await groupGoneWithin(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await groupGoneWithin(pgid, 2000);
}

async function groupGoneWithin(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (signalGroup(pgid, 0)) {
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}
