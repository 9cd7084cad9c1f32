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

/** Looks bearer tokens up by hash. */
export class TokenStore {
  private readonly entries: readonly { entry: TokenEntry; digest: Buffer }[];

  constructor(entries: readonly TokenEntry[]) {
    this.entries = entries.map((entry) => ({
      entry,
      digest: Buffer.from(entry.sha256.toLowerCase(), 'hex'),
    }));
  }

  /** Reads API_TOKENS_FILE; a malformed file fails at startup with its path, not at the first request. */
  static async fromFile(path: string | undefined): Promise<TokenStore> {
    if (!path) return new TokenStore([]);
    const text = await readFile(path, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = entriesSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${path} is not a token list: ${parsed.error.message}`);
    return new TokenStore(parsed.data);
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
