import { type ColumnSpec, neverRead, type TableSpec } from '../../source-schema/catalog.ts';
import { HeaderError } from '../staged.ts';

/**
 * Columns that a drop may leave out even though the source requires them: `updated_at` is
 * stamped by the system of record, and a person filling a spreadsheet cannot know it.
 */
export const OPTIONAL_IN_DROPS: ReadonlySet<string> = new Set(['updated_at']);

/** The columns a template of `spec` carries: all but `updated_at` and the columns never read. */
export function templateSpecColumns(spec: TableSpec): ColumnSpec[] {
  return spec.columns.filter((c) => !OPTIONAL_IN_DROPS.has(c.name) && !neverRead(spec.name, c.name));
}

/**
 * The columns a drop of `spec` must carry: the required ones, less `updated_at` and the personal
 * columns the ETL never reads (`NEVER_READ`: a name, a free-text comment).
 */
export function requiredInDrops(spec: TableSpec): ColumnSpec[] {
  return spec.columns.filter(
    (c) => c.required && !OPTIONAL_IN_DROPS.has(c.name) && !neverRead(spec.name, c.name),
  );
}

export interface HeaderMap {
  /** Catalog column names, in catalog order. */
  readonly columns: string[];
  /** For each catalog column, the index of its field in the file, or -1 when the file lacks it. */
  readonly fieldIndex: number[];
  /** The file's header names as written (trimmed), for raw-row JSON. */
  readonly fileNames: string[];
  /** File fields without a header name: tolerated only while they stay empty. */
  readonly unnamedFields: number[];
  /** Fields under a column the ETL never reads (`NEVER_READ`): neither staged nor kept in the raw row. */
  readonly droppedFields: number[];
}

/**
 * Match a file's header to a catalog table: case-insensitive after trimming, any order.
 * Throws {@link HeaderError} naming every missing required, unknown and duplicated column at
 * once, so one round trip with the agency fixes the file.
 */
export function matchHeader(spec: TableSpec, header: readonly string[], source: string): HeaderMap {
  const fileNames = header.map((h) => h.trim());
  const byName = new Map<string, number>();
  const unexpected: string[] = [];
  const duplicate: string[] = [];
  const unnamedFields: number[] = [];
  const known = new Set(spec.columns.map((c) => c.name));
  fileNames.forEach((name, i) => {
    if (name === '') {
      unnamedFields.push(i);
      return;
    }
    const key = name.toLowerCase();
    if (!known.has(key)) unexpected.push(name);
    else if (byName.has(key)) duplicate.push(name);
    else byName.set(key, i);
  });
  const missing = requiredInDrops(spec)
    .filter((c) => !byName.has(c.name))
    .map((c) => c.name);
  if (missing.length || unexpected.length || duplicate.length) {
    throw new HeaderError(source, spec.name, missing, unexpected, duplicate);
  }
  // A column the ETL never reads (a name) is accepted in the file and dropped here: not staged, and
  // not kept in the raw row a quarantine entry shows.
  const dropped = new Set<number>();
  for (const c of spec.columns) {
    const at = byName.get(c.name);
    if (at !== undefined && neverRead(spec.name, c.name)) dropped.add(at);
  }
  return {
    columns: spec.columns.map((c) => c.name),
    fieldIndex: spec.columns.map((c) => (neverRead(spec.name, c.name) ? -1 : (byName.get(c.name) ?? -1))),
    fileNames,
    unnamedFields,
    droppedFields: [...dropped].sort((a, b) => a - b),
  };
}
