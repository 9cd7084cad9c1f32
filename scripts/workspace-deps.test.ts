import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every package a workspace imports is declared in its own package.json, not borrowed from a
 * neighbour's through npm's hoisting: turbo orders (and invalidates) `typecheck` by the declared
 * graph, and a package that works only because another one installs its dependency breaks when
 * that one drops it. What the product runs (`npm start`, `npm run serve -w @asn/api`, the ETL
 * CLIs) is in `dependencies`, so an install without dev dependencies still runs it; tests, benches,
 * build tools and type-only imports may be dev dependencies. The dashboard is bundled by Vite, so
 * for it declared anywhere is enough.
 */
const ROOT = resolve(import.meta.dirname, '..');

interface Manifest {
  readonly name?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly scripts?: Record<string, string>;
  readonly workspaces?: readonly string[];
}

interface Pkg {
  /** The package's folder, relative to the root ('' for the root). */
  readonly dir: string;
  /** The folders whose files belong to it (the root's: scripts/ and its own config files). */
  readonly folders: readonly string[];
  /** Whether a file is part of what the product runs (its imports must be `dependencies`). */
  readonly runtime: (file: string) => boolean;
  /** The npm scripts that run the product (a `tsx` in them makes tsx a runtime dependency). */
  readonly runScripts: readonly string[];
}

/** Library code under src/, but not its tests, test helpers or benches. */
const librarySource = (file: string) =>
  file.startsWith('src/') && !/\.test\.tsx?$/.test(file) && !/(^|\/)(testing|bench)\//.test(file);

const PACKAGES: readonly Pkg[] = [
  { dir: 'warehouse', folders: ['.'], runtime: librarySource, runScripts: [] },
  { dir: 'etl', folders: ['.'], runtime: librarySource, runScripts: [] },
  { dir: 'api', folders: ['.'], runtime: librarySource, runScripts: ['serve'] },
  { dir: 'dashboard', folders: ['.'], runtime: () => false, runScripts: [] },
  {
    dir: '',
    folders: ['scripts', 'vitest.config.ts'],
    runtime: (file) => file === 'scripts/start.ts',
    runScripts: ['start', 'demo', 'etl', 'migrate', 'snapshots'],
  },
];

async function files(path: string): Promise<string[]> {
  if (/\.(ts|tsx|mts|mjs)$/.test(path)) return [path];
  const out: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true }).catch(() => [])) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await files(child)));
    else if (/\.(ts|tsx|mts|mjs)$/.test(entry.name)) out.push(child);
  }
  return out;
}

/** The packages a module imports, each with whether only its types are (`import type`). */
function importedPackages(source: string): Map<string, { typeOnly: boolean }> {
  const found = new Map<string, { typeOnly: boolean }>();
  const add = (specifier: string, typeOnly: boolean) => {
    if (/^[./]/.test(specifier) || specifier.startsWith('node:')) return;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
    if (builtinModules.includes(name) || !/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(name)) return;
    const seen = found.get(name);
    found.set(name, { typeOnly: typeOnly && (seen?.typeOnly ?? true) });
  };
  // Static imports and re-exports (possibly over several lines), side-effect imports.
  for (const m of source.matchAll(/^\s*(import|export)(\s+type)?\b[^'"`;()=]*?\bfrom\s+['"]([^'"]+)['"]/gm))
    add(m[3] ?? '', m[2] !== undefined);
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) add(m[1] ?? '', false);
  // Dynamic imports, require and require.resolve (createRequire), in code, not in comments.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/\b(?:import|require(?:\.resolve)?)\(\s*['"]([^'"]+)['"]\s*[,)]/g))
    add(m[1] ?? '', false);
  return found;
}

describe('workspace dependencies', () => {
  it('finds static, type-only, side-effect, dynamic and resolved imports, not relative or built-in ones', () => {
    const found = importedPackages(
      [
        "import { a } from 'left';",
        "import type { B } from '@scope/types/sub';",
        "import {\n  c,\n  type D,\n} from '@scope/multi';",
        "import 'reflect-metadata';",
        "export { e } from 'right/deep/path.js';",
        "import x from './local.ts';",
        "import { readFile } from 'node:fs/promises';",
        "import { join } from 'path';",
        "const v = await import('vite');",
        "const p = require.resolve('idn-area-data/package.json');",
        '// a comment: import("commented")',
        "const s = 'text from \\'quoted\\' words';",
        // A function exported above SQL that selects from a table named by a template placeholder.
        `export function f(table: string) {\n  return \`select * from "\${table}"\`;\n}`,
      ].join('\n'),
    );
    expect(Object.fromEntries(found)).toEqual({
      left: { typeOnly: false },
      '@scope/types': { typeOnly: true },
      '@scope/multi': { typeOnly: false },
      'reflect-metadata': { typeOnly: false },
      right: { typeOnly: false },
      vite: { typeOnly: false },
      'idn-area-data': { typeOnly: false },
    });
  });

  it('every package a workspace imports is in its own package.json, what the product runs in dependencies', async () => {
    // One line per package and problem, naming the first file found.
    const problems = new Map<string, string>();
    const report = (problem: string, where: string) => {
      if (!problems.has(problem)) problems.set(problem, where);
    };
    for (const pkg of PACKAGES) {
      const base = join(ROOT, pkg.dir);
      const manifest = JSON.parse(await readFile(join(base, 'package.json'), 'utf8')) as Manifest;
      const deps = new Set(Object.keys(manifest.dependencies ?? {}));
      const dev = new Set(Object.keys(manifest.devDependencies ?? {}));
      // The root reaches its workspaces through their links.
      const workspaces = new Set<string>();
      for (const ws of manifest.workspaces ?? []) {
        const wsManifest = JSON.parse(await readFile(join(ROOT, ws, 'package.json'), 'utf8')) as Manifest;
        if (wsManifest.name) workspaces.add(wsManifest.name);
      }
      const label = pkg.dir || 'root';
      let scanned = 0;
      let imports = 0;
      for (const folder of pkg.folders) {
        for (const file of await files(join(base, folder))) {
          scanned++;
          const rel = relative(base, file);
          if (file === import.meta.filename) continue; // its own examples above
          for (const [name, { typeOnly }] of importedPackages(await readFile(file, 'utf8'))) {
            imports++;
            if (name === manifest.name || workspaces.has(name)) continue;
            if (!deps.has(name) && !dev.has(name)) report(`${label}: ${name} imported, not declared`, rel);
            else if (pkg.runtime(rel) && !typeOnly && !deps.has(name))
              report(`${label}: ${name} run by the product, only a devDependency`, rel);
          }
        }
      }
      expect(scanned, `${label}: files scanned`).toBeGreaterThan(0);
      expect(imports, `${label}: packages imported`).toBeGreaterThan(0);
      for (const script of pkg.runScripts) {
        const command = manifest.scripts?.[script] ?? '';
        expect(command, `${label}: script ${script}`).not.toBe('');
        if (/(^|\s)(--import\s+)?tsx(\s|$)/.test(command) && !deps.has('tsx'))
          report(`${label}: tsx run by the product, not in dependencies`, `script ${script}`);
      }
    }
    expect([...problems].map(([problem, where]) => `${problem} (${where})`)).toEqual([]);
  });
});
