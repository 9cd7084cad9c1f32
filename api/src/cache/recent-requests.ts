import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { getOperationAST, parse } from 'graphql';
import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';
import { declaredVariables } from './response-cache.plugin.ts';
import { byUses, type CachedRequest, ResponseCache } from './response-cache.ts';

const FORMAT_VERSION = 1;

/**
 * What the listed requests' keys (`identity`) may hold together, in UTF-8 bytes (what the file
 * holds: it repeats each key's strings, plus its field names, a few dozen bytes per request). Each
 * key is at most `MAX_KEY_CHARS` (64 K; longer requests are never cached, so never listed), so the
 * default 50 ASCII requests fit whatever they are; a larger CACHE_WARM_ENTRIES, or keys of multi-byte
 * text (a '中' is 3 bytes), list the most recent that fit. Counted in characters, 50 keys of 64,000
 * '中' fit the list and wrote a 9.6 MB file the next start refused. A review of 2026-12-06 grew the
 * file to 45 MB with comment-padded queries, read back at every start.
 */
export const MAX_RECENT_BYTES = 4 * 1024 * 1024;

/** A file longer than this is not read (it was not written by this version): twice `MAX_RECENT_BYTES`. */
const MAX_FILE_BYTES = 2 * MAX_RECENT_BYTES;

/** The permission bits of a file others than its owner may use: the file is written 0600. */
const FILE_MODE_OTHERS = 0o077;

const fileSchema = z.object({
  version: z.literal(FORMAT_VERSION),
  savedAt: z.string(),
  requests: z.array(
    z.object({
      role: z.enum(ROLES),
      operationName: z.string().nullable(),
      query: z.string().min(1),
      variables: z.record(z.string(), z.unknown()),
      uses: z.number().int().min(1).optional(),
    }),
  ),
});

/**
 * `request` with the variables its operation declares only, as the cache keys it
 * (`declaredVariables`); undefined when its operation cannot be told (a query text that does not
 * parse, an operation name it does not define, several operations and no name): Apollo answers such
 * a request with an error, never from the cache, so there is nothing to warm. The cache's own list
 * holds declared variables already; a file written before it was keyed so may not (a name and NIP
 * sent as an unused variable, privacy review): those are dropped as it is read.
 */
function declaredOnly(request: CachedRequest): CachedRequest | undefined {
  let operation: ReturnType<typeof getOperationAST>;
  try {
    operation = getOperationAST(parse(request.query, { noLocation: true }), request.operationName);
  } catch {
    return undefined;
  }
  if (!operation) return undefined;
  return { ...request, variables: declaredVariables(operation, request.variables) };
}

/** The cache's key without a snapshot (the same request on any snapshot); undefined: never cached. */
const identity = (r: CachedRequest): string | undefined => ResponseCache.key({ ...r, snapshotId: '' });

/**
 * `lists` concatenated in order, each request once (its first place) with its declared variables
 * only (`declaredOnly`; one whose operation cannot be told is skipped), at most `limit`, their keys
 * together at most `MAX_RECENT_BYTES` and each with a key (at most `MAX_KEY_CHARS`; one without is
 * skipped); then the most used first.
 */
function mergeRecent(limit: number, ...lists: readonly (readonly CachedRequest[])[]): CachedRequest[] {
  const seen = new Set<string>();
  const out: CachedRequest[] = [];
  let bytes = 0;
  for (const list of lists) {
    for (const listed of list) {
      if (out.length >= limit) return byUses(out);
      const request = declaredOnly(listed);
      if (request === undefined) continue;
      const id = identity(request);
      if (id === undefined || seen.has(id)) continue;
      const size = Buffer.byteLength(id);
      if (bytes + size > MAX_RECENT_BYTES) return byUses(out);
      seen.add(id);
      bytes += size;
      out.push(request);
    }
  }
  return byUses(out);
}

/**
 * The requests users asked for most recently, kept across server restarts in a small JSON file
 * (`CACHE_WARM_FILE`), so a restarted server warms its empty cache as a publish does.
 *
 * The list is the response cache's most recently used entries, followed by the requests read from
 * the file that the cache does not hold yet (a warm-up interrupted by a publish or a restart does
 * not shorten it). It holds what the cache key holds (role, operation name, query text, the
 * variables the operation declares): no tokens, no answers, no undeclared variables; at most `limit`
 * requests and `MAX_RECENT_BYTES` of keys. A missing file is an empty list; an unreadable or
 * malformed one is reported once through `warn` and ignored; a failed write is reported and changes
 * nothing else. The file is its owner's alone (0600, in a directory created 0700): the requests
 * people asked, and their filters, are not for other accounts on the machine.
 */
export class RecentRequests {
  /** Read from the file at start; still replayed and listed after what the cache holds. */
  private carried: readonly CachedRequest[] = [];
  /** The JSON last written or read, so an unchanged list is not written again. */
  private lastText: string | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lastProblem: string | undefined;

  constructor(
    private readonly path: string,
    private readonly limit: number,
    private readonly source: { recent(limit: number): CachedRequest[] },
    private readonly warn: (message: string, fields: Record<string, unknown>) => void,
  ) {}

  /** Reads the file; its requests are listed (and replayed) until the cache holds them or newer ones. */
  async load(): Promise<readonly CachedRequest[]> {
    let text: string;
    let mode: number;
    try {
      const { size, mode: fileMode } = await stat(this.path);
      mode = fileMode;
      if (size > MAX_FILE_BYTES) {
        this.report('read', new Error(`${size} bytes, more than the ${MAX_FILE_BYTES} this list can hold`));
        return [];
      }
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.report('read', error);
      return [];
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      this.report(
        'read',
        new Error(`not a recent-requests file (${(error as Error).message.slice(0, 200)})`),
      );
      return [];
    }
    this.carried = mergeRecent(this.limit, parsed.requests);
    // What the file holds, so the next save rewrites one that differs from its list (undeclared
    // variables an earlier version kept), and one others may read (written 0644 before): only an
    // unchanged list of our own file is left as it is.
    this.lastText = (mode & FILE_MODE_OTHERS) === 0 ? JSON.stringify(parsed.requests) : undefined;
    return this.carried;
  }

  /**
   * The requests to warm: the cache's most recently used, then those carried from the file, up to
   * the limit; the most used first.
   */
  recent(): CachedRequest[] {
    return mergeRecent(this.limit, this.source.recent(this.limit), this.carried);
  }

  /** Writes `recent()` (atomically: a temporary file renamed over the old) when it changed. */
  save(): Promise<void> {
    const next = this.writing.then(() => this.write());
    this.writing = next;
    return next;
  }

  private async write(): Promise<void> {
    const requests = this.recent();
    const text = JSON.stringify(requests);
    if (text === this.lastText) return;
    const temporary = `${this.path}.${randomUUID()}.tmp`;
    try {
      // Directories it creates are 0700 (an existing one is left as it is: CACHE_WARM_FILE may be
      // anywhere); the file is created 0600 and renamed over the old, so an old 0644 file goes too.
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const body = { version: FORMAT_VERSION, savedAt: new Date().toISOString(), requests };
      // Not indented: an indented nesting of variables (`[[[…]]]`, 3,000 deep in a 6 KB key) took
      // 9 MB, past what `MAX_RECENT_BYTES` bounds.
      await writeFile(temporary, `${JSON.stringify(body)}\n`, { mode: 0o600 });
      await rename(temporary, this.path);
      this.lastText = text;
      this.lastProblem = undefined;
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      this.report('write', error);
    }
  }

  private report(action: 'read' | 'write', error: unknown) {
    const message = (error as Error).message;
    if (message === this.lastProblem) return;
    this.lastProblem = message;
    this.warn(`cache warm file: cannot ${action} it`, { path: this.path, error: message });
  }
}
