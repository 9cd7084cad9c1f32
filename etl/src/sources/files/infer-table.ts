import { basename, extname } from 'node:path';
import { SOURCE_TABLES, type SourceTableName } from '../../source-schema/catalog.ts';

/** Thrown when a drop names no source table: a file-level problem, like a bad header. */
export class UnknownTableError extends Error {
  readonly code = 'UNKNOWN_TABLE';
  constructor(readonly source: string) {
    super(
      `${source}: cannot tell which table this file is for; name it <table>.csv or <table>_<anything>.xlsx ` +
        `(tables: ${SOURCE_TABLES.join(', ')}), or, in an XLSX, name its sheet after the table`,
    );
    this.name = 'UnknownTableError';
  }
}

/** A candidate name (file stem or sheet name) → table: exact, or `<table>` followed by `_`, `-`, `.` or space. */
export function tableFromName(name: string): SourceTableName | null {
  const n = name.trim().toLowerCase();
  let best: SourceTableName | null = null;
  for (const t of SOURCE_TABLES) {
    const fits = n === t || (n.startsWith(t) && /^[_\-. ]/.test(n.slice(t.length)));
    // Longest wins, so `employee_assignments_2024` is not read as some shorter table.
    if (fits && (best === null || t.length > best.length)) best = t;
  }
  return best;
}

/** The table a file is for, from its file name: `enrollments.csv`, `enrollments_2024-06.xlsx`. */
export function tableFromFileName(path: string): SourceTableName | null {
  return tableFromName(basename(path, extname(path)));
}
