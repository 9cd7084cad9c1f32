/**
 * Runs async tasks one at a time, in submission order.
 *
 * A DuckDB connection must never run two statements at once: the Neo client hands each call to the
 * libuv thread pool, so two un-awaited calls on one connection would race inside DuckDB. Every call
 * on a connection therefore goes through one of these queues. A failed task rejects only its own
 * caller; the queue keeps going.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Tasks queued or running; lets a pool pick the least busy connection. */
  get pending(): number {
    return this.waiting;
  }

  push<T>(task: () => Promise<T>): Promise<T> {
    this.waiting += 1;
    const result = this.tail.then(task);
    const settle = () => {
      this.waiting -= 1;
    };
    // The tail must never reject, or one failure would poison every later task.
    this.tail = result.then(settle, settle);
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
