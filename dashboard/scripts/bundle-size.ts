/**
 * Initial JS budget (issue 6: ≤ 300 KB gzip). Reads the Vite manifest of `dist/` and sums the gzip
 * size of the entry chunk and every chunk it imports statically — what the browser must fetch
 * before the first page can render. Lazy pages (dynamic imports) are listed apart.
 *
 *   tsx dashboard/scripts/bundle-size.ts [distDir] [--json]
 *
 * `bundleSize()` is exported for the root bench. Exits 1 when over budget.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 300 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface ChunkSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BundleReport {
  readonly budgetBytes: number;
  readonly initialJsGzipBytes: number;
  readonly withinBudget: boolean;
  readonly initial: readonly ChunkSize[];
  readonly initialCss: readonly ChunkSize[];
  readonly lazy: readonly ChunkSize[];
}

async function sizeOf(distDir: string, file: string): Promise<ChunkSize> {
  const content = await readFile(join(distDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

export async function bundleSize(distDir: string): Promise<BundleReport> {
  const manifest = JSON.parse(await readFile(join(distDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error(`no entry chunk in ${distDir}/.vite/manifest.json`);
  const initialKeys = new Set<string>();
  const visit = (key: string) => {
    if (initialKeys.has(key)) return;
    initialKeys.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  visit(entryKey);
  const lazyKeys = new Set<string>();
  for (const key of Object.keys(manifest))
    if (!initialKeys.has(key) && manifest[key]?.file.endsWith('.js')) lazyKeys.add(key);

  const initial = await Promise.all([...initialKeys].map((k) => sizeOf(distDir, manifest[k]!.file)));
  const css = [...new Set([...initialKeys].flatMap((k) => manifest[k]?.css ?? []))];
  const initialCss = await Promise.all(css.map((f) => sizeOf(distDir, f)));
  const lazy = await Promise.all([...lazyKeys].map((k) => sizeOf(distDir, manifest[k]!.file)));
  const initialJsGzipBytes = initial.reduce((s, c) => s + c.gzipBytes, 0);
  return {
    budgetBytes: BUDGET_BYTES,
    initialJsGzipBytes,
    withinBudget: initialJsGzipBytes <= BUDGET_BYTES,
    initial,
    initialCss,
    lazy: lazy.sort((a, b) => b.gzipBytes - a.gzipBytes),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../dist', import.meta.url));
  const report = await bundleSize(dist);
  if (args.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    for (const c of report.initial) console.log(`initial  ${kb(c.gzipBytes).padStart(9)} gzip  ${c.file}`);
    for (const c of report.initialCss) console.log(`css      ${kb(c.gzipBytes).padStart(9)} gzip  ${c.file}`);
    for (const c of report.lazy) console.log(`lazy     ${kb(c.gzipBytes).padStart(9)} gzip  ${c.file}`);
    console.log(
      `initial JS ${kb(report.initialJsGzipBytes)} gzip of ${kb(report.budgetBytes)} budget: ${report.withinBudget ? 'OK' : 'OVER BUDGET'}`,
    );
  }
  if (!report.withinBudget) process.exitCode = 1;
}
