import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

export interface EtlLaunchInfo {
  readonly launchId: string;
  readonly status: 'started' | 'already_running';
  readonly pid: number | null;
  readonly startedAt: string;
  readonly mode: 'full' | 'incremental';
}

export interface EtlLauncher {
  launch(mode: 'full' | 'incremental'): EtlLaunchInfo;
  /** Waits for a running child (graceful shutdown); resolves at once when none runs. */
  drain(): Promise<void>;
}

/**
 * Runs the ETL as a CHILD PROCESS (`npm run etl -- --full|--incremental`): the api package never
 * imports etl, a crashing run cannot take the server down, and the warehouse build lock plus atomic
 * publish keep the live snapshot safe. `onExit` runs when the child ends (the server checks for a
 * new snapshot then, rather than at its next poll or request). One launch at a time per server; a
 * second call reports the running one.
 */
export function childProcessEtlLauncher(options: {
  readonly command: string;
  readonly cwd: string;
  /** The child's environment (default: the server's own). */
  readonly env?: NodeJS.ProcessEnv;
  readonly log: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
  /** Called once the child has ended, whatever its outcome. */
  readonly onExit?: () => void;
}): EtlLauncher {
  let running: { info: EtlLaunchInfo; child: ChildProcess; done: Promise<void> } | null = null;
  return {
    launch(mode) {
      if (running) return { ...running.info, status: 'already_running' };
      const [cmd, ...args] = options.command.split(/\s+/).filter(Boolean);
      if (!cmd) throw new Error('ETL_COMMAND is empty');
      const launchId = randomUUID();
      const child = spawn(cmd, [...args, mode === 'full' ? '--full' : '--incremental'], {
        cwd: options.cwd,
        ...(options.env ? { env: options.env } : {}),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const info: EtlLaunchInfo = {
        launchId,
        status: 'started',
        pid: child.pid ?? null,
        startedAt: new Date().toISOString(),
        mode,
      };
      const forward = (stream: NodeJS.ReadableStream | null, level: 'info' | 'warn') =>
        stream?.on('data', (chunk: Buffer) => {
          for (const line of chunk.toString('utf8').split('\n')) {
            if (line.trim()) options.log(level, 'etl output', { launchId, line });
          }
        });
      forward(child.stdout, 'info');
      forward(child.stderr, 'warn');
      const done = new Promise<void>((resolve) => {
        child.on('error', (error) => {
          options.log('warn', 'etl failed to start', { launchId, error: error.message });
          resolve();
        });
        child.on('exit', (code, signal) => {
          options.log(code === 0 ? 'info' : 'warn', 'etl finished', { launchId, code, signal });
          resolve();
        });
      }).finally(() => {
        running = null;
        options.onExit?.();
      });
      running = { info, child, done };
      return info;
    },
    async drain() {
      await running?.done;
    },
  };
}
