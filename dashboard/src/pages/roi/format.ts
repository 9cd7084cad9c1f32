import type { Lang } from '../../i18n/lang.ts';

/** The API's text in the reader's language: its Indonesian variant, or the English one when it has none. */
export function inLang(lang: Lang, en: string, id: string | null | undefined): string {
  return lang === 'en' ? en : (id ?? en);
}

/** A low / base / high triple as `low / base / high`, or a dash when there is none. */
export function formatRange(
  r: { low: number; base: number; high: number } | null,
  f: (v: number) => string,
): string {
  return r ? `${f(r.low)} / ${f(r.base)} / ${f(r.high)}` : '—';
}
