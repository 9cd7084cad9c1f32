import { createHash, timingSafeEqual } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { z } from 'zod';
import { jsonLogger } from '../server/logger.ts';
import { ROLES, type Role } from './roles.ts';

export interface TokenEntry {
  readonly name: string;
  readonly role: Role;
  /** Hex SHA-256 of the bearer token: the file never holds a usable secret. */
  readonly sha256: string;
}

const entriesSchema = z.array(
  z.object({
    name: z.string().min(1),
    role: z.enum(ROLES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'sha256 must be 64 hex digits'),
  }),
);

export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * API_TOKENS_FILE is missing, unreadable, writable by group or others, malformed or ambiguous: a
 * configuration error.
 */
export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

interface StoredEntry {
  readonly entry: TokenEntry;
  readonly digest: Buffer;
}

/**
 * Entries by digest. Two entries with one hash (whatever the hex case) would be one token with two
 * names and maybe two roles, the first silently winning: refused, naming the entries (never the hash).
 */
function storedEntries(entries: readonly TokenEntry[], source: string): StoredEntry[] {
  const byHash = new Map<string, TokenEntry>();
  for (const entry of entries) {
    const hash = entry.sha256.toLowerCase();
    const first = byHash.get(hash);
    if (first)
      throw new TokenFileError(
        `${source}: entries ${JSON.stringify(first.name)} and ${JSON.stringify(entry.name)} have the same sha256 (one token for two entries): give each its own token`,
      );
    byHash.set(hash, entry);
  }
  return entries.map((entry) => ({ entry, digest: Buffer.from(entry.sha256.toLowerCase(), 'hex') }));
}

/** How a token file's problem that does not stop the server is reported (its logger, at warn). */
export type TokenFileWarn = (message: string, fields: { file: string; mode: string }) => void;

/** Without a logger of the caller's: one JSON line on stdout, as the server's own logger writes. */
const warnOnStdout: TokenFileWarn = (message, fields) => jsonLogger('warn').log('warn', message, fields);

/** `0640`: the permission bits, as `ls -l` and `chmod` spell them. */
const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');

/**
 * The file's permissions, as ssh and PostgreSQL check their key files (the file a symlink names,
 * not the link). Writable by group or others: refused, since whoever can write it can add an admin
 * token. Readable by others: a warning, it holds only hashes. Not checked on Windows (no such bits).
 */
export function checkTokenFileMode(
  path: string,
  mode: number,
  warn: TokenFileWarn,
  platform: NodeJS.Platform = process.platform,
): void {
  if (platform === 'win32') return;
  const fix = `\`chmod 600 ${path}\` (or \`chmod 640 ${path}\` to let its group read it)`;
  if (mode & 0o022)
    throw new TokenFileError(
      `API_TOKENS_FILE ${path} is writable by group or others (mode ${octal(mode)}): anyone who can write it can add an admin token; run ${fix}`,
    );
  if (mode & 0o004)
    warn(
      'API_TOKENS_FILE is readable by others: it holds only token hashes, but chmod 600 (or 640) keeps them private',
      { file: path, mode: octal(mode) },
    );
}

function unreadable(path: string, error: unknown): TokenFileError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'ENOENT (no such file)' : (code ?? (error as Error).message);
  return new TokenFileError(`API_TOKENS_FILE ${path} cannot be read: ${why}`);
}

/** The file's text, its mode checked on the handle read (no swap between the check and the read). */
async function readTokenText(path: string, warn: TokenFileWarn): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    let mode: number;
    try {
      mode = (await handle.stat()).mode;
    } catch (error) {
      throw unreadable(path, error);
    }
    checkTokenFileMode(path, mode, warn);
    try {
      return await handle.readFile('utf8');
    } catch (error) {
      throw unreadable(path, error);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads and checks a token file; a malformed one fails with its path, not at the first request.
 * Every problem is a `TokenFileError`.
 */
async function readTokenFile(path: string, warn: TokenFileWarn): Promise<StoredEntry[]> {
  const text = await readTokenText(path, warn);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TokenFileError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = entriesSchema.safeParse(json);
  if (!parsed.success)
    throw new TokenFileError(
      `${path} is not a token list: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return storedEntries(parsed.data, path);
}

/**
 * Looks bearer tokens up by hash. `reload()` re-reads API_TOKENS_FILE (the server does on SIGHUP):
 * how a token is revoked or added without a restart.
 */
export class TokenStore {
  private entries: readonly StoredEntry[];

  constructor(
    entries: readonly TokenEntry[],
    /** The file the entries came from; `reload()` reads it again. */
    readonly path?: string,
    /** Where a file readable by others is reported, at start and at each reload. */
    private readonly warn: TokenFileWarn = warnOnStdout,
  ) {
    this.entries = storedEntries(entries, path ?? 'token list');
  }

  /**
   * Reads API_TOKENS_FILE (unset: no tokens); a bad file, or one writable by group or others, is a
   * `TokenFileError`; one readable by others is passed to `warn`.
   */
  static async fromFile(path: string | undefined, warn?: TokenFileWarn): Promise<TokenStore> {
    if (!path) return new TokenStore([]);
    const store = new TokenStore([], path, warn);
    store.entries = await readTokenFile(path, store.warn);
    return store;
  }

  /**
   * Reads the file again and serves its entries from now on. A file that fails the checks is a
   * `TokenFileError` and the entries in use stay.
   */
  async reload(): Promise<{ path: string; entries: number }> {
    if (!this.path) throw new Error('API_TOKENS_FILE is not set: no tokens to reload');
    this.entries = await readTokenFile(this.path, this.warn);
    return { path: this.path, entries: this.entries.length };
  }

  /**
   * The entry whose hash matches, or null. Every entry is compared (constant time each, no early
   * exit), so response time does not reveal how many entries share a prefix or which one matched.
   */
  lookup(token: string): TokenEntry | null {
    const digest = createHash('sha256').update(token, 'utf8').digest();
    let found: TokenEntry | null = null;
    for (const { entry, digest: stored } of this.entries) {
      if (stored.length === digest.length && timingSafeEqual(stored, digest) && found === null) found = entry;
    }
    return found;
  }
}
