import { readFileSync } from 'node:fs';
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createCache } from '../graphql/client.ts';
import { LangProvider } from '../i18n/LangContext.tsx';
import { translator } from '../i18n/translate.ts';
import { EMPTY_FILTERS } from '../state/filters.ts';
import { FilterBar } from './FilterBar.tsx';
import { filterSummary } from './filter-summary.ts';

const id = translator('id');
const en = translator('en');
const options = {
  agencies: [
    { value: 'DISDUKCAPIL', label: 'Dinas Kependudukan dan Pencatatan Sipil' },
    { value: 'BPKAD', label: 'Badan Pengelolaan Keuangan dan Aset Daerah' },
  ],
  methods: [{ value: 'e_learning', label: 'E-learning' }],
};
const span = { first: 2021, last: 2025 };

describe('print: the filters a page was read under, in words', () => {
  it('names the period, the grain and each list filter by its values’ names', () => {
    const filters = { ...EMPTY_FILTERS, fromYear: 2023, agencies: ['DISDUKCAPIL'], methods: ['e_learning'] };
    expect(filterSummary(id, 'id', { filters, scope: 'all', options, span, partial: null })).toEqual([
      'Periode: 2023–2025',
      'Rincian waktu: Tahun',
      'Instansi: Dinas Kependudukan dan Pencatatan Sipil',
      'Metode: E-learning',
    ]);
    expect(filterSummary(en, 'en', { filters, scope: 'yearly', options, span, partial: null })).toEqual([
      'Period: 2023–2025',
      'Agencies: Dinas Kependudukan dan Pencatatan Sipil',
      'Method: E-learning',
    ]);
  });

  it('says the whole city when no list filter narrows the population, and a code the catalogue does not name as is', () => {
    expect(
      filterSummary(id, 'id', { filters: EMPTY_FILTERS, scope: 'yearly', options, span, partial: null }),
    ).toEqual(['Periode: 2021–2025', 'Tanpa filter populasi: seluruh kota']);
    const filters = { ...EMPTY_FILTERS, agencies: ['BPKAD', 'KEL-X'] };
    expect(
      filterSummary(id, 'id', { filters, scope: 'yearly', options: {}, span: null, partial: null }),
    ).toEqual(['Periode: Semua', 'Instansi: BPKAD, KEL-X']);
  });

  it('names the one year of a single-year page, with its partial end', () => {
    const partial = { year: 2025, through: '2025-06-30' };
    expect(
      filterSummary(id, 'id', { filters: EMPTY_FILTERS, scope: 'year', options, span, partial }),
    ).toEqual(['Tahun: 2025 (s.d. 30 Jun 2025)']);
    const filters = { ...EMPTY_FILTERS, toYear: 2022, agencies: ['BPKAD'] };
    expect(filterSummary(id, 'id', { filters, scope: 'year', options, span, partial })).toEqual([
      'Tahun: 2022',
    ]);
  });

  it('is printed by the filter bar, with the snapshot and the print date, and hidden on screen', () => {
    const client = new ApolloClient({
      link: new ApolloLink(() => new Observable(() => {})),
      cache: createCache(),
    });
    const markup = renderToStaticMarkup(
      <ApolloProvider client={client}>
        <LangProvider>
          <FilterBar scope="all" />
        </LangProvider>
      </ApolloProvider>,
    );
    const line =
      /<p class="print-only filter-print" data-print-filters="true">(.*?)<\/p>/.exec(markup)?.[1] ?? '';
    const text = line.replace(/<[^>]+>/g, '');
    expect(text).toMatch(
      /^Filter yang berlaku: Periode: Semua · Rincian waktu: Tahun · Tanpa filter populasi: seluruh kota · Snapshot memuat… · dicetak \d{1,2} \w{3} \d{4} \d{2}:\d{2} WIB$/,
    );
  });
});

describe('print stylesheet', () => {
  const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8').replace(
    /\/\*[\s\S]*?\*\//g,
    '',
  );
  const start = css.indexOf('@media print {');
  // The @media block: up to its matching closing brace.
  let depth = 0;
  let end = start;
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth++;
    if (css[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  const print = css.slice(start, end);
  /** The declarations of the print rules whose selector list holds `selector`. */
  const declarations = (selector: string) =>
    [...print.matchAll(/([^{}]+)\{([^{}]*)\}/g)]
      .filter(([, selectors]) => selectors!.split(',').some((s) => s.trim() === selector))
      .map(([, , body]) => body!.replace(/\s+/g, ' ').trim())
      .join(' ');

  it('has a print block', () => {
    expect(start).toBeGreaterThan(-1);
  });

  it('hides the screen controls: language, token, menu, filter toggle and reset, table/CSV, retry, the filter panel', () => {
    for (const selector of [
      '.btn',
      '.header-actions',
      '.site-nav',
      '.skip-link',
      '.filter-grid',
      '.filter-grid.open',
      '.card-tools',
    ]) {
      expect(declarations(selector), selector).toContain('display: none;');
    }
  });

  it('shows the print-only filter line there, and only there', () => {
    expect(declarations('.print-only')).toContain('display: block;');
    expect(/(?:^|\})\s*\.print-only\s*\{\s*display:\s*none;/.test(css.slice(0, start))).toBe(true);
  });

  it('keeps cards whole and scales a chart wider than the sheet down to its box', () => {
    for (const selector of ['.card', '.chart-card', '.kpi']) {
      expect(declarations(selector), selector).toContain('break-inside: avoid;');
    }
    // The chart's box is left as it is; the drawing in it shrinks to its width, keeping its aspect ratio.
    expect(declarations('.uplot-host')).not.toMatch(/display|width|height|overflow/);
    expect(declarations('.uplot-host .u-wrap')).toContain('max-width: 100%;');
    expect(declarations('.uplot-host .uplot canvas')).toBe('height: auto;');
  });

  it('lets a card holding a table break between its rows, the header row repeated on each sheet', () => {
    // A card taller than a sheet, kept whole, was moved to the next sheet and left one blank.
    expect(declarations('.card:has(.data-table)')).toContain('break-inside: auto;');
    expect(declarations('tr')).toContain('break-inside: avoid;');
    expect(declarations('.data-table thead')).toContain('display: table-header-group;');
    // Chromium leaves buttons out of a repeated header row.
    expect(declarations('.data-table thead .sort-btn')).toBe('display: contents;');
    expect(declarations('.card-head')).toContain('break-after: avoid;');
  });
});
