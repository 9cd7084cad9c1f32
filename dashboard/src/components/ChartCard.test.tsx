import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import type { ChartTable } from '../charts/chart-table.ts';
import { translator } from '../i18n/translate.ts';
import { renderStatic } from '../testing/catalog-render.tsx';
import { ChartCard, ChartCardView, type KeptContent, keptContent } from './ChartCard.tsx';

/** Server-rendered markup, in Indonesian (the default language without a browser's storage). */
const html = renderStatic;

/** Participation per year: 2024 at 41 %, 2025 at 57 % (figures no other text on the card has). */
const table: ChartTable = {
  columns: [
    { key: 'period', label: 'Periode', kind: 'text' },
    { key: 'rate', label: 'Tingkat partisipasi', kind: 'fraction' },
  ],
  rows: [
    { values: { period: '2024', rate: 0.41 }, n: 812, suppressed: false },
    { values: { period: '2025', rate: 0.57 }, n: 934, suppressed: false },
  ],
  minN: 5,
};

const kept = (over: Partial<KeptContent> = {}): KeptContent => ({
  title: 'Partisipasi, 2024–2025',
  table,
  lead: null,
  children: <p data-kept-note>Catatan jawaban sebelumnya</p>,
  applied: [],
  ignored: [],
  coarsened: null,
  threeWay: false,
  ...over,
});

/** The card's <section> start tag. */
const sectionTag = (markup: string) => markup.match(/<section [^>]*>/)?.[0] ?? '';

describe('ChartCard: a refetch for new filters keeps the previous answer in place, marked stale', () => {
  it('keeps the chart of the previous filters, dimmed and inert, with aria-busy and "Memperbarui…"', () => {
    const markup = html(
      <ChartCardView
        title="Partisipasi, 2023"
        table={null}
        chart={{ kind: 'line', series: ['rate'], yKind: 'fraction' }}
        loading
        previous={kept()}
      />,
    );
    const section = sectionTag(markup);
    expect(section).toContain('aria-busy="true"');
    expect(section).toContain('data-stale="true"');
    // The label is visible text, and what the busy card is described by.
    const label = markup.match(
      /<p class="card-updating state-loading" id="([^"]+)" data-updating="true">(.*?)<\/p>/,
    );
    expect(label?.[2]).toContain('Memperbarui…');
    expect(section).toContain(`aria-describedby="${label?.[1]}"`);
    // The previous chart stays (its height with it), named for the answer it draws, not the new one.
    expect(markup).toMatch(/<div class="card-body card-stale" inert="">.*<div class="uplot-host"/s);
    expect(markup).toContain('aria-label="Partisipasi, 2024–2025');
    expect(markup).toContain('data-kept-note');
    // No spinner instead of it; the heading says what is asked for, and no n of the stale answer.
    expect(markup).not.toContain('data-loading');
    expect(markup).toContain('>Partisipasi, 2023</h3>');
    expect(markup).not.toContain('1.746');
    // The tools are there (no jump) but unusable: no CSV of figures that are not the new answer.
    expect(markup).toMatch(/<div class="card-tools card-stale" inert="">/);
    expect(markup).toMatch(/<button[^>]*data-csv="true"[^>]*data-csv-stale="true"[^>]*disabled=""/);
    expect(translator('en')('chart.updating')).toBe('Updating…');
  });

  it('keeps the table view too: the previous figures, captioned as the previous answer', () => {
    const markup = html(<ChartCardView title="Partisipasi, 2023" table={null} loading previous={kept()} />);
    expect(markup).toMatch(/<div class="card-body card-stale" inert="">.*41.*57/s);
    expect(markup).toContain('Data grafik: Partisipasi, 2024–2025');
    expect(markup).not.toContain('Data grafik: Partisipasi, 2023');
  });

  it('shows the new answer without any stale mark once it has come', () => {
    const fresh: ChartTable = {
      ...table,
      rows: [{ values: { period: '2023', rate: 0.33 }, n: 700, suppressed: false }],
    };
    const markup = html(
      <ChartCardView title="Partisipasi, 2023" table={fresh} loading={false} previous={kept()} />,
    );
    expect(sectionTag(markup)).toContain('aria-busy="false"');
    expect(markup).not.toMatch(/data-stale|card-stale|inert|data-updating|Memperbarui|data-csv-stale/);
    expect(markup).toContain('33');
    expect(markup).not.toContain('41');
    expect(markup).toContain('n = 700');
  });

  it('replaces the stale answer with the error when the refetch fails', () => {
    const error = new CombinedGraphQLErrors({
      errors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }],
    });
    const markup = html(
      <ChartCardView
        title="Partisipasi, 2023"
        table={null}
        loading={false}
        error={error}
        previous={kept()}
      />,
    );
    expect(markup).toContain('Data tidak dapat dimuat.');
    expect(markup).not.toMatch(/data-stale|card-stale|data-updating|data-kept-note|uplot-host|data-csv/);
    expect(markup).not.toContain('41');
  });

  it('shows the spinner on the first load, with nothing shown before', () => {
    for (const node of [
      <ChartCard key="card" title="Partisipasi" table={null} loading />,
      <ChartCardView key="view" title="Partisipasi" table={null} loading previous={null} />,
    ]) {
      const markup = html(node);
      expect(markup).toContain('data-loading');
      expect(markup).toContain('Memuat data…');
      expect(sectionTag(markup)).toContain('aria-busy="true"');
      expect(markup).not.toMatch(/data-stale|card-stale|data-updating|Memperbarui/);
    }
  });
});

describe('keptContent: what a card holds on to from render to render', () => {
  const loading = { loading: true, shown: null };

  it('keeps the answer shown while the query for new filters runs, and takes the new one when it comes', () => {
    const first = kept();
    let now = keptContent(null, { loading: false, shown: first });
    expect(now).toBe(first);
    now = keptContent(now, loading);
    expect(now).toBe(first);
    const second = kept({ title: 'Partisipasi, 2023' });
    now = keptContent(now, { loading: false, shown: second });
    expect(now).toBe(second);
  });

  it('keeps the same object for the same content (no state update on every render)', () => {
    const first = kept();
    expect(keptContent(first, { loading: false, shown: { ...first } })).toBe(first);
    expect(keptContent(first, { loading: false, shown: { ...first, table: { ...table } } })).not.toBe(first);
  });

  it('nothing before the first answer, and nothing after an error or "no data": a retry shows the spinner', () => {
    expect(keptContent(null, loading)).toBeNull();
    const afterError = keptContent(kept(), { loading: false, shown: null });
    expect(afterError).toBeNull();
    expect(keptContent(afterError, loading)).toBeNull();
  });
});
