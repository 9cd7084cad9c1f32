import type { Lang } from './lang.ts';
import { en } from './messages.en.ts';
import { id, type MessageKey } from './messages.id.ts';

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { id, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** `{name}` placeholders are replaced; an unknown placeholder stays visible so it gets noticed. */
export function translator(lang: Lang): Translate {
  const messages = MESSAGES[lang];
  return (key, values) => {
    const text = messages[key] ?? key;
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
