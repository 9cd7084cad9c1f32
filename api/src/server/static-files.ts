import { type FileHandle, open, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { addVary, EncodedFiles, type FileVersion, negotiateEncoding, readWhole } from './compression.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Types sent compressed to a client that accepts br or gzip (text); images, fonts (woff2 is
 * compressed already) and anything unknown are sent as they are.
 */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.svg',
  '.map',
  '.txt',
  '.webmanifest',
]);

/** A file's version as it is read now, or null when it changed (another size or time). */
async function rereadVersion(version: FileVersion): Promise<Buffer | null> {
  const handle = await open(version.path, 'r');
  try {
    const now = await handle.stat();
    if (now.size !== version.size || now.mtimeMs !== version.mtimeMs) return null;
    return await readWhole(handle, version.size);
  } finally {
    await handle.close();
  }
}

/** The compressed dashboard files of this process (bounded: EncodedFiles). */
export const encodedFiles = new EncodedFiles(undefined, undefined, undefined, rereadVersion);

/** Strong ETag of a file version: its size and modification time; a coded body's is weak, suffixed. */
function etagOf(version: FileVersion, coding: 'br' | 'gzip' | 'identity'): string {
  const tag = `${version.size.toString(16)}-${Math.floor(version.mtimeMs).toString(16)}`;
  return coding === 'identity' ? `"${tag}"` : `W/"${tag}-${coding}"`;
}

/** Whether If-None-Match names `etag` (weak comparison, as RFC 9110 has it for this header), or is `*`. */
function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === opaque;
  });
}

const NOT_BUILT = `<!doctype html><html lang="id"><meta charset="utf-8"><title>Dashboard belum dibangun</title>
<body><h1>Dashboard belum dibangun / not built</h1>
<p>The dashboard has not been built on this server (no <code>dashboard/dist</code>). Run <code>npm run build</code>,
then restart. The GraphQL API works: open <a href="/graphql">/graphql</a>.</p></body></html>`;

/**
 * The page when DASHBOARD_DIR is set and holds no index.html: the setting is what to fix, not a
 * build (its path is in the server's log, not on this public page).
 */
const NOT_FOUND_IN_SETTING = `<!doctype html><html lang="id"><meta charset="utf-8"><title>Dashboard tidak ditemukan</title>
<body><h1>Dashboard tidak ditemukan / not found</h1>
<p>The directory <code>DASHBOARD_DIR</code> names holds no <code>index.html</code> (the server's log names it at start).
Point <code>DASHBOARD_DIR</code> at a built dashboard (<code>dashboard/dist</code> after <code>npm run build</code>), or unset it,
then restart. The GraphQL API works: open <a href="/graphql">/graphql</a>.</p></body></html>`;

/**
 * The dashboard's Content-Security-Policy: its built scripts and styles only (vite emits no inline
 * script), data: images (uPlot and the icons), requests to this origin only, never framed.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The URL's path, percent-decoded; null when an escape is malformed (`/%`, `/%E0%A4%A`). */
export function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return null;
  }
}

/** `path` when it names a regular file, else null (missing, a directory, unreadable). */
export async function fileAt(path: string): Promise<string | null> {
  try {
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}

/** The real path of each dashboard root (resolved once; again when a file seems to leave it). */
const realRoots = new Map<string, string>();

async function realRoot(base: string, fresh = false): Promise<string | null> {
  const known = fresh ? undefined : realRoots.get(base);
  if (known !== undefined) return known;
  try {
    const real = await realpath(base);
    realRoots.set(base, real);
    return real;
  } catch {
    return null; // not built (yet): nothing inside it to serve
  }
}

/** Whether `real` is below `root` (not `..`, another drive) and not a dotfile or in a dot folder. */
function servableIn(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel !== '' && !isAbsolute(rel) && !rel.split(sep).some((part) => part.startsWith('.'));
}

/**
 * The real path of `candidate` (under `base`) when it names a regular file whose real path is
 * inside the real path of `base`, else null. A symlink in dist to a file outside it
 * (`dist/x -> /etc/passwd`, or a linked directory outside it) is not served; one to a file inside
 * dist is, as that file (a dotfile target is not). The root's real path is resolved once and again
 * only when a file seems outside it (dist itself replaced by a link to a new release).
 */
async function dashboardFileAt(base: string, candidate: string): Promise<string | null> {
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return null;
  }
  let root = await realRoot(base);
  if (root !== null && !servableIn(root, real)) {
    const again = await realRoot(base, true);
    root = again === root ? null : again;
  }
  if (root === null || !servableIn(root, real)) return null;
  return fileAt(real);
}

/**
 * Serves the built dashboard: a real file if the path names one inside `root`; else, for a path
 * without a file extension, index.html (SPA fallback for client-side routes, which are page names:
 * `/kohort`); a clear page when the dashboard was never built. A path with an extension that names
 * no file (`/foo.js`, `/assets/old-hash.css` after a rebuild) is 404: the page would otherwise load
 * index.html as a script or stylesheet. Paths are resolved and checked to stay inside `root` (no
 * `..` escapes), and so are their real paths (no symlink out of `root`: `dashboardFileAt`).
 */
export async function serveDashboard(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  /** The directory came from DASHBOARD_DIR: a missing index.html is the setting's fault. */
  fromSetting = false,
): Promise<void> {
  const base = resolve(root);
  const pathname = decodedPath(req.url ?? '/');
  res.setHeader('content-security-policy', DASHBOARD_CSP);
  if (pathname === null || pathname.split('/').some((part) => part.startsWith('.'))) {
    // A malformed escape (`/%`) is the client's mistake, not a server failure; a dotfile
    // (`/.vite/manifest.json`, build metadata) is not part of the dashboard.
    res
      .writeHead(pathname === null ? 400 : 404, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      })
      .end(
        req.method === 'HEAD'
          ? undefined
          : pathname === null
            ? 'Bad request: malformed path\n'
            : 'Not found\n',
      );
    return;
  }
  const candidate = normalize(join(base, pathname));
  const inside = candidate === base || candidate.startsWith(base + sep);
  const real = inside ? await dashboardFileAt(base, candidate) : null;
  if (!real && extname(pathname) !== '') {
    res
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
      .end(req.method === 'HEAD' ? undefined : 'Not found\n');
    return;
  }
  const index = join(base, 'index.html');
  const file = real || (await dashboardFileAt(base, index));
  if (!file) {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(fromSetting ? NOT_FOUND_IN_SETTING : NOT_BUILT);
    return;
  }
  // Type and caching follow the path asked for (a link's target may be named otherwise).
  const served = real ? candidate : index;
  // Hashed names live under dist/assets: judged on the path inside dist, not the absolute one (a
  // dist under a folder named assets would otherwise make index.html immutable).
  const hashed = real !== null && served.slice(base.length).startsWith(`${sep}assets${sep}`);
  const type = TYPES[extname(served)] ?? 'application/octet-stream';
  const cacheControl = hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
  await sendFile(req, res, file, type, cacheControl, COMPRESSIBLE.has(extname(served)));
}

/**
 * Sends one dashboard file (GET or HEAD) with its ETag and length: 304 when If-None-Match names the
 * representation chosen; compressed (br, else gzip) for a `compressible` type when the client
 * accepts it, from `encodedFiles`; else the file's bytes as they are, streamed. The file is opened
 * once, so its size, time and bytes are of one version even when a rebuild replaces it meanwhile.
 */
async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  type: string,
  cacheControl: string,
  compressible: boolean,
): Promise<void> {
  let handle: FileHandle | null = await open(file, 'r');
  try {
    const stats = await handle.stat();
    const version: FileVersion = { path: file, size: stats.size, mtimeMs: stats.mtimeMs };
    const codable = compressible && encodedFiles.eligible(version);
    if (codable) addVary(res, 'accept-encoding');
    const wanted = codable ? negotiateEncoding(req.headers['accept-encoding']) : 'identity';
    // A revalidation is answered before anything is compressed (the ETag names the version).
    if (notModified(req, etagOf(version, wanted))) {
      res.writeHead(304, { etag: etagOf(version, wanted), 'cache-control': cacheControl }).end();
      return;
    }
    const headers = { 'content-type': type, 'cache-control': cacheControl };
    if (wanted !== 'identity') {
      const opened = handle;
      const body = await encodedFiles
        .get(version, wanted, () => readWhole(opened, version.size))
        .catch(() => null); // the file changed while read: its bytes as they are, below
      if (body !== null) {
        res
          .writeHead(200, {
            ...headers,
            etag: etagOf(version, wanted),
            'content-encoding': wanted,
            'content-length': body.length,
          })
          .end(req.method === 'HEAD' ? undefined : body);
        return;
      }
    }
    res.writeHead(200, { ...headers, etag: etagOf(version, 'identity'), 'content-length': version.size });
    if (req.method === 'HEAD' || version.size === 0) {
      res.end();
      return;
    }
    // The stream closes the handle when it ends (or the client goes away).
    const stream = handle.createReadStream({ start: 0, end: version.size - 1 });
    handle = null;
    // pipeline, not pipe: a client that goes away mid-file closes the file too.
    pipeline(stream, res, () => undefined);
  } finally {
    await handle?.close();
  }
}
