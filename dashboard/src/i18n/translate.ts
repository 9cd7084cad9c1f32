import type { Lang } from './lang.ts';
import { en, enOne } from './messages.en.ts';
import { id, type MessageKey } from './messages.id.ts';

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { id, en };

/** Messages for a count of 1 where the language's nouns change with the number (`enOne`). */
const ONE: Record<Lang, typeof enOne> = { id: {}, en: enOne };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * `{name}` placeholders are replaced; an unknown placeholder stays visible so it gets noticed. A
 * message with a singular (`enOne`) uses it when the count it names is 1.
 */
export function translator(lang: Lang): Translate {
  const messages = MESSAGES[lang];
  const one = ONE[lang];
  return (key, values) => {
    const singular = one[key];
    const text =
      singular && values && Number(values[singular.count]) === 1 ? singular.text : (messages[key] ?? key);
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
  };
}

/** Label of a domain value (method, reason, band…) with the raw value as fallback. */
export function labelOf(t: Translate, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const key = `${prefix}.${value}` as MessageKey;
  return key in MESSAGES.id ? t(key) : value;
}
