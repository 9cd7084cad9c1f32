/** The two UI languages. Bahasa Indonesia is the default: most readers are Indonesian officials. */
export type Lang = 'id' | 'en';

export const DEFAULT_LANG: Lang = 'id';

/** BCP 47 locale for Intl: Indonesian formats (`1.234,5`, `29 Nov 2026`) or British English. */
export function localeOf(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en-GB';
}

export function isLang(value: unknown): value is Lang {
  return value === 'id' || value === 'en';
}
