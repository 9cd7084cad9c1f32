import type { CachedRequest } from './response-cache.ts';

/** What replaying one request on the new snapshot did. */
export type ReplayOutcome =
  /** Answered without errors: its answer is in the cache for the new snapshot. */
  | 'cached'
  /** Answered with errors, or past the operation timeout: nothing cached. */
  | 'failed'
  /** Another snapshot went live first, or the warm-up was stopped (`signal`): it ends here. */
  | 'stale';

/**
 * Replays one request on snapshot `snapshotId` through the server's own pipeline; `signal` aborts
 * when the warm-up is stopped or superseded (its resolvers then start no new warehouse work).
 */
export type Replay = (
  request: CachedRequest,
  snapshotId: string,
  signal: AbortSignal,
) => Promise<ReplayOutcome>;

/** Why a warm-up ran: a publish (or rollback) moved the server, or the server (re)started. */
export type WarmReason = 'publish' | 'start';

/** A warm-up under way: what `/readyz` reports. */
export interface WarmProgress {
  readonly snapshotId: string;
  readonly reason: WarmReason;
  readonly requests: number;
  /** Replayed so far (cached or failed). */
  readonly done: number;
}

export interface WarmReport {
  readonly snapshotId: string;
  readonly reason: WarmReason;
  /** Requests handed to the warm-up (the most recently used answers, or those saved before a restart). */
  readonly requests: number;
  readonly cached: number;
  readonly failed: number;
  /** Not replayed: a newer snapshot went live or the server is closing. */
  readonly skipped: number;
  readonly ms: number;
}

/**
 * Recomputes, after a publish, the answers users asked for most recently on the previous snapshot,
 * before they ask again. A publish empties the response cache, and a filtered dashboard view's
 * first answer on a new snapshot also computes the wider tables its disclosure control compares it
 * with (seconds at scale 10); the warm-up pays that in the background, and every later request for
 * the same view is a cache hit, while another agency's view finds those wider tables computed.
 * A restarted server starts with an empty cache too: it warms the requests saved before it stopped
 * (`RecentRequests`, `CACHE_WARM_FILE`), reason `start`.
 *
 * One request at a time, the most used first (`ResponseCache.recent`), so the answers most people
 * ask for come back first and live requests keep the rest of the machine; a live
 * request for the key being replayed waits for the replay's answer rather than computing it twice
 * (the cache's `lead`/`inFlight`). A newer snapshot or `stop()` ends it: the replay in hand is
 * aborted and counted as skipped.
 */
export class CacheWarmer {
  private running: Promise<void> | undefined;
  private generation = 0;
  private current: AbortController | undefined;
  private stopped = false;
  /** The last warm-up's report (tests, logs). */
  last: WarmReport | undefined;
  private active: WarmProgress | undefined;

  constructor(
    private readonly replay: Replay,
    private readonly onDone: (report: WarmReport) => void = () => undefined,
  ) {}

  /** Starts warming `snapshotId` with `requests`; a warm-up still running is stopped (its replay in hand aborted). */
  start(snapshotId: string, requests: readonly CachedRequest[], reason: WarmReason = 'publish'): void {
    if (this.stopped) return;
    this.generation += 1;
    this.current?.abort();
    this.current = undefined;
    if (requests.length === 0) return;
    const generation = this.generation;
    const abort = new AbortController();
    this.current = abort;
    const previous = this.running ?? Promise.resolve();
    const run = previous.then(() => this.warm(generation, snapshotId, reason, requests, abort.signal));
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = undefined;
    });
  }

  /** The warm-up under way, if any. */
  progress(): WarmProgress | null {
    return this.active ?? null;
  }

  /** Resolves once no warm-up is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops for good (server shutdown): the replay in hand is aborted, nothing else starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.abort();
    await this.idle();
  }

  private async warm(
    generation: number,
    snapshotId: string,
    reason: WarmReason,
    requests: readonly CachedRequest[],
    signal: AbortSignal,
  ) {
    const started = performance.now();
    let cached = 0;
    let failed = 0;
    let done = 0;
    this.active = { snapshotId, reason, requests: requests.length, done };
    for (const request of requests) {
      if (signal.aborted || generation !== this.generation) break;
      let outcome: ReplayOutcome;
      try {
        outcome = await this.replay(request, snapshotId, signal);
      } catch {
        outcome = 'failed';
      }
      if (outcome === 'stale' || signal.aborted) break;
      done += 1;
      if (outcome === 'cached') cached += 1;
      else failed += 1;
      this.active = { snapshotId, reason, requests: requests.length, done };
    }
    this.active = undefined;
    const report: WarmReport = {
      snapshotId,
      reason,
      requests: requests.length,
      cached,
      failed,
      skipped: requests.length - done,
      ms: Math.round(performance.now() - started),
    };
    this.last = report;
    this.onDone(report);
  }
}
