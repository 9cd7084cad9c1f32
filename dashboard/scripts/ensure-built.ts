/**
 * The dashboard's build, made when it is needed: `npm start` calls `ensureDashboardBuilt()` before
 * it serves `dist/`, so a fresh clone (`npm install && npm start`) and a checkout whose dashboard
 * sources moved since the last build both serve the dashboard of the code they hold, not the
 * "not built" page. A build takes about 2 s here; an up-to-date `dist/` is left alone.
 *
 * Inputs are what `vite build` reads: `index.html`, the Vite and TypeScript configs, `package.json`,
 * and every file under `src/` and `public/` except tests. The build is stale when any of them is
 * newer than `dist/index.html` (written last by Vite) or `dist/` has no `index.html`.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The dashboard package (the directory holding its `index.html` and `vite.config.ts`). */
export const DASHBOARD_ROOT = fileURLToPath(new URL('..', import.meta.url));

const ROOT_INPUTS = ['index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'];
const INPUT_DIRS = ['src', 'public'];
const TEST_FILE = /\.test\.tsx?$/;

export interface BuildState {
  /** True when `dist/` is missing or older than an input. */
  readonly stale: boolean;
  /** Why, in words (for the log): no build yet, or the newest input that changed since the build. */
  readonly reason: string;
}

async function mtimeMs(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

interface Input {
  /** Path relative to the dashboard root. */
  readonly file: string;
  readonly mtimeMs: number;
}

/** Every build input under `root` that exists, with its modification time. */
async function buildInputs(root: string): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const name of ROOT_INPUTS) {
    const ms = await mtimeMs(join(root, name));
    if (ms !== null) inputs.push({ file: name, mtimeMs: ms });
  }
  for (const dir of INPUT_DIRS) {
    let entries: string[];
    try {
      entries = await readdir(join(root, dir), { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const entry of entries) {
      if (TEST_FILE.test(entry)) continue;
      const path = join(root, dir, entry);
      const info = await stat(path);
      if (info.isFile()) inputs.push({ file: relative(root, path), mtimeMs: info.mtimeMs });
    }
  }
  return inputs;
}

/** Whether the dashboard under `root` needs `vite build` before `dist/` can be served. */
export async function dashboardBuildState(root: string = DASHBOARD_ROOT): Promise<BuildState> {
  const built = await mtimeMs(join(root, 'dist', 'index.html'));
  if (built === null) return { stale: true, reason: 'no build yet (dist/index.html is missing)' };
  const changed = (await buildInputs(root)).filter((input) => input.mtimeMs > built);
  if (changed.length > 0) {
    const newest = changed.reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
    const more = changed.length > 1 ? ` (and ${changed.length - 1} more)` : '';
    return { stale: true, reason: `${newest.file}${more} changed since the last build` };
  }
  return { stale: false, reason: 'dist/ is up to date' };
}

export type EnsureOutcome =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'built'; readonly reason: string; readonly seconds: number }
  | { readonly kind: 'failed'; readonly reason: string; readonly error: string };

/**
 * Builds the dashboard under `root` with Vite's JavaScript API when `dashboardBuildState` says it
 * is stale; never throws. A failed build (a syntax error in the sources, or Vite missing from a
 * production-only install) is reported as `failed` with the error: the caller still serves the API,
 * and the server answers `/` with its "not built" page, which says what to run.
 */
export async function ensureDashboardBuilt(root: string = DASHBOARD_ROOT): Promise<EnsureOutcome> {
  let reason = '';
  try {
    const state = await dashboardBuildState(root);
    if (!state.stale) return { kind: 'fresh' };
    reason = state.reason;
    const started = performance.now();
    const { build } = await import('vite');
    await build({ root, logLevel: 'error' });
    return { kind: 'built', reason, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    return { kind: 'failed', reason, error: (error as Error).message };
  }
}
