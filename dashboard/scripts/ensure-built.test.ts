import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardBuildState, ensureDashboardBuilt } from './ensure-built.ts';

/** A minimal Vite project: index.html loading src/main.js, which sets the page's text. */
async function fixture(dir: string, text: string): Promise<void> {
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>',
  );
  await writeFile(join(dir, 'package.json'), '{"name":"fixture","private":true,"type":"module"}');
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(
    join(dir, 'src', 'main.js'),
    `document.getElementById('app').textContent = ${JSON.stringify(text)};\n`,
  );
}

/** The text of every JS asset of the build (what the browser would run). */
async function builtJs(dir: string): Promise<string> {
  const html = await readFile(join(dir, 'dist', 'index.html'), 'utf8');
  const src = html.match(/src="\/(assets\/[^"]+\.js)"/)?.[1];
  if (!src) throw new Error(`no script in the built index.html: ${html}`);
  return readFile(join(dir, 'dist', src), 'utf8');
}

/** Moves a file's modification time `seconds` into the future (file systems round mtimes). */
async function touchLater(path: string, seconds: number): Promise<void> {
  const later = new Date(Date.now() + seconds * 1000);
  await utimes(path, later, later);
}

describe('ensureDashboardBuilt (npm start builds the dashboard when needed)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ensure-built-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds a dashboard that has never been built, then leaves the fresh build alone', async () => {
    await fixture(dir, 'first version');
    expect(await dashboardBuildState(dir)).toEqual({
      stale: true,
      reason: 'no build yet (dist/index.html is missing)',
    });

    const first = await ensureDashboardBuilt(dir);
    expect(first).toMatchObject({ kind: 'built', reason: 'no build yet (dist/index.html is missing)' });
    expect(await builtJs(dir)).toContain('first version');
    expect(await dashboardBuildState(dir)).toEqual({ stale: false, reason: 'dist/ is up to date' });

    const builtAt = (await stat(join(dir, 'dist', 'index.html'))).mtimeMs;
    expect(await ensureDashboardBuilt(dir)).toEqual({ kind: 'fresh' });
    expect((await stat(join(dir, 'dist', 'index.html'))).mtimeMs).toBe(builtAt);
  });

  it('rebuilds when a source changed after the build, naming the file', async () => {
    await fixture(dir, 'old text');
    expect((await ensureDashboardBuilt(dir)).kind).toBe('built');
    await writeFile(
      join(dir, 'src', 'main.js'),
      `document.getElementById('app').textContent = 'new text';\n`,
    );
    await touchLater(join(dir, 'src', 'main.js'), 5);

    expect(await dashboardBuildState(dir)).toEqual({
      stale: true,
      reason: `${join('src', 'main.js')} changed since the last build`,
    });
    expect(await ensureDashboardBuilt(dir)).toMatchObject({ kind: 'built' });
    const js = await builtJs(dir);
    expect(js).toContain('new text');
    expect(js).not.toContain('old text');
  });

  it('counts every changed input, and ignores test files', async () => {
    await fixture(dir, 'text');
    expect((await ensureDashboardBuilt(dir)).kind).toBe('built');
    await writeFile(join(dir, 'src', 'main.test.ts'), 'export {};\n');
    await touchLater(join(dir, 'src', 'main.test.ts'), 5);
    expect((await dashboardBuildState(dir)).stale).toBe(false);

    await touchLater(join(dir, 'index.html'), 5);
    await touchLater(join(dir, 'src', 'main.js'), 10);
    expect(await dashboardBuildState(dir)).toEqual({
      stale: true,
      reason: `${join('src', 'main.js')} (and 1 more) changed since the last build`,
    });
  });

  it('reports a failed build with its reason and error instead of throwing', async () => {
    await fixture(dir, 'text');
    await writeFile(join(dir, 'src', 'main.js'), 'export const broken = ;\n');

    const outcome = await ensureDashboardBuilt(dir);
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.reason).toBe('no build yet (dist/index.html is missing)');
    expect(outcome.error).toMatch(/main\.js/);
    // Nothing half-built is left behind as if it were a build.
    expect((await dashboardBuildState(dir)).stale).toBe(true);
  });
});
