/**
 * A store that `useSyncExternalStore` can watch: `subscribe` (bound, so it can be passed as is) and
 * `emit` for the subclass to call when what its getters return has changed. The page-level stores
 * (`ServiceFailures`, `PageLoads`, `PageNotices`) extend it.
 */
export class Subscribable {
  #listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  protected emit(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
