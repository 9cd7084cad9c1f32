import type { PlainValue } from '../../db/index.ts';

/** A nullable SQL number as a JS number (BIGINT beyond 2^53 would be a bigint: not expected here). */
export function num(value: PlainValue | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`expected a number, got ${typeof value}`);
}

/** A count: NULL (no rows) is 0. */
export function count(value: PlainValue | undefined): number {
  return num(value) ?? 0;
}

/** a / b, or null when b is 0 or either is null ("not defined", never 0). */
export function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

/** Every field of `m` set to null: the measures of a suppressed row. */
export function nulled<M extends object>(m: M): { [K in keyof M]: null } {
  return Object.fromEntries(Object.keys(m).map((k) => [k, null])) as { [K in keyof M]: null };
}
