import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileAt } from './static-files.ts';

/** `/templates/index.json`, or `/templates/<table>.csv|.xlsx`: the only names served. */
const TEMPLATE_PATH = /^\/templates\/(index\.json|[a-z_]+\.(?:csv|xlsx))$/;

const TYPES: Record<string, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** True for a path under `/templates/` (served by `serveTemplate`, never by the dashboard fallback). */
export function isTemplatePath(pathname: string): boolean {
  return pathname === '/templates' || pathname.startsWith('/templates/');
}

/**
 * Serves the blank file-drop templates the ETL writes to `<warehouse>/templates` (one CSV and one
 * XLSX per source table, and `index.json` listing them): blank schema, no data, so any role may
 * fetch them. Before the ETL has written them the index is an empty list; any other name under
 * `/templates/` is a 404.
 */
export async function serveTemplate(
  warehouseDir: string,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const name = TEMPLATE_PATH.exec(pathname)?.[1];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const file = name ? await fileAt(join(warehouseDir, 'templates', name)) : null;
  if (name === 'index.json' && !file) {
    // Not written yet (no ETL run since): an empty list, not an error the browser logs.
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ fingerprint: null, tables: [] }));
    return;
  }
  if (!file || !name) {
    res.writeHead(404, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        error: name
          ? `no template ${name} yet: the next ETL run (npm run etl) writes the templates`
          : 'not a template: /templates/index.json lists them',
      }),
    );
    return;
  }
  const ext = name.slice(name.lastIndexOf('.') + 1);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    ...(ext === 'json' ? {} : { 'content-disposition': `attachment; filename="${name}"` }),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
