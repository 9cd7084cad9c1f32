import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { API_SETTINGS, readApiEnv } from '@asn/api';
import { ETL_SETTINGS, readEnv } from '@asn/etl';
import { readWarehouseEnv, WAREHOUSE_SETTINGS } from '@asn/warehouse';
import { describe, expect, it } from 'vitest';

/**
 * The README's Configuration table and `.env.example` say which variables each package reads and
 * their defaults; the packages' `src/env.ts` decide. Kept equal here: a setting added, renamed or
 * given another default in code fails this test until both documents say so.
 */
const ROOT = resolve(import.meta.dirname, '..');

interface DocRow {
  readonly keys: readonly string[];
  readonly readBy: string;
  /** The default cell, one part per key (a row naming several keys lists their defaults in order). */
  readonly defaults: readonly string[];
}

/** The rows of the README's Configuration table. */
function readmeRows(): DocRow[] {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('## GraphQL for researchers'),
  );
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [first = '', readBy = '', fallback = ''] = line.split(' | ').map((c) => c.replace(/^\| /, ''));
      const keys = [...first.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1] as string);
      return { keys, readBy, defaults: keys.length > 1 ? fallback.split(', ') : [fallback] };
    });
}

/** `KEY=value` lines of `.env.example`. */
function envExample(): Map<string, string> {
  const text = readFileSync(resolve(ROOT, '.env.example'), 'utf8');
  return new Map(
    [...text.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [
      m[1] as string,
      (m[2] as string).replace(/^"|"$/g, ''),
    ]),
  );
}

const PACKAGES = [
  { name: 'etl', settings: ETL_SETTINGS, defaults: readEnv({}) as Record<string, unknown> },
  { name: 'api', settings: API_SETTINGS, defaults: readApiEnv({}) as Record<string, unknown> },
] as const;

/** The documented default as a value: the cell's leading code span, else its first word. */
const documented = (cell: string) => {
  const code = /^`([^`]*)`/.exec(cell.trim());
  return code ? (code[1] as string) : (cell.trim().split(/\s/)[0] ?? '');
};

describe('the configuration as documented', () => {
  const rows = readmeRows();
  const example = envExample();
  const rowOf = (key: string) => rows.find((r) => r.keys.includes(key));

  it('lists every variable a package reads in the README, naming the package, and in .env.example', () => {
    expect(rows.length).toBeGreaterThan(20);
    for (const pkg of PACKAGES) {
      for (const key of pkg.settings) {
        const row = rowOf(key);
        expect(row, `${key} (${pkg.name}) in the README's Configuration table`).toBeDefined();
        expect(row?.readBy, `${key}: "read by" names ${pkg.name}`).toContain(pkg.name);
        expect(example.has(key), `${key} (${pkg.name}) in .env.example`).toBe(true);
      }
    }
  });

  it('documents no variable as read by a package that does not read it', () => {
    for (const row of rows) {
      for (const pkg of PACKAGES) {
        if (!new RegExp(`\\b${pkg.name}\\b`).test(row.readBy)) continue;
        for (const key of row.keys)
          expect(pkg.settings, `${key}: documented as read by ${pkg.name}`).toContain(key);
      }
    }
    for (const key of example.keys()) {
      const row = rowOf(key);
      expect(row, `${key} of .env.example in the README's table`).toBeDefined();
    }
  });

  it('gives each default as the code has it, in the README and in .env.example', () => {
    let compared = 0;
    for (const pkg of PACKAGES) {
      for (const key of pkg.settings) {
        const value = pkg.defaults[key];
        // Unset, derived ($DATA_DIR/warehouse) or not a scalar: the README words those.
        if (value === undefined || value === '' || typeof value === 'object') continue;
        const row = rowOf(key) as DocRow;
        const cell = row.defaults[row.keys.indexOf(key)] ?? '';
        // Derived from another setting (`$DATA_DIR/warehouse`): said as the formula.
        if (documented(cell).startsWith('$')) continue;
        expect(documented(cell), `${key}: README default "${cell}"`).toBe(String(value));
        const line = example.get(key);
        if (line !== undefined && line !== '') expect(line, `${key} in .env.example`).toBe(String(value));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('declares in the warehouse package the defaults the ETL and the API use', () => {
    const warehouse = readWarehouseEnv({}) as Record<string, unknown>;
    for (const key of WAREHOUSE_SETTINGS) {
      for (const pkg of PACKAGES) {
        if (pkg.settings.includes(key))
          expect(warehouse[key], `${key}: warehouse against ${pkg.name}`).toEqual(pkg.defaults[key]);
      }
      expect(
        PACKAGES.some((pkg) => pkg.settings.includes(key)),
        `${key}: read by no command`,
      ).toBe(true);
    }
  });
});
