import type { Lang } from '../../i18n/lang.ts';

/** What a typed number field holds: nothing (use the default), a number, or text that is not one. */
export type ParsedNumber =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'invalid' };

interface Separators {
  readonly decimal: string;
  readonly group: string;
}

const SEPARATORS: Record<Lang, Separators> = {
  id: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One language's strict number grammar: plain digits (`5000000`) or thousands in groups of exactly
 * three after a first group that does not start with 0 (`5.000.000`), then an optional decimal part
 * (`1.234,5`, `,5`). Returns the number in JavaScript notation, or null when the text does not fit.
 */
function strict(text: string, { decimal, group }: Separators): string | null {
  const g = escapeRegExp(group);
  const d = escapeRegExp(decimal);
  const m = new RegExp(`^(\\d+|[1-9]\\d{0,2}(?:${g}\\d{3})+)?(?:${d}(\\d+))?$`).exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const whole = (m[1] ?? '0').split(group).join('');
  return m[2] === undefined ? whole : `${whole}.${m[2]}`;
}

/**
 * A number as a planner types it, read the way the UI language writes numbers: Indonesian `.` for
 * thousands and `,` for decimals (`5.000.000`, `1.234,5`, `0,5`), English the other way round
 * (`1,234.5`). Text that does not fit the UI language but does fit the other one unambiguously is
 * read that way, so `0.5` in Indonesian is still one half (a `.` only groups thousands when every
 * group after it has exactly three digits). Empty (or blank) text is `empty`; anything else that is
 * not a plain decimal number (`abc`, `1e12`, `1.2.3`, `Infinity`) is `invalid`. A leading `-`, `−`
 * or `+` is kept: ranges are the caller's concern.
 */
export function parseLocaleNumber(raw: string, lang: Lang): ParsedNumber {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  const signed = /^([-+\u2212]?)\s*(.*)$/.exec(text)!;
  const negative = signed[1] === '-' || signed[1] === '\u2212';
  const body = signed[2] ?? '';
  const other: Lang = lang === 'id' ? 'en' : 'id';
  const js = strict(body, SEPARATORS[lang]) ?? strict(body, SEPARATORS[other]);
  if (js === null) return { kind: 'invalid' };
  const value = Number(js);
  if (!Number.isFinite(value)) return { kind: 'invalid' };
  // `-0` is 0: no sign to show or to send.
  return { kind: 'number', value: negative && value !== 0 ? -value : value };
}

/**
 * A number written back into a field in the UI language, without thousands grouping and without
 * exponent notation, so `parseLocaleNumber` reads it back as the same value (exactly, for any value
 * a form here accepts; digits beyond the 20th decimal place of tiny values are dropped).
 */
export function formatPlainNumber(value: number, lang: Lang): string {
  let text = String(value);
  if (/e/i.test(text)) {
    // Only tiny or huge magnitudes reach here; toFixed keeps them plain (trailing zeros trimmed).
    text = Math.abs(value) < 1 ? value.toFixed(20).replace(/\.?0+$/, '') : BigInt(value).toString();
  }
  return lang === 'id' ? text.replace('.', ',') : text;
}

/**
 * A number as a field's placeholder, written as the page writes numbers: thousands grouped in the
 * UI language (`8.751.440`, `162,5` in Indonesian; `8,751,440`, `162.5` in English), every decimal
 * kept (the caller rounds), so the hint reads as the figures beside it do and, typed as shown,
 * `parseLocaleNumber` reads it back as the same value.
 */
export function formatGroupedNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', {
    maximumFractionDigits: 20,
    useGrouping: true,
  })
    .format(value)
    .replace('-', '\u2212');
}
