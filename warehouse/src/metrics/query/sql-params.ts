import type { SqlParam } from '../../db/index.ts';

/**
 * Collects bound parameters while a metric's SQL is assembled. Every user-supplied value goes through
 * `bind`, which returns a `$pN` placeholder: values are never spliced into SQL text, so a filter value
 * like `O'Brien` or `'; drop table x; --` is just data.
 */
export class SqlParams {
  readonly values: Record<string, SqlParam> = {};
  private next = 1;

  /** Binds one value; returns its placeholder. */
  bind(value: SqlParam): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `$${name}`;
  }

  /** Binds each value of a list; returns `($p1, $p2, …)` for an `IN` predicate. */
  bindList(values: readonly SqlParam[]): string {
    return `(${values.map((v) => this.bind(v)).join(', ')})`;
  }
}
