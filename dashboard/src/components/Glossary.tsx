import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
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
  'clearChange',
  'costPerCompleter',
  'costPerAttendance',
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

/** How a part of a page tells the page's glossary the terms it renders now. */
export type ReportTerms = (part: string, terms: readonly GlossaryTerm[]) => void;

const GlossaryReportContext = createContext<ReportTerms | null>(null);

/** Given by a page whose glossary lists what its parts (cards with queries of their own) render. */
export const GlossaryReportProvider = GlossaryReportContext.Provider;

/**
 * A part of the page reports the terms it renders (none while it shows no figures), and none
 * once it is gone. Does nothing outside a `GlossaryReportProvider`.
 */
export function useGlossaryTerms(part: string, terms: readonly GlossaryTerm[]): void {
  const report = useContext(GlossaryReportContext);
  // The list by value: a new array with the same terms reports nothing new.
  const key = terms.join(' ');
  useEffect(() => {
    if (!report) return;
    report(part, key === '' ? [] : (key.split(' ') as GlossaryTerm[]));
    return () => report(part, []);
  }, [report, part, key]);
}

/** The page's side: each part's reported terms, and the `report` its provider hands down. */
export function useReportedTerms(): {
  readonly byPart: Readonly<Record<string, readonly GlossaryTerm[]>>;
  readonly report: ReportTerms;
} {
  const [byPart, setByPart] = useState<Readonly<Record<string, readonly GlossaryTerm[]>>>({});
  const report = useCallback<ReportTerms>(
    (part, terms) =>
      setByPart((prev) =>
        (prev[part] ?? []).join(' ') === terms.join(' ') ? prev : { ...prev, [part]: terms },
      ),
    [],
  );
  return useMemo(() => ({ byPart, report }), [byPart, report]);
}
