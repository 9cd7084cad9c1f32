import type { RoiAssumptionsInput, RoiInput } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import { contrastFromParam, contrastToParam } from './contrast.ts';
import { isolationFromParam, isolationToParam } from './isolation.ts';
import { parseLocaleNumber } from './roi/parse-number.ts';

/** Editable Phillips assumptions, in the order the form shows them. */
export const ASSUMPTION_KEYS = [
  'monthlySalaryCostIdr',
  'workingHoursPerMonth',
  'citizenDayValueIdr',
  'confidence',
  'attribution',
  'jpMinutes',
] as const satisfies readonly (keyof RoiAssumptionsInput)[];
export type AssumptionKey = (typeof ASSUMPTION_KEYS)[number];

/** The range each assumption may take (inclusive); the form names it when a value falls outside. */
export const BOUNDS: Readonly<Record<AssumptionKey, readonly [number, number]>> = {
  monthlySalaryCostIdr: [0, 1e10],
  workingHoursPerMonth: [1, 744],
  citizenDayValueIdr: [0, 1e9],
  confidence: [0, 1],
  attribution: [0, 1],
  jpMinutes: [1, 240],
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the page prices when the URL names nothing (see `useDefaultCohort`). */
export interface RoiDefaults {
  readonly program: string | null;
  readonly window: { readonly from: string; readonly to: string } | null;
}

/**
 * The ROI request from the URL (`rp`, `rfrom`, `rto`, `rc`, `ri`, `ra.<assumption>`), so a planner can share
 * "this program with these assumptions"; what the URL leaves out comes from `defaults`. Null while a
 * needed default is unknown. Out-of-range assumptions are dropped, not clamped: the API default is a
 * better guess than a silently altered number.
 */
export function roiFromSearch(params: URLSearchParams, defaults: RoiDefaults): RoiInput | null {
  const fromParam = params.get('rfrom');
  const toParam = params.get('rto');
  const assumptions: RoiAssumptionsInput = {};
  for (const key of ASSUMPTION_KEYS) {
    const raw = params.get(`ra.${key}`);
    if (raw === null || raw === '') continue;
    const value = Number(raw);
    const [lo, hi] = BOUNDS[key];
    if (Number.isFinite(value) && value >= lo && value <= hi) assumptions[key] = value;
  }
  const program = params.get('rp') || defaults.program;
  const from = fromParam && DATE.test(fromParam) ? fromParam : defaults.window?.from;
  const to = toParam && DATE.test(toParam) ? toParam : defaults.window?.to;
  if (!program || !from || !to) return null;
  const contrast = contrastFromParam(params.get('rc'));
  const isolation = isolationFromParam(params.get('ri'));
  return {
    selector: { kind: 'program', value: program },
    from,
    to,
    ...(contrast ? { contrast } : {}),
    ...(isolation ? { isolation } : {}),
    ...(Object.keys(assumptions).length ? { assumptions } : {}),
  };
}

export function roiToSearch(input: RoiInput): Record<string, string | null> {
  const out: Record<string, string | null> = {
    rp: input.selector.value,
    rfrom: input.from,
    rto: input.to,
    rc: contrastToParam(input.contrast),
    ri: isolationToParam(input.isolation),
  };
  for (const key of ASSUMPTION_KEYS) {
    const v = input.assumptions?.[key];
    // Never `NaN` or `Infinity` in a shared link: a value that is not a number is no override.
    out[`ra.${key}`] = typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
  }
  return out;
}

/** Assumptions in rupiah: their placeholders show whole rupiah. */
const IDR_ASSUMPTIONS = new Set<AssumptionKey>(['monthlySalaryCostIdr', 'citizenDayValueIdr']);

/**
 * The value the API used, as an assumption field's placeholder: whole rupiah for amounts (a
 * hours-weighted mean salary is 8751439.70117396, shown 8751440), at most 4 decimals otherwise, so
 * the hint reads as a number someone would type. The ROI itself uses the exact value.
 */
export function assumptionPlaceholder(key: AssumptionKey, value: number): number {
  return IDR_ASSUMPTIONS.has(key) ? Math.round(value) : Number(value.toFixed(4));
}

/** One assumption field as typed: no override (empty), an override, or why it cannot be used. */
export type AssumptionCheck =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly value: number }
  | { readonly kind: 'notNumber' | 'outOfRange'; readonly min: number; readonly max: number };

/**
 * Reads one assumption field in the UI language (`5.000.000` and `0,5` in Indonesian) and checks it
 * against `BOUNDS`. The form refuses to submit while any field is not `empty` or `ok`, so a typed
 * number is never silently replaced by the default.
 */
export function checkAssumption(key: AssumptionKey, raw: string | undefined, lang: Lang): AssumptionCheck {
  const [min, max] = BOUNDS[key];
  const parsed = parseLocaleNumber(raw ?? '', lang);
  if (parsed.kind === 'empty') return parsed;
  if (parsed.kind === 'invalid') return { kind: 'notNumber', min, max };
  if (parsed.value < min || parsed.value > max) return { kind: 'outOfRange', min, max };
  return { kind: 'ok', value: parsed.value };
}

/**
 * The `updateSearch` changes that drop every assumption override (`ra.*`, including ones this
 * version does not know), so the ROI is priced with the API defaults again.
 */
export function clearAssumptionsSearch(params: URLSearchParams): Record<string, null> {
  const out: Record<string, null> = {};
  for (const key of ASSUMPTION_KEYS) out[`ra.${key}`] = null;
  for (const key of params.keys()) if (key.startsWith('ra.')) out[key] = null;
  return out;
}
