import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TableRunCounts } from '@asn/warehouse';
import type { SingleBar } from 'cli-progress';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { EtlStage } from '../run/index.ts';
import {
  type Bars,
  formatElapsed,
  progressReporter,
  STAGE_LABELS,
  stageLine,
  tableLine,
} from './progress.ts';

/** Every stage in the order a run reaches them ('landed' is declared but not reached today). */
const STAGES = [
  'started',
  'extracted',
  'landed',
  'mid-stg',
  'stg-written',
  'marts-built',
  'tested',
  'before-publish',
  'published',
] as const satisfies readonly EtlStage[];
/** The internal names no operator line may show (the others are plain English words). */
const INTERNAL = /mid-stg|stg-written|marts-built|before-publish|— \w/;

const counts = (table: string, read: number, loaded: number, quarantined: number): TableRunCounts => ({
  table,
  read,
  loaded,
  quarantined,
  collapsed: 0,
  inserted: loaded,
  deleted: 0,
  seconds: 0.5,
});

describe('the stage labels', () => {
  it('has one for every stage, and no other', () => {
    // A Record over EtlStage: a stage added to types.ts without a label does not compile.
    expectTypeOf(STAGE_LABELS).toEqualTypeOf<Readonly<Record<EtlStage, string>>>();
    expect(Object.keys(STAGE_LABELS).sort()).toEqual([...STAGES].sort());
  });

  it('reads as English for an operator, never as the internal name', () => {
    for (const stage of STAGES) {
      expect(STAGE_LABELS[stage], stage).toMatch(/^[a-z][a-z ;,]+[a-z]$/);
      expect(STAGE_LABELS[stage], stage).not.toMatch(INTERNAL);
    }
    expect(new Set(Object.values(STAGE_LABELS)).size).toBe(STAGES.length);
    expect(STAGE_LABELS['stg-written']).toBe('staging tables written; building marts');
  });
});

describe('the elapsed time', () => {
  it('is seconds with one decimal in brackets, as the summary line states it', () => {
    expect(formatElapsed(0)).toBe('[0.0 s]');
    expect(formatElapsed(12_345)).toBe('[12.3 s]');
    expect(formatElapsed(125_070)).toBe('[125.1 s]');
    // performance.now() never runs backwards, but a clamp costs nothing.
    expect(formatElapsed(-3)).toBe('[0.0 s]');
  });

  it('leads the stage and table lines', () => {
    expect(stageLine('marts-built', 9_870)).toBe('[9.9 s] marts built; running data tests');
    expect(tableLine(counts('agencies', 3, 2, 1), 1_000)).toBe(
      '[1.0 s] agencies: read 3, loaded 2, quarantined 1',
    );
  });
});

/** A MultiBar that records what it was asked to draw. */
function fakeBars() {
  const calls: string[] = [];
  const bars: Bars = {
    isActive: false,
    create(total: number) {
      bars.isActive = true;
      let t = total;
      calls.push(`create ${total}`);
      return {
        getTotal: () => t,
        setTotal: (n: number) => {
          t = n;
        },
        update: (n: number) => calls.push(`update ${n}/${t}`),
      } as unknown as SingleBar;
    },
    log: (s: string) => calls.push(`log ${s}`),
    update: () => calls.push('redraw'),
    stop: () => {
      bars.isActive = false;
      calls.push('stop');
    },
  };
  return { bars, calls };
}

describe('the progress reporter', () => {
  it('prints timed stage and table lines when stdout is no TTY', () => {
    const printed: string[] = [];
    let now = 1_000;
    const progress = progressReporter({
      bars: null,
      print: (l) => printed.push(l),
      started: 1_000,
      now: () => now,
    });
    progress.onProgress({ kind: 'stage', stage: 'started' });
    progress.onProgress({ kind: 'extract', table: 'agencies', rows: 5, estimate: 10 });
    now = 2_500;
    progress.onProgress({ kind: 'table', counts: counts('agencies', 5, 5, 0) });
    progress.onProgress({ kind: 'log', message: 'agencies: copied in 2 chunks' });
    now = 13_300;
    progress.onProgress({ kind: 'stage', stage: 'stg-written' });
    expect(printed).toEqual([
      '[0.0 s] run started; reading the sources',
      '[1.5 s] agencies: read 5, loaded 5, quarantined 0',
      'agencies: copied in 2 chunks',
      '[12.3 s] staging tables written; building marts',
    ]);
  });

  it('on a TTY writes stage and table lines above the bars, and plainly once the bars are done', () => {
    const printed: string[] = [];
    const { bars, calls } = fakeBars();
    const progress = progressReporter({ bars, print: (l) => printed.push(l), started: 0, now: () => 2_000 });
    // No bar yet (a run of file drops has none): MultiBar would buffer the line and never draw it.
    progress.onProgress({ kind: 'stage', stage: 'started' });
    progress.onProgress({ kind: 'extract', table: 'agencies', rows: 0, estimate: 4 });
    progress.onProgress({ kind: 'extract', table: 'agencies', rows: 6, estimate: 4 });
    progress.onProgress({ kind: 'stage', stage: 'extracted' });
    progress.onProgress({ kind: 'table', counts: counts('agencies', 6, 5, 1) });
    progress.onProgress({ kind: 'stage', stage: 'stg-written' });
    progress.onProgress({ kind: 'stage', stage: 'marts-built' });
    progress.stopBars();
    expect(calls).toEqual([
      'create 4',
      'update 0/4',
      'update 6/6',
      'log [2.0 s] extract under way; validating and loading staging tables\n',
      'log [2.0 s] agencies: read 6, loaded 5, quarantined 1\n',
      // The buffered lines are drawn before the bars stop (stop() alone drops them).
      'redraw',
      'stop',
    ]);
    expect(printed).toEqual([
      '[2.0 s] run started; reading the sources',
      '[2.0 s] staging tables written; building marts',
      '[2.0 s] marts built; running data tests',
    ]);
  });
});

describe('npm run etl when stdout is no TTY', () => {
  const repoRoot = resolve(import.meta.dirname, '../../..');
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-progress-'));
    await writeFile(
      join(dir, 'agencies.csv'),
      'id,code,name,kind,valid_from\n1,SETDA,Setda,sekretariat,2020-01-01\n',
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints each stage as a timed, readable line, in order, then the summary', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'etl/src/cli/etl.ts', '--source', 'files', '--files', dir],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          WAREHOUSE_DIR: join(dir, 'warehouse'),
          DATA_DIR: join(dir, 'data'),
          PSEUDONYM_KEY: 'test-key-0123456789',
          ETL_KILL_AT: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += String(c);
    });
    child.stderr.on('data', (c) => {
      stderr += String(c);
    });
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(code, `${stdout}${stderr}`).toBe(0);

    const timed = [...stdout.matchAll(/^\[(\d+\.\d) s\] (.+)$/gm)].map((m) => ({
      seconds: Number(m[1]),
      text: m[2],
    }));
    const reached = STAGES.filter((s) => s !== 'landed');
    expect(timed.map((t) => t.text)).toEqual([
      ...reached.slice(0, 2).map((s) => STAGE_LABELS[s]),
      'agencies: read 1, loaded 1, quarantined 0',
      ...reached.slice(2).map((s) => STAGE_LABELS[s]),
    ]);
    const seconds = timed.map((t) => t.seconds);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(stdout).not.toMatch(INTERNAL);
    // The summary stays as it was.
    expect(stdout).toMatch(/full run \S+ published snapshot \S+ in \d+\.\d s/);
    expect(stdout).toMatch(
      /table\s*│ read\s*│ loaded\s*│ quarantined\s*│ collapsed\s*│ inserted\s*│ deleted/,
    );
  }, 90_000);
});
