import type { CohortContrast, EffectIsolation } from '../../graphql/types.ts';
import type { Lang } from '../../i18n/lang.ts';
import { formatPlainNumber, parseLocaleNumber } from './parse-number.ts';

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

/**
 * The budget field's text when the UI language changes from `from` to `to`: an amount it reads as
 * in `from` is written again in `to` (whole rupiah, plain digits), so the same amount is sent;
 * "100.000" typed in Indonesian would otherwise read as 100 in English. Text that is no amount
 * stays as typed.
 */
export function budgetTextIn(raw: string, from: Lang, to: Lang): string {
  if (from === to) return raw;
  const check = checkBudget(raw, from);
  return check.kind === 'ok' ? formatPlainNumber(check.value, to) : raw;
}

/** The budget a URL names (`bb`): plain digits within range, as written by the form; else null. */
export function budgetFromParam(raw: string | null): number | null {
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= BUDGET_MIN_IDR && value <= BUDGET_MAX_IDR ? value : null;
}

/** The plan year the form accepts (the API takes 1990 … 2100; no data predates 2000). */
export const BUDGET_YEAR_MIN = 2000;
export const BUDGET_YEAR_MAX = 2100;

/**
 * The "Tahun rencana" field as typed: empty (all history), a whole year within range (`ok`), or
 * `invalid`, which the form refuses with a message instead of sending nothing silently.
 */
export function checkBudgetYear(raw: string): 'empty' | 'ok' | 'invalid' {
  const text = raw.trim();
  if (text === '') return 'empty';
  if (!/^\d{4}$/.test(text)) return 'invalid';
  const year = Number(text);
  return year >= BUDGET_YEAR_MIN && year <= BUDGET_YEAR_MAX ? 'ok' : 'invalid';
}

/** A budget scenario's inputs, as the form shows them or as the URL ran them. */
export interface ScenarioInputs {
  readonly agency: string;
  readonly program: string;
  /** Whole rupiah as sent (`100000000`); null when the field cannot be read. */
  readonly budget: string | null;
  readonly year: string;
  readonly contrast: CohortContrast;
  readonly isolation: EffectIsolation;
}

/**
 * Whether the form still shows the scenario the URL ran: the same agency, program, amount (as
 * read), year, contrast and isolation. When not, the result on screen answers the previous inputs.
 */
export function sameScenario(form: ScenarioInputs, url: ScenarioInputs): boolean {
  return (
    form.agency === url.agency &&
    form.program === url.program &&
    form.budget === url.budget &&
    form.year.trim() === url.year.trim() &&
    form.contrast === url.contrast &&
    form.isolation === url.isolation
  );
}
