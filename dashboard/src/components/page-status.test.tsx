import { CombinedGraphQLErrors } from '@apollo/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderStatic } from '../testing/catalog-render.tsx';
import { ChartCard } from './ChartCard.tsx';
import { KpiTile } from './KpiTile.tsx';
import { PageStatus } from './PageStatus.tsx';
import { PageFailures, PageLoads, PageNotices, pageLoads, pageNotices } from './page-status.ts';
import { ErrorState } from './StateView.tsx';

/** Server-rendered markup, in Indonesian (the default language without a browser's storage). */
const html = renderStatic;

const count = (markup: string, pattern: RegExp) => markup.match(pattern)?.length ?? 0;

/**
 * The cards register while they wait or show a notice (a layout effect, which a server render does
 * not run): the page's cards are registered here as they would be on screen.
 */
let registered: (() => void)[] = [];
afterEach(() => {
  for (const remove of registered) remove();
  registered = [];
  vi.useRealTimers();
});

describe('one filter change: one page-level loading status instead of one per card', () => {
  it('a page of eleven loading cards has one role=status saying "Memuat data…"; the cards are busy, not live', () => {
    registered = Array.from({ length: 11 }, () => pageLoads.add());
    const markup = html(
      <>
        <PageStatus />
        {Array.from({ length: 11 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of cards
          <ChartCard key={i} title={`Kartu ${i}`} table={null} loading />
        ))}
      </>,
    );
    expect(count(markup, /role="status"/g)).toBe(1);
    expect(markup).toContain('<p class="sr-only" role="status" data-page-status="loading">Memuat data…</p>');
    expect(markup).not.toContain('aria-live');
    // Each card still shows its spinner and text, and says it is busy.
    expect(count(markup, /class="state state-loading"/g)).toBe(11);
    expect(count(markup, /<section class="card chart-card" aria-labelledby="[^"]+" aria-busy="true">/g)).toBe(
      11,
    );
  });

  it('a loading KPI tile has no live region of its own either', () => {
    const markup = html(<KpiTile label="IKM" kind="score" row={null} minN={5} loading />);
    expect(markup).not.toMatch(/role="status"|aria-live/);
    expect(markup).toContain('aria-busy="true"');
  });

  it('says nothing before the first load, and "Data dimuat." once the last card has answered', () => {
    vi.useFakeTimers();
    const loads = new PageLoads(400);
    const status = () => html(<PageStatus loads={loads} />);
    expect(status()).toBe('<p class="sr-only" role="status" data-page-status="idle"></p>');
    const first = loads.add();
    const second = loads.add();
    expect(loads.phase()).toBe('loading');
    first();
    vi.advanceTimersByTime(1000);
    expect(status()).toContain('>Memuat data…</p>');
    second();
    // Not at once: a card whose query starts when another's ends keeps the page loading.
    vi.advanceTimersByTime(399);
    expect(loads.phase()).toBe('loading');
    vi.advanceTimersByTime(1);
    expect(loads.phase()).toBe('done');
    expect(status()).toBe('<p class="sr-only" role="status" data-page-status="done">Data dimuat.</p>');
  });

  it('announces no end between two cards: a card starting within the settle time keeps it loading', () => {
    vi.useFakeTimers();
    const loads = new PageLoads(400);
    const phases: string[] = [];
    loads.subscribe(() => phases.push(loads.phase()));
    const defaults = loads.add();
    defaults();
    vi.advanceTimersByTime(200);
    const result = loads.add();
    vi.advanceTimersByTime(1000);
    expect(loads.phase()).toBe('loading');
    result();
    // Removing twice does nothing more.
    result();
    vi.advanceTimersByTime(400);
    expect(phases).toEqual(['loading', 'done']);
    expect(loads.count()).toBe(0);
  });
});

const forbidden = new CombinedGraphQLErrors({
  errors: [{ message: 'Access denied: planner only.', extensions: { code: 'FORBIDDEN' } }],
});

describe('a role the reader lacks: one alert per page, a quiet note on the other cards', () => {
  it('keeps the first card that shows a notice as the alert, the next one when it leaves', () => {
    const notices = new PageNotices();
    const [a, b, c] = [Symbol('a'), Symbol('b'), Symbol('c')];
    const removeA = notices.add('forbidden:planner', a);
    notices.add('forbidden:planner', b);
    notices.add('forbidden:analyst', c);
    expect(notices.first('forbidden:planner')).toBe(a);
    // Another role has its own alert.
    expect(notices.first('forbidden:analyst')).toBe(c);
    removeA();
    expect(notices.first('forbidden:planner')).toBe(b);
    expect(notices.first('unauthenticated:false')).toBeUndefined();
  });

  it('two ROI cards refused for a public reader: the first an alert, the second the same words without one', () => {
    // The first card on screen registered its notice; the second, rendering, is not it.
    registered = [pageNotices.add('forbidden:planner', Symbol('first card'))];
    const second = html(<ErrorState error={forbidden} needsRole="planner" />);
    expect(second).toBe(
      '<div class="state state-forbidden" data-error-kind="forbidden">Bagian ini memerlukan peran perencana. Masukkan token akses di bagian atas halaman.</div>',
    );
    // A card missing another role is that role's alert.
    expect(html(<ErrorState error={forbidden} needsRole="analyst" />)).toMatch(
      /^<div class="state state-forbidden" role="alert" data-error-kind="forbidden">Bagian ini memerlukan peran analis\./,
    );
  });

  it('a card alone (nothing registered yet) keeps its alert, so the notice is never left unsaid', () => {
    const markup = html(<ErrorState error={forbidden} needsRole="planner" />);
    expect(count(markup, /role="alert"/g)).toBe(1);
    expect(markup).toContain('Bagian ini memerlukan peran perencana.');
  });
});

describe('the page status says how many parts failed, not "Data dimuat."', () => {
  it('counts the failed cards once the page has answered', () => {
    vi.useFakeTimers();
    const loads = new PageLoads(400);
    const failures = new PageFailures();
    const status = () => html(<PageStatus loads={loads} failures={failures} />);
    const cards = Array.from({ length: 11 }, () => loads.add());
    // Every card failed: each shows its error (registered as it is shown) and stops loading.
    const failed = cards.map(() => failures.add());
    for (const done of cards) done();
    vi.advanceTimersByTime(400);
    expect(status()).toBe(
      '<p class="sr-only" role="status" data-page-status="done">Pemuatan selesai: 11 bagian halaman ini gagal dimuat.</p>',
    );
    for (const remove of failed.slice(1)) remove();
    expect(status()).toContain('>Pemuatan selesai: 1 bagian halaman ini gagal dimuat.</p>');
    failed[0]?.();
    expect(status()).toContain('>Data dimuat.</p>');
  });
});
