import { useLang } from '../i18n/LangContext.tsx';
import type { Translate } from '../i18n/translate.ts';

/**
 * The statistical terms a page can show, each explained in one plain sentence (`glossary.<term>.term`
 * and `glossary.<term>.text` in both languages), for readers who are not statisticians.
 */
export const GLOSSARY_TERMS = [
  'pp',
  'n',
  'did',
  'ci95',
  'significant',
  'p',
  'hedgesG',
  'preTrend',
  'strata',
  'jointModel',
  'pHolm',
  'pHolmPortfolio',
  'pHolmJoint',
  'clustered',
  'bootstrapP',
  'roi',
  'bcr',
] as const;

export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];

export interface GlossaryEntry {
  readonly key: GlossaryTerm;
  readonly term: string;
  readonly text: string;
}

/** The entries for the given terms, in the order given, each once, in the reader's language. */
export function glossaryEntries(terms: readonly GlossaryTerm[], t: Translate): GlossaryEntry[] {
  return [...new Set(terms)].map((key) => ({
    key,
    term: t(`glossary.${key}.term`),
    text: t(`glossary.${key}.text`),
  }));
}

/**
 * "Istilah di halaman ini": the terms a page shows, at its bottom, one click (or Enter) away. A
 * `<details>` with its `<summary>` as the accessible name, deliberately no region landmark: every
 * page has one, and landmarks must have names of their own. Nothing without terms.
 */
export function Glossary({ terms }: { readonly terms: readonly GlossaryTerm[] }) {
  const { t } = useLang();
  const entries = glossaryEntries(terms, t);
  if (entries.length === 0) return null;
  return (
    <details className="card wide glossary" data-glossary>
      <summary>{t('glossary.heading')}</summary>
      <dl>
        {entries.map((e) => (
          <div key={e.key} className="glossary-entry" data-term={e.key}>
            <dt>{e.term}</dt>
            <dd>{e.text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
