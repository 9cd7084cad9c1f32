import { readFileSync } from 'node:fs';

/**
 * The CPU a span of the benchmark used: this process's (user and system time, minor page faults)
 * and, on Linux, the whole machine's from /proc/stat: the ETL's CPU plus PostgreSQL's and the
 * kernel's work for both. With the wall time it shows whether a run was CPU-bound (busy close to
 * cores × wall), which no reordering of the pipeline can speed up.
 */
export interface CpuSpan {
  readonly wallMs: number;
  readonly processUserMs: number;
  readonly processSystemMs: number;
  readonly minorPageFaults: number;
  /** CPU time of all processes (user, nice, system, irq, softirq), or null without /proc/stat. */
  readonly machineBusyMs: number | null;
  /**
   * Time the hypervisor ran something else on our virtual cores (a noisy neighbour), or null
   * without /proc/stat.
   */
  readonly machineStealMs: number | null;
}

/** /proc/stat counts in clock ticks; Linux's USER_HZ is 100 on every architecture Node runs on. */
const TICK_MS = 10;

interface MachineTicks {
  readonly busy: number;
  readonly steal: number;
}

/** The aggregate `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal … */
function parseProcStat(text: string): MachineTicks | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  if ([user, nice, system].some((v) => v === undefined || !Number.isFinite(v))) return null;
  const v = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : 0);
  return { busy: v(user) + v(nice) + v(system) + v(irq) + v(softirq), steal: v(steal) };
}

function machineTicks(): MachineTicks | null {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** Starts measuring; the returned function ends the span and returns what it used. */
export function startCpuMeter(): () => CpuSpan {
  const t0 = performance.now();
  const usage0 = process.resourceUsage();
  const machine0 = machineTicks();
  return () => {
    const usage = process.resourceUsage();
    const machine = machineTicks();
    const delta = (f: (m: MachineTicks) => number) =>
      machine0 && machine ? (f(machine) - f(machine0)) * TICK_MS : null;
    return {
      wallMs: performance.now() - t0,
      processUserMs: (usage.userCPUTime - usage0.userCPUTime) / 1000,
      processSystemMs: (usage.systemCPUTime - usage0.systemCPUTime) / 1000,
      minorPageFaults: usage.minorPageFault - usage0.minorPageFault,
      machineBusyMs: delta((m) => m.busy),
      machineStealMs: delta((m) => m.steal),
    };
  };
}

/** `measure` with the CPU it used. */
export async function withCpu<T>(measure: () => Promise<T>): Promise<{ result: T; cpu: CpuSpan }> {
  const stop = startCpuMeter();
  const result = await measure();
  return { result, cpu: stop() };
}
