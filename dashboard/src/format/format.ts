import { type Lang, localeOf } from '../i18n/lang.ts';

/**
 * Number, money, percent and date formatting through Intl, so Indonesian readers get `.` for
 * thousands and `,` for decimals. Intl puts a no-break space after "Rp"; we emit a plain space so
 * exported text matches what officials type (`Rp 1.234.567`), and keep figures from wrapping with
 * CSS instead.
 */
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), options);
    cache.set(key, f);
  }
  return f;
}

const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

export const MISSING = '—';

/**
 * The one minus sign the UI writes: U+2212 (as wide as "+" and the digits, so signed columns line
 * up, and read "minus" by screen readers). Intl writes the hyphen-minus; every formatter here
 * swaps it, so "−0,40" and "−97%" never sit side by side with "-97%". CSV files do not come through
 * here: they carry raw numbers with the ASCII "-" that spreadsheets parse.
 */
export const MINUS = '\u2212';

/** Intl's hyphen-minus as the typographic minus (numbers only carry it as their sign). */
const typographicMinus = (s: string) => s.replace(/-/g, MINUS);

export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return typographicMinus(
    plainSpaces(
      // A value that rounds to zero is written 0, never −0,00.
      numberFormat(lang, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        signDisplay: 'negative',
      }).format(value),
    ),
  );
}

/**
 * A p-value: three decimals, one below 0.001 as `< 0,001` (`< 0.001` in English), never a bare
 * `0,000` (nor a `0,001` rounded up from below it); MISSING without one. Every p on screen is
 * written by this (or `formatPRelation`); CSVs keep the full-precision number.
 */
export function formatPValue(p: number | null | undefined, lang: Lang): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  return p < 0.001 ? `< ${formatNumber(0.001, lang, 3)}` : formatNumber(p, lang, 3);
}

/** A p-value after its label: `= 0,074`, or `< 0,001` (never `= < 0,001`); MISSING without one. */
export function formatPRelation(p: number | null | undefined, lang: Lang): string {
  return pAfterLabel(formatPValue(p, lang));
}

/** `formatPValue`'s text put after its label: `0,074` as `= 0,074`; `< 0,001` and MISSING as they are. */
export function pAfterLabel(text: string): string {
  return text === MISSING || text.startsWith('<') ? text : `= ${text}`;
}

/** Rupiah without decimals: `Rp 1.234.567`; negative amounts as `−Rp 1.234`. */
export function formatIdr(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const body = formatNumber(Math.abs(Math.round(value)), lang, 0);
  return `${value < 0 && Math.round(value) !== 0 ? MINUS : ''}Rp ${body}`;
}

/** Units of compact Rupiah, largest first: size, Indonesian, English. */
const IDR_UNITS: readonly (readonly [number, string, string])[] = [
  [1e12, 'T', 'T'],
  [1e9, 'M', 'B'],
  [1e6, 'jt', 'M'],
];

/** The compact unit (1e12, 1e9, 1e6) an amount of this size is written in, or 1 (plain Rupiah). */
export function idrUnitOf(magnitude: number): number {
  return IDR_UNITS.find(([size]) => Math.abs(magnitude) >= size)?.[0] ?? 1;
}

/**
 * Compact Rupiah for axes and tiles: `Rp 1,2 M` (miliar) in Indonesian, `Rp 1.2B` in English.
 * An axis passes `unit` (one unit for all its ticks, from the largest: `Rp 0,5 M`, `Rp 1,0 M`) and
 * `digits` (enough for its step); by default each amount takes its own unit, with one decimal.
 */
export function formatIdrCompact(
  value: number | null | undefined,
  lang: Lang,
  options: { readonly unit?: number; readonly digits?: number } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const unit = options.unit ?? idrUnitOf(value);
  const found = IDR_UNITS.find(([size]) => size === unit);
  if (!found)
    return options.digits === undefined ? formatIdr(value, lang) : plainIdr(value, lang, options.digits);
  const [size, id, en] = found;
  const body = formatNumber(Math.abs(value) / size, lang, options.digits ?? 1);
  if (body === formatNumber(0, lang, options.digits ?? 1)) return 'Rp 0';
  return `${value < 0 ? MINUS : ''}Rp ${body} ${lang === 'id' ? id : en}`;
}

/** Rupiah with `digits` decimals and no unit (an axis of small amounts). */
function plainIdr(value: number, lang: Lang, digits: number): string {
  const body = formatNumber(Math.abs(value), lang, digits);
  if (body === formatNumber(0, lang, digits)) return 'Rp 0';
  return `${value < 0 ? MINUS : ''}Rp ${body}`;
}

/** A fraction 0–1 as a percent: 0.4567 → `45,7%` (id) / `45.7%` (en). */
export function formatPercent(fraction: number | null | undefined, lang: Lang, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return MISSING;
  return `${formatNumber(fraction * 100, lang, digits)}%`;
}

/** A value already in percent points (ROI %, deltaPct): 12.34 → `12,3%`. */
export function formatPercentPoints(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return `${formatNumber(value, lang, digits)}%`;
}

/** Signed change, e.g. `+2,1` / `−0,4`; used for deltas against last year. */
export function formatSigned(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const body = formatNumber(Math.abs(value), lang, digits);
  if (body === formatNumber(0, lang, digits)) return body;
  return `${value > 0 ? '+' : MINUS}${body}`;
}

/**
 * A confidence bound, signed as `formatSigned`, but never an unsigned 0 for a bound that is not 0:
 * whether a CI excludes 0 is the question it answers, so `−0,35 … 0,00` beside "not established"
 * would read as a contradiction. A bound that rounds to 0 gets up to two more decimals (`+0,004`),
 * and keeps its sign if even those are 0 (`+0,0000`).
 */
export function formatBound(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0)
    return formatSigned(value, lang, digits);
  for (let d = digits; d <= digits + 2; d++) {
    const text = formatSigned(value, lang, d);
    if (text !== formatNumber(0, lang, d)) return text;
  }
  return `${value > 0 ? '+' : MINUS}${formatNumber(0, lang, digits + 2)}`;
}

const MONTHS_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parseDay(value: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/**
 * A calendar date `YYYY-MM-DD` as `29 Nov 2026`. Formatted from the digits, not through `Date`, so
 * the browser's time zone can never shift a WIB day (and the short month names are stable across
 * ICU versions, which disagree on "Agu" vs "Agt").
 */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return MISSING;
  const p = parseDay(value);
  if (!p) return value;
  const months = lang === 'id' ? MONTHS_ID : MONTHS_EN;
  return `${p.d} ${months[p.m - 1]} ${p.y}`;
}

/** An instant (ISO, UTC) as date and time in WIB (UTC+7), the city's time zone. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return MISSING;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const wib = new Date(t + 7 * 3600_000).toISOString();
  return `${formatDate(wib.slice(0, 10), lang)} ${wib.slice(11, 16)} WIB`;
}

export type Grain = 'month' | 'quarter' | 'year';

/** A period start date as its label at a grain: `2024`, `T2 2024` / `Q2 2024`, `Mar 2024`. */
export function formatPeriod(value: string | null | undefined, grain: Grain, lang: Lang): string {
  if (!value) return MISSING;
  const p = parseDay(value);
  if (!p) return value;
  if (grain === 'year') return String(p.y);
  if (grain === 'quarter') return `${lang === 'id' ? 'T' : 'Q'}${Math.floor((p.m - 1) / 3) + 1} ${p.y}`;
  return `${(lang === 'id' ? MONTHS_ID : MONTHS_EN)[p.m - 1]} ${p.y}`;
}

/** Days with one decimal: `3,5 hari` is rendered by the caller; this gives `3,5`. */
export function formatDays(value: number | null | undefined, lang: Lang): string {
  return formatNumber(value, lang, 1);
}
