import { describe, expect, it } from 'vitest';
import type { ChartTable } from '../charts/chart-table.ts';
import { renderStatic } from '../testing/catalog-render.tsx';
import { KindsHiddenNote, MostlyHiddenNote } from './HiddenRowsNote.tsx';

/** A by-kind or by-agency table of `rows` rows, the first `hidden` of them hidden. */
function table(rows: number, hidden: number): ChartTable {
  return {
    columns: [
      { key: 'group', label: 'Jenis instansi', kind: 'text' },
      { key: 'rate', label: 'Tingkat', kind: 'fraction' },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({
      values: { group: `K${i}`, rate: i < hidden ? null : 0.1 },
      n: i < hidden ? null : 40,
      suppressed: i < hidden,
    })),
    minN: 5,
  };
}

const button = (markup: string) => markup.match(/<button[^>]*>[^<]*<\/button>/)?.[0] ?? null;

describe('the notes under a card that hides most of its rows', () => {
  it('by kind over a range: how many, why, and a button to show the range’s last year alone', () => {
    const markup = renderStatic(<KindsHiddenNote table={table(6, 4)} severalYears oneYear={2025} />);
    expect(markup).toMatch(
      /^<p class="card-notes" data-kinds-hidden="true">4 dari 6 jenis instansi disembunyikan: /,
    );
    expect(markup).toContain('Satu tahun saja sering menampilkan lebih banyak jenis.');
    expect(button(markup)).toBe(
      '<button type="button" class="btn btn-small" data-one-year="2025">Tampilkan tahun 2025 saja</button>',
    );
  });

  it('by kind in one year: the reason without the hint or the button', () => {
    const markup = renderStatic(<KindsHiddenNote table={table(6, 3)} severalYears={false} oneYear={2025} />);
    expect(markup).toMatch(
      /^<p class="card-notes" data-kinds-hidden="true">3 dari 6 jenis instansi disembunyikan: /,
    );
    expect(markup).not.toContain('Satu tahun saja');
    expect(button(markup)).toBeNull();
  });

  it('over a range whose last year is not known yet: the range’s reason, no button', () => {
    const markup = renderStatic(<KindsHiddenNote table={table(6, 4)} severalYears oneYear={null} />);
    expect(markup).toContain('Satu tahun saja sering menampilkan lebih banyak jenis.');
    expect(button(markup)).toBeNull();
  });

  it('says nothing while fewer than half of at least four rows are hidden', () => {
    expect(renderStatic(<KindsHiddenNote table={table(6, 2)} severalYears oneYear={2025} />)).toBe('');
    expect(renderStatic(<KindsHiddenNote table={table(3, 3)} severalYears oneYear={2025} />)).toBe('');
    expect(renderStatic(<KindsHiddenNote table={null} severalYears oneYear={2025} />)).toBe('');
    expect(renderStatic(<MostlyHiddenNote table={table(10, 4)} />)).toBe('');
  });

  it('by agency: how many, and the way to the kinds', () => {
    const markup = renderStatic(<MostlyHiddenNote table={table(10, 5)} />);
    expect(markup).toBe(
      '<p class="card-notes" data-mostly-hidden="true">5 dari 10 instansi disembunyikan. Pilih “Per jenis instansi” di atas untuk membandingkan jenis instansi (semua kelurahan menjadi satu kelompok).</p>',
    );
  });
});
