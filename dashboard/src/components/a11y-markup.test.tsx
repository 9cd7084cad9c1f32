import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LangProvider } from '../i18n/LangContext.tsx';
import { openChain } from '../pages/roi/PortfolioCard.tsx';
import { DataTable } from './DataTable.tsx';
import { KpiTile } from './KpiTile.tsx';
import { SortButton } from './SortButton.tsx';

/** Server-rendered markup, in Indonesian (the default language without a browser's storage). */
const html = (node: ReactNode) => renderToStaticMarkup(<LangProvider>{node}</LangProvider>);

type Row = Parameters<typeof KpiTile>[0]['row'];
const row = (delta: number) =>
  ({ period: '2025', n: 120, value: 0.5, delta, suppressed: false, keys: null }) as unknown as Row;

describe('KPI tile: a headed group, not a landmark; good or bad said in words', () => {
  it('is no named <section> (its trend card is the region of that name)', () => {
    const tile = html(<KpiTile label="IKM" kind="score" row={row(1)} minN={5} loading={false} />);
    expect(tile).not.toContain('<section');
    expect(tile).not.toContain('aria-label="IKM"');
    expect(tile).toContain('<h3 class="kpi-label">IKM</h3>');
    expect(tile).toContain('data-kpi="IKM"');
  });

  it('says "membaik" / "memburuk" beside the coloured change, nothing when it is flat', () => {
    const up = html(<KpiTile label="IKM" kind="score" row={row(1.2)} minN={5} loading={false} />);
    expect(up).toMatch(/kpi-delta good/);
    expect(up).toMatch(/data-tone="good">\s*\(membaik\)/);
    // 48 % → 50 % of 20.000 each: z ≈ 4,0, a clear change.
    const clear = { ...row(0.02), n: 20_000, previous: { value: 0.48, n: 20_000 } } as Row;
    const worse = html(
      <KpiTile label="Resistensi" kind="fraction" lowerIsBetter row={clear} minN={5} loading={false} />,
    );
    expect(worse).toMatch(/kpi-delta bad/);
    expect(worse).toMatch(/\(memburuk\)/);
    const flat = html(<KpiTile label="IKM" kind="score" row={row(0.01)} minN={5} loading={false} />);
    expect(flat).not.toMatch(/kpi-tone/);
  });

  it('calls a share\'s change within chance "tidak ada perubahan yang jelas": resistance 2023 → 2024', () => {
    // 3510 / 12442 = 28,21 % → 3767 / 13325 = 28,27 %: +0,06 pp, z ≈ 0,11 (was "▲ +0,1 pp … (memburuk)").
    const now = 3767 / 13_325;
    const before = 3510 / 12_442;
    const resistance = {
      ...row(now - before),
      value: now,
      n: 13_325,
      previous: { value: before, n: 12_442 },
    } as Row;
    const tile = html(
      <KpiTile label="Resistensi" kind="fraction" lowerIsBetter row={resistance} minN={5} loading={false} />,
    );
    expect(tile).toMatch(/\+0,1 pp vs tahun lalu/);
    expect(tile).toMatch(/data-tone="unclear">\s*\(tidak ada perubahan yang jelas\)/);
    expect(tile).toContain('data-unclear=""');
    expect(tile).not.toMatch(/memburuk|membaik|▲|▼/);
    expect(tile).not.toMatch(/kpi-delta (good|bad)/);
    // Without the year before's n (hidden, unknown): no colour either.
    const unknown = { ...resistance, previous: { value: before, n: null } } as Row;
    const untested = html(
      <KpiTile label="Resistensi" kind="fraction" lowerIsBetter row={unknown} minN={5} loading={false} />,
    );
    expect(untested).toMatch(/\(tidak ada perubahan yang jelas\)/);
    expect(untested).not.toMatch(/kpi-delta (good|bad)/);
  });
});

describe('sort button and data table', () => {
  it('names the sort button by its column', () => {
    const button = html(<SortButton label="Program" active={false} dir="asc" onClick={() => {}} />);
    expect(button).toContain('aria-label="Urutkan menurut Program"');
  });

  it('renders the table box without a tab stop before it is measured (only a scrolling box gets one)', () => {
    const table = html(
      <DataTable
        table={{ columns: [{ key: 'y', label: 'Tahun', kind: 'text' }], rows: [], minN: null }}
        caption="Tabel: Uji data"
      />,
    );
    expect(table).toContain('class="table-scroll stack-host"');
    expect(table).not.toContain('tabindex');
    expect(table).not.toContain('role="region"');
  });
});

describe('portfolio "Buka": focus follows to the opened chain', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('scrolls to the chain heading and focuses it, without a second scroll', () => {
    const heading = { scrollIntoView: vi.fn(), focus: vi.fn() };
    vi.stubGlobal('document', { getElementById: (id: string) => (id === 'roi-form-h' ? heading : null) });
    openChain();
    expect(heading.scrollIntoView).toHaveBeenCalledWith({ block: 'start' });
    expect(heading.focus).toHaveBeenCalledWith({ preventScroll: true });
  });
});
