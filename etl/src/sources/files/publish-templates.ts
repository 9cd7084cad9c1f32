import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SOURCE_TABLES, tableSpec } from '../../source-schema/catalog.ts';
import { writeAllTemplates } from './template.ts';

/** Folder of the warehouse dir that holds the blank file-drop templates the API serves. */
export const TEMPLATES_DIR = 'templates';

/** `templates/index.json`: what the dashboard lists for download. */
export interface TemplateIndex {
  /** Hash of the source catalog the templates were generated from. */
  readonly fingerprint: string;
  readonly tables: readonly {
    readonly table: string;
    /** What one row is (English, from the catalog). */
    readonly grain: string;
    /** What one row is in Bahasa Indonesia (the catalog's `grainId`), for the dashboard in Indonesian. */
    readonly grainId: string;
    readonly csv: string;
    readonly xlsx: string;
  }[];
}

/** Bump when the template layout changes without a catalog change (sheets, formats, BOM). */
const TEMPLATE_LAYOUT = 2;

function catalogFingerprint(): string {
  const specs = SOURCE_TABLES.map((table) => tableSpec(table));
  return createHash('sha256')
    .update(JSON.stringify({ layout: TEMPLATE_LAYOUT, specs }))
    .digest('hex');
}

async function readIndex(dir: string): Promise<TemplateIndex | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as TemplateIndex;
  } catch {
    return null;
  }
}

/**
 * Makes `<warehouseDir>/templates` hold a blank CSV and XLSX template of every source table (from the
 * catalog, as `writeAllTemplates` writes them) and an `index.json`, for the API to serve and the
 * dashboard to offer. Regenerated only when the catalog changed since (its fingerprint), into a
 * fresh folder renamed into place, so a reader never sees half a set. Returns whether it wrote.
 */
export async function publishTemplates(warehouseDir: string): Promise<{ readonly written: boolean }> {
  const dir = join(warehouseDir, TEMPLATES_DIR);
  const fingerprint = catalogFingerprint();
  if ((await readIndex(dir))?.fingerprint === fingerprint) return { written: false };
  await mkdir(warehouseDir, { recursive: true });
  const staging = join(warehouseDir, `${TEMPLATES_DIR}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeAllTemplates(staging);
    const index: TemplateIndex = {
      fingerprint,
      tables: SOURCE_TABLES.map((table) => ({
        table,
        grain: tableSpec(table).grain,
        grainId: tableSpec(table).grainId,
        csv: `${table}.csv`,
        xlsx: `${table}.xlsx`,
      })),
    };
    await writeFile(join(staging, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { written: true };
}
