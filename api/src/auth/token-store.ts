import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
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

/** API_TOKENS_FILE is missing, unreadable, malformed or ambiguous: a configuration error. */
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

/**
 * Reads and checks a token file; a malformed one fails with its path, not at the first request.
 * Every problem is a `TokenFileError`.
 */
async function readTokenFile(path: string): Promise<StoredEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'ENOENT (no such file)' : (code ?? (error as Error).message);
    throw new TokenFileError(`API_TOKENS_FILE ${path} cannot be read: ${why}`);
  }
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
  ) {
    this.entries = storedEntries(entries, path ?? 'token list');
  }

  /** Reads API_TOKENS_FILE (unset: no tokens); a bad file is a `TokenFileError`. */
  static async fromFile(path: string | undefined): Promise<TokenStore> {
    if (!path) return new TokenStore([]);
    const store = new TokenStore([], path);
    store.entries = await readTokenFile(path);
    return store;
  }

  /**
   * Reads the file again and serves its entries from now on. A file that fails the checks is a
   * `TokenFileError` and the entries in use stay.
   */
  async reload(): Promise<{ path: string; entries: number }> {
    if (!this.path) throw new Error('API_TOKENS_FILE is not set: no tokens to reload');
    this.entries = await readTokenFile(this.path);
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
