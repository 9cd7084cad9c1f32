import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LangProvider } from '../i18n/LangContext.tsx';
import { en } from '../i18n/messages.en.ts';
import { id } from '../i18n/messages.id.ts';
import { translator } from '../i18n/translate.ts';
import { GLOSSARY_TERMS, Glossary, type GlossaryTerm, glossaryEntries } from './Glossary.tsx';

/** Server-rendered markup, in Indonesian (the default language without a browser's storage). */
const html = (terms: readonly GlossaryTerm[]) =>
  renderToStaticMarkup(
    <LangProvider>
      <Glossary terms={terms} />
    </LangProvider>,
  );

/** The `data-term` of each listed entry, in order. */
const listed = (markup: string) => [...markup.matchAll(/data-term="(\w+)"/g)].map((m) => m[1]);

describe('glossary: the terms a page shows, explained', () => {
  it('lists exactly the terms passed, in their order, each once', () => {
    expect(listed(html(['bcr', 'did', 'roi']))).toEqual(['bcr', 'did', 'roi']);
    expect(listed(html(['pp', 'n', 'pp']))).toEqual(['pp', 'n']);
    const t = translator('id');
    expect(glossaryEntries(['hedgesG', 'ci95'], t).map((e) => e.key)).toEqual(['hedgesG', 'ci95']);
  });

  it('renders nothing without terms', () => {
    expect(html([])).toBe('');
  });

  it('is a details disclosure named by its summary, not a region landmark', () => {
    const markup = html(['bcr', 'did']);
    expect(markup).toMatch(/^<details class="card wide glossary" data-glossary="true">/);
    expect(markup).toContain('<summary>Istilah di halaman ini</summary>');
    expect(markup).not.toMatch(/<section|role="region"|aria-label/);
    // Closed until asked for: the page's own text comes first.
    expect(markup).not.toContain(' open');
    expect(markup).toContain('<dt>BCR (rasio manfaat-biaya)</dt>');
    expect(markup).toContain('<dt>DiD (selisih-dalam-selisih)</dt>');
  });

  it('explains every term in both languages, in its own words', () => {
    for (const lang of ['id', 'en'] as const) {
      const entries = glossaryEntries(GLOSSARY_TERMS, translator(lang));
      expect(entries).toHaveLength(GLOSSARY_TERMS.length);
      for (const e of entries) {
        // A missing key would come back as the key itself.
        expect(e.term, `${lang} ${e.key}`).not.toMatch(/^glossary\./);
        expect(e.text, `${lang} ${e.key}`).not.toMatch(/^glossary\./);
        expect(e.text.length, `${lang} ${e.key}`).toBeGreaterThan(40);
      }
    }
    const keys = (m: Record<string, string>) => Object.keys(m).filter((k) => k.startsWith('glossary.'));
    expect(keys(en).sort()).toEqual(keys(id).sort());
    expect(keys(id)).toHaveLength(1 + 2 * GLOSSARY_TERMS.length);
  });

  it('says what the thresholds are and whose they are', () => {
    const tId = translator('id');
    const tEn = translator('en');
    expect(tId('glossary.hedgesG.text')).toMatch(/konvensi Cohen.*0,2 kecil, 0,5 sedang, dan 0,8 besar/);
    expect(tEn('glossary.hedgesG.text')).toMatch(
      /Cohen’s conventions.*0\.2 is small, 0\.5 medium and 0\.8 large/,
    );
    expect(tId('glossary.bcr.text')).toMatch(/di atas 1 berarti manfaat melebihi biaya/);
    expect(tId('glossary.pp.text')).toContain('dari 20% menjadi 25% adalah +5 pp');
  });
});
