/**
 * What `npm run etl` prints while a run goes on: a progress bar per PostgreSQL table during the
 * extract (on a TTY), and, in both modes, a timed line per stage and per loaded table, so the stg
 * load, marts, data tests and publish (most of a run) are not silent.
 */
import type { TableRunCounts } from '@asn/warehouse';
import type { MultiBar, SingleBar } from 'cli-progress';
import type { EtlProgress, EtlStage } from '../run/index.ts';

/**
 * What an operator reads when the run reaches each stage: what just ended and what runs now. A
 * Record, so a stage added to EtlStage does not compile until it has a label here. The stage names
 * themselves stay internal (ETL_KILL_AT and the kill tests use them).
 */
export const STAGE_LABELS: Readonly<Record<EtlStage, string>> = {
  started: 'run started; reading the sources',
  extracted: 'extract under way; validating and loading staging tables',
  landed: 'extracted rows landed; validating and loading staging tables',
  'mid-stg': 'first staging table loaded; loading the others',
  'stg-written': 'staging tables written; building marts',
  'marts-built': 'marts built; running data tests',
  tested: 'data tests passed; writing the run record',
  'before-publish': 'publishing the snapshot',
  published: 'snapshot published',
};

/** Time since the run started, as the summary line states it: `[12.3 s]`. */
export function formatElapsed(ms: number): string {
  return `[${(Math.max(0, ms) / 1000).toFixed(1)} s]`;
}

export function stageLine(stage: EtlStage, elapsedMs: number): string {
  return `${formatElapsed(elapsedMs)} ${STAGE_LABELS[stage]}`;
}

export function tableLine(c: TableRunCounts, elapsedMs: number): string {
  return `${formatElapsed(elapsedMs)} ${c.table}: read ${c.read}, loaded ${c.loaded}, quarantined ${c.quarantined}`;
}

/** The part of cli-progress's MultiBar the reporter uses (a fake in tests). */
export type Bars = Pick<MultiBar, 'create' | 'log' | 'update' | 'stop' | 'isActive'>;

export interface ProgressReporter {
  /** Handles one `onProgress` event of runEtl. */
  readonly onProgress: (event: EtlProgress) => void;
  /** Prints a line: above the bars while they are drawn, else straight out. */
  readonly say: (line: string) => void;
  /** Draws the bars a last time with any line still buffered, and stops redrawing them. */
  readonly stopBars: () => void;
}

/**
 * `bars` null: plain lines (stdout is not a TTY). `now` is performance.now-like; `started` its
 * value when the run started.
 */
export function progressReporter(options: {
  readonly bars: Bars | null;
  readonly print: (line: string) => void;
  readonly started: number;
  readonly now?: () => number;
}): ProgressReporter {
  const { bars, print, started } = options;
  const now = options.now ?? (() => performance.now());
  const bar = new Map<string, SingleBar>();
  let stopped = false;
  // MultiBar.log only buffers; the buffer is written on the next redraw, and redraws run only once
  // a bar exists (a run of file drops has none) and stop with stop(). Lines go straight out then.
  const say = (line: string) => {
    if (bars?.isActive) bars.log(`${line}\n`);
    else print(line);
  };
  const stopBars = () => {
    if (!bars?.isActive || stopped) return;
    stopped = true;
    // stop() drops what log() buffered since the last redraw: redraw first.
    bars.update();
    bars.stop();
  };
  const onProgress = (event: EtlProgress) => {
    const elapsed = now() - started;
    if (event.kind === 'extract') {
      if (!bars || stopped) return;
      let b = bar.get(event.table);
      if (!b) {
        b = bars.create(Math.max(event.estimate, event.rows, 1), 0, { table: event.table.padEnd(24) });
        bar.set(event.table, b);
      }
      if (event.rows > b.getTotal()) b.setTotal(event.rows);
      b.update(event.rows);
    } else if (event.kind === 'table') {
      say(tableLine(event.counts, elapsed));
    } else if (event.kind === 'stage') {
      // Every extract has landed by now: the bars are final, and the lines after them read plainly.
      if (event.stage === 'stg-written') stopBars();
      say(stageLine(event.stage, elapsed));
    } else {
      say(event.message);
    }
  };
  return { onProgress, say, stopBars };
}
