import type { FormattedExecutionResult } from 'graphql';

/**
 * Responses keyed by snapshot id + role + operation + variables. A snapshot is immutable, so an
 * entry is correct for as long as its snapshot is live; `clear()` runs on publish (onSwitch) to free
 * memory at once. Bounded LRU (Map keeps insertion order; a hit re-inserts).
 */
export class ResponseCache {
  private readonly entries = new Map<string, FormattedExecutionResult>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries: number) {}

  static key(parts: {
    snapshotId: string;
    role: string;
    query: string;
    operationName: string | null | undefined;
    variables: unknown;
  }): string {
    return JSON.stringify([
      parts.snapshotId,
      parts.role,
      parts.operationName ?? null,
      parts.query,
      parts.variables ?? {},
    ]);
  }

  get(key: string): FormattedExecutionResult | undefined {
    const value = this.entries.get(key);
    if (value === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: FormattedExecutionResult): void {
    if (this.maxEntries === 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
