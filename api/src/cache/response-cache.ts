import type { FormattedExecutionResult } from 'graphql';

/**
 * Responses keyed by snapshot id + role + operation + variables. A snapshot is immutable, so an
 * entry is correct for as long as its snapshot is live; `clear()` runs on publish (onSwitch) to free
 * memory at once. Bounded LRU (Map keeps insertion order; a hit re-inserts).
 *
 * Two things keep a hit cheap and a cold key from being computed many times over:
 * - `stringify` (Apollo's `stringifyResult`) serializes a cached result once and reuses the JSON
 *   text for every later hit (a large metric answer is ~100 KB of JSON);
 * - `lead`/`inFlight`: concurrent requests for the same missing key wait for the one execution
 *   already running instead of each running the metric (a stampede after a publish clears the
 *   cache, or when a dashboard opens in many browsers at once).
 */
const MAX_ACCEPT_HEADERS = 64;

/**
 * The longest key (snapshot, role, operation name, query text and variables as JSON) a response is
 * cached under. GraphQL comments and unused variables cost nothing to parse or price, so a 1 MB body
 * (MAX_BODY_BYTES) answering `{ snapshot { id } }` made a 1 MB key: 300 such requests, each with its
 * own comment, held about 1 GB of keys while the cache counted only their few bytes of answers
 * (review of 2026-12-06), and the recent-requests file kept the same text. A longer request is
 * answered, never cached (nor listed for the warm-up). 64 K characters is four times all of the
 * dashboard's operation files together (14.5 KB).
 */
export const MAX_KEY_CHARS = 64 * 1024;

/**
 * `JSON.stringify([...head, variables ?? {}])`, or undefined when that is longer than
 * `MAX_KEY_CHARS`: the one place the limit is checked (the response cache's keys, the recent-requests
 * list, the cost memo). It stops as soon as the answer is known: the head's strings (the query text)
 * are measured before anything is serialized (JSON only adds quotes and escapes), and the variables
 * are serialized once, measured before the key is assembled, so 1 MB of variables is not
 * copied into a 1 MB key only to be refused.
 */
export function boundedKey(head: readonly (string | null)[], variables: unknown): string | undefined {
  let chars = 0;
  for (const part of head) chars += part?.length ?? 0;
  if (chars > MAX_KEY_CHARS) return undefined;
  // As JSON.stringify writes a value it cannot represent inside an array.
  const json = JSON.stringify(variables ?? {}) ?? 'null';
  if (chars + json.length > MAX_KEY_CHARS) return undefined;
  const start = JSON.stringify(head);
  const key = `${start.slice(0, -1)}${head.length > 0 ? ',' : ''}${json}]`;
  return key.length > MAX_KEY_CHARS ? undefined : key;
}

/** What a cache entry answers: the request as its key records it (the snapshot aside). */
export interface CachedRequest {
  readonly role: string;
  readonly operationName: string | null;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /**
   * How often the answer was asked for (its computation and every hit), carried across publishes
   * and restarts by the warm-up (`credit`); absent means once.
   */
  readonly uses?: number;
}

/** Most used first; equal uses keep their order (the most recent first). */
export function byUses(requests: readonly CachedRequest[]): CachedRequest[] {
  return [...requests].sort((a, b) => (b.uses ?? 1) - (a.uses ?? 1));
}

export class ResponseCache {
  /**
   * `uses`: the entry's computation, its hits and the uses credited from earlier snapshots; `chars`:
   * the length of its key plus its answer's JSON text (what it holds in memory, about); `pinned`: answered for a request
   * that named its snapshot (X-Snapshot-Id), never replayed on the next live snapshot (`recent`).
   */
  private readonly entries = new Map<
    string,
    {
      readonly result: FormattedExecutionResult;
      uses: number;
      readonly chars: number;
      readonly pinned: boolean;
    }
  >();
  /** Σ chars of the entries (keys and answers). */
  private chars = 0;
  private readonly pending = new Map<string, Promise<FormattedExecutionResult | undefined>>();
  private readonly leading = new WeakMap<object, (result: FormattedExecutionResult | undefined) => void>();
  /** JSON text of cached results, by their `data` object (dropped with the entry). */
  private readonly serialized = new WeakMap<object, string>();
  /** `data` objects of results that are (or were) cache entries. */
  private readonly cachedData = new WeakSet<object>();
  /**
   * Compressed forms of cached results' JSON text, by content coding (`br`, `gzip`), by their
   * `data` object: filled by the HTTP layer (`endCompressible`), so a hit is compressed once per
   * coding; dropped with the entry. Not counted in `maxChars` (a fifth of the text or less).
   */
  private readonly encodedTexts = new WeakMap<object, Map<string, Buffer>>();
  /** The content type Apollo answered with, per Accept header (its negotiation reads nothing else). */
  private readonly contentTypes = new Map<string, string>();
  hits = 0;
  misses = 0;
  /** Requests answered by waiting for an identical request's execution. */
  coalesced = 0;

  /**
   * `maxEntries` bounds the count (0: no cache), `maxChars` the text the entries hold, their keys
   * and their answers' JSON: the least recently used go first when either is passed, and an entry
   * longer than `maxChars` alone is not kept (answered, not cached). A request whose key would be
   * longer than `MAX_KEY_CHARS` has none (`key` is undefined): it is never set nor led.
   */
  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * The key a response is cached under, or undefined when it would be longer than `MAX_KEY_CHARS`
   * (the request is then answered, never cached, led or listed): `boundedKey` of the snapshot, role,
   * operation name and query text, then the variables.
   */
  static key(parts: {
    snapshotId: string;
    role: string;
    query: string;
    operationName: string | null | undefined;
    variables: unknown;
  }): string | undefined {
    return boundedKey(
      [parts.snapshotId, parts.role, parts.operationName ?? null, parts.query],
      parts.variables,
    );
  }

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  get(key: string): FormattedExecutionResult | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.uses += 1;
    return entry.result;
  }

  /**
   * `pinned`: the answer of a request that named its snapshot (X-Snapshot-Id). Its key holds that
   * snapshot's id like any other, so it never answers a live request on another snapshot; it is only
   * left out of `recent` (a warm-up recomputes what live readers ask, not a researcher's citation).
   */
  set(key: string, value: FormattedExecutionResult, options: { readonly pinned?: boolean } = {}): void {
    if (this.maxEntries === 0) return;
    const previous = this.entries.get(key);
    this.remove(key);
    // Serialized now, once (the response's own serialization then reuses the text): its length is
    // what the entry holds.
    const data = value.data && typeof value.data === 'object' ? value.data : undefined;
    if (data) this.cachedData.add(data);
    const text = data ? this.stringify(value) : `${JSON.stringify(value)}\n`;
    const chars = key.length + text.length;
    if (chars > this.maxChars) return;
    this.entries.set(key, {
      result: value,
      uses: (previous?.uses ?? 0) + 1,
      chars,
      pinned: options.pinned === true,
    });
    this.chars += chars;
    while (this.entries.size > this.maxEntries || this.chars > this.maxChars) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.chars -= entry.chars;
  }

  /** Adds `uses` to a cached entry's count: a warm-up's replay carries the earlier snapshot's count. */
  credit(key: string, uses: number): void {
    const entry = this.entries.get(key);
    if (entry !== undefined && uses > 0) entry.uses += uses;
  }

  /** The execution of `key` already running in this process, if any (resolves to its result or undefined). */
  inFlight(key: string): Promise<FormattedExecutionResult | undefined> | undefined {
    const waiting = this.pending.get(key);
    if (waiting) this.coalesced += 1;
    return waiting;
  }

  /**
   * Marks the operation `owner` as the one executing `key`, until `release(owner, …)`. The owner is
   * the context the plugin sees: Apollo's shallow copy of the request's context, one per operation
   * (so each operation of a batch leads its own key).
   * A no-op when the cache is disabled (CACHE_MAX_ENTRIES=0 means every request executes) or when
   * another request already leads the key.
   */
  lead(key: string, owner: object): void {
    if (this.maxEntries === 0 || this.pending.has(key) || this.leading.has(owner)) return;
    let settle!: (result: FormattedExecutionResult | undefined) => void;
    this.pending.set(
      key,
      new Promise((resolve) => {
        settle = resolve;
      }),
    );
    this.leading.set(owner, (result) => {
      this.pending.delete(key);
      settle(result);
    });
  }

  /**
   * Ends `owner`'s lead, handing `result` to the requests waiting for it (undefined: they execute on
   * their own). Idempotent; the plugin calls it when the operation's response is sent or its
   * processing fails, so a waiter never outlives the operation it waits for.
   */
  release(owner: object, result?: FormattedExecutionResult): void {
    const settle = this.leading.get(owner);
    if (!settle) return;
    this.leading.delete(owner);
    settle(result);
  }

  /**
   * Apollo's `stringifyResult`: the same text as its default (`JSON.stringify(value) + '\n'`), but a
   * cached result is serialized once and its text reused by every hit.
   */
  stringify(value: FormattedExecutionResult): string {
    const data = value.data;
    if (
      value.errors === undefined &&
      value.extensions === undefined &&
      data &&
      typeof data === 'object' &&
      this.cachedData.has(data)
    ) {
      let text = this.serialized.get(data);
      if (text === undefined) {
        text = `${JSON.stringify(value)}\n`;
        this.serialized.set(data, text);
      }
      return text;
    }
    return `${JSON.stringify(value)}\n`;
  }

  /** Records the content type Apollo negotiated for `accept` (the HTTP layer replays it on hits). */
  learnContentType(accept: string | undefined, contentType: string): void {
    const key = accept ?? '';
    if (this.contentTypes.get(key) === contentType) return;
    if (this.contentTypes.size >= MAX_ACCEPT_HEADERS) this.contentTypes.clear();
    this.contentTypes.set(key, contentType);
  }

  /**
   * The HTTP layer's shortcut for a hit: the cached answer to a JSON POST body `{ query,
   * operationName?, variables? }`, with the bytes and content type Apollo would send, or undefined
   * (not cached, another body shape, an Accept header Apollo has not answered yet): then the request
   * goes through Apollo as usual. Entries exist only for queries that passed validation, pricing and
   * authorization for this role on this snapshot, and those depend on nothing else in the request.
   */
  answer(request: {
    readonly snapshotId: string;
    readonly role: string;
    readonly body: unknown;
    readonly accept: string | undefined;
  }):
    | {
        readonly contentType: string;
        readonly text: string;
        /** The text's compressed forms kept so far, by coding (absent for an answer without data). */
        readonly encoded: Map<string, Buffer> | undefined;
      }
    | undefined {
    if (this.maxEntries === 0) return undefined;
    const contentType = this.contentTypes.get(request.accept ?? '');
    if (contentType === undefined) return undefined;
    const key = ResponseCache.bodyKey(request.snapshotId, request.role, request.body);
    if (key === undefined) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.hits += 1;
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.uses += 1;
    const hit = entry.result;
    // Apollo's own serialization of a single result: errors, data, extensions, in that order.
    const text = this.stringify({ errors: hit.errors, data: hit.data, extensions: hit.extensions });
    return { contentType, text, encoded: this.encodedOf(hit) };
  }

  /**
   * The key of a JSON POST body `{ query, operationName?, variables? }`, else undefined (another
   * shape, or a key past `MAX_KEY_CHARS`).
   */
  private static bodyKey(snapshotId: string, role: string, body: unknown): string | undefined {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
    const { query, operationName, variables, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || extensions !== undefined) return undefined;
    if (operationName != null && typeof operationName !== 'string') return undefined;
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
    return ResponseCache.key({
      snapshotId,
      role,
      query,
      operationName: operationName ?? null,
      variables: variables ?? undefined,
    });
  }

  private encodedOf(result: FormattedExecutionResult): Map<string, Buffer> | undefined {
    const data = result.data;
    if (!data || typeof data !== 'object') return undefined;
    let encoded = this.encodedTexts.get(data);
    if (encoded === undefined) {
      encoded = new Map();
      this.encodedTexts.set(data, encoded);
    }
    return encoded;
  }

  /**
   * Where the compressed forms of `text` are kept, when `text` is the cached answer to this JSON
   * POST body (a miss that was just stored): its compression then serves the hits that follow.
   * Counts no hit; undefined when the body's answer is not cached as this text.
   */
  encodedFor(request: {
    readonly snapshotId: string;
    readonly role: string;
    readonly body: unknown;
    readonly text: string;
  }): Map<string, Buffer> | undefined {
    if (this.maxEntries === 0) return undefined;
    const key = ResponseCache.bodyKey(request.snapshotId, request.role, request.body);
    const entry = key === undefined ? undefined : this.entries.get(key);
    if (entry === undefined) return undefined;
    const hit = entry.result;
    const text = this.stringify({ errors: hit.errors, data: hit.data, extensions: hit.extensions });
    return text === request.text ? this.encodedOf(hit) : undefined;
  }

  /**
   * The requests behind the `limit` most recently used entries, the most used first (then the most
   * recent), with their use counts: what a warm-up replays on the next snapshot (`CacheWarmer`), so
   * the answers most people ask for (a landing page) come back first. Read before `clear()`. Pinned
   * entries (`set`'s `pinned`) are left out.
   */
  recent(limit: number): CachedRequest[] {
    const entries = [...this.entries];
    const out: CachedRequest[] = [];
    for (let i = entries.length - 1; i >= 0 && out.length < limit; i -= 1) {
      const [key, entry] = entries[i] as [string, { uses: number; pinned: boolean }];
      if (entry.pinned) continue;
      const [, role, operationName, query, variables] = JSON.parse(key) as [
        string,
        string,
        string | null,
        string,
        Record<string, unknown>,
      ];
      out.push({ role, operationName, query, variables, uses: entry.uses });
    }
    return byUses(out);
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Σ of the entries' key and JSON text lengths (bounded by `maxChars`). */
  get textLength(): number {
    return this.chars;
  }
}
