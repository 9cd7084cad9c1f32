import type { Lang } from '../../i18n/lang.ts';
import { parseLocaleNumber } from './parse-number.ts';

/**
 * A budget is whole rupiah from Rp 1 up to Rp 1.000 triliun (1e15): far beyond any city budget, and
 * still an exact integer in a JavaScript number.
 */
export const BUDGET_MIN_IDR = 1;
export const BUDGET_MAX_IDR = 1e15;

/** The budget field as typed: whole rupiah to send, or why it cannot be sent. */
export type BudgetCheck =
  | { readonly kind: 'ok'; readonly value: number }
  | { readonly kind: 'notNumber' | 'outOfRange'; readonly min: number; readonly max: number };

/**
 * Reads the budget field in the UI language (`100.000.000`, `Rp 100.000.000`, `1.234,5`), rounds to
 * whole rupiah and checks the range. Negative amounts are refused, not stripped of their sign;
 * empty text, `1e12` and other non-numbers are `notNumber`.
 */
export function checkBudget(raw: string, lang: Lang): BudgetCheck {
  const range = { min: BUDGET_MIN_IDR, max: BUDGET_MAX_IDR };
  // "Rp" is how the amount is read back under the field, so it may well be typed or pasted too.
  const text = raw.trim().replace(/^(rp|idr)\.?\s*/i, '');
  const parsed = parseLocaleNumber(text, lang);
  if (parsed.kind !== 'number') return { kind: 'notNumber', ...range };
  if (parsed.value < BUDGET_MIN_IDR || parsed.value > BUDGET_MAX_IDR) return { kind: 'outOfRange', ...range };
  return { kind: 'ok', value: Math.round(parsed.value) };
}

/** The budget a URL names (`bb`): plain digits within range, as written by the form; else null. */
export function budgetFromParam(raw: string | null): number | null {
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= BUDGET_MIN_IDR && value <= BUDGET_MAX_IDR ? value : null;
}
