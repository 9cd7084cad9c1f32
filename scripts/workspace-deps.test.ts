import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * turbo orders (and invalidates) `typecheck` by the workspace dependency graph: a package that
 * imports another `@asn/*` package without declaring it could replay a stale pass after the other
 * one changed. Every `@asn/*` import must be a declared dependency of its package.
 */
const ROOT = resolve(import.meta.dirname, '..');
const PACKAGES = ['warehouse', 'etl', 'api', 'dashboard'];

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (/\.(ts|tsx|mts)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe('workspace dependencies', () => {
  it('every @asn/* package a workspace imports is in its package.json', async () => {
    const missing: string[] = [];
    for (const pkg of PACKAGES) {
      const manifest = JSON.parse(await readFile(join(ROOT, pkg, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const declared = new Set([
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.devDependencies ?? {}),
      ]);
      const imported = new Set<string>();
      for (const file of await sources(join(ROOT, pkg))) {
        for (const m of (await readFile(file, 'utf8')).matchAll(/from '(@asn\/[a-z-]+)/g)) {
          if (m[1] && m[1] !== manifest.name) imported.add(m[1]);
        }
      }
      for (const name of imported) if (!declared.has(name)) missing.push(`${pkg} imports ${name}`);
    }
    expect(missing).toEqual([]);
  });
});
