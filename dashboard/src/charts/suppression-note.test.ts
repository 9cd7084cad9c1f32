import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { type ChartTable, type SuppressionReason, type TableRow, tableToCsv } from './chart-table.ts';
import { hiddenCellText, hiddenCounts, hiddenReasonText, suppressionNotes } from './suppression-note.ts';

const id = translator('id');
const en = translator('en');

/** A shown row (`false`), or a hidden one with its reason, or none (`null`: a metric row's). */
const row = (label: string, hidden: SuppressionReason | null | false, n = 10): TableRow => ({
  values: { label, value: hidden === false ? 0.5 : null },
  n: hidden === false ? n : null,
  suppressed: hidden !== false,
  ...(hidden ? { suppressionReason: hidden } : {}),
});
const table = (rows: TableRow[]): ChartTable => ({
  columns: [
    { key: 'label', label: 'Instansi', kind: 'text' },
    { key: 'value', label: 'Rate', kind: 'fraction' },
  ],
  rows,
  minN: 5,
});

describe('suppressionNotes', () => {
  it('never puts a complementary cell down to n < 5: primary and complementary told apart', () => {
    const t = table([
      row('A', false),
      row('B', 'primary'),
      row('C', 'complementary'),
      row('D', 'complementary'),
    ]);
    expect(hiddenCounts(t)).toEqual({ primary: 1, complementary: 2, unspecified: 0 });
    expect(suppressionNotes(t, id)).toEqual({
      allHidden: null,
      lines: [
        '1 sel dirahasiakan karena n kurang dari 5 atau kurang dari 5 pegawai berbeda di baliknya.',
        '2 sel dirahasiakan sebagai pelengkap (bukan karena kecil): agar sel kecil lain tidak dapat dihitung dari total atau dari angka lain.',
      ],
    });
  });

  it('says "below 5, or a complement" for metric rows, which carry no reason', () => {
    const t = table([row('A', false), row('B', null), row('C', null)]);
    const { lines } = suppressionNotes(t, en);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      '2 cells hidden: n below 5 or fewer than 5 distinct employees behind them, or another count their row shows (e.g. declines, non-responses, participants, employees with no training or below 20 JP) below 5, or hidden as complements so that other small cells cannot be derived from totals or from the unfiltered figures (the API deliberately does not say which, as that too would give small counts away).',
    );
    // Since a row is also hidden when it rests on fewer than 5 employees (11 invitations from 4
    // employees), "n < 5" alone is not true of every hidden cell.
    expect(suppressionNotes(t, id).lines[0]).toMatch(
      /^2 sel dirahasiakan: n kurang dari 5 atau kurang dari 5 pegawai berbeda di baliknya, atau hitungan lain yang ditampilkan barisnya \(mis\. penolakan, undangan tak dijawab, peserta, pegawai yang tidak ikut pelatihan atau di bawah 20 JP\) kurang dari 5, atau dirahasiakan sebagai pelengkap/,
    );
  });

  it('names a count the row shows beyond n as a reason too, with the minimum the API gives', () => {
    // BKPSDM's resistance rows (150–186 invitations a year, 28–32 declines) are hidden for a count
    // of 1–4 they show (no-shows, say), not for a small n: "n < 5 or a complement" was untrue.
    const t = { ...table([row('A', false), row('B', null)]), minN: 10 };
    expect(suppressionNotes(t, id).lines[0]).toContain(
      'atau hitungan lain yang ditampilkan barisnya (mis. penolakan, undangan tak dijawab, peserta, pegawai yang tidak ikut pelatihan atau di bawah 20 JP) kurang dari 10,',
    );
    // One hidden cell: English says it in the singular.
    expect(suppressionNotes(t, en).lines[0]).toContain(
      '1 cell hidden: n below 10 or fewer than 10 distinct employees behind it, or another count its row shows (e.g. declines, non-responses, participants, employees with no training or below 20 JP) below 10,',
    );
    const all = { ...t, rows: [row('A', null), row('B', null)] };
    expect(suppressionNotes(all, id).allHidden).toContain(
      'atau hitungan lain yang ditampilkannya, mis. penolakan, undangan tak dijawab, peserta, pegawai yang tidak ikut pelatihan atau di bawah 20 JP, kurang dari 10),',
    );
    expect(suppressionNotes(all, en).allHidden).toContain(
      'or another count they show, e.g. declines, non-responses, participants, employees with no training or below 20 JP, below 10),',
    );
    expect(hiddenReasonText(en, undefined, 10)).toContain(
      'another count it shows (e.g. declines, non-responses, participants, employees with no training or below 20 JP) below 10',
    );
  });

  it('says plainly that a filtered per-agency table cannot be shown, and why, instead of listing its rows', () => {
    // Partisipasi with grade=III: every one of the 53 agencies hidden (complements of the unfiltered table).
    const t = table(Array.from({ length: 53 }, (_, i) => row(`A${i}`, null)));
    const notes = suppressionNotes(t, id, { applied: ['gradeGroups'], perAgency: true });
    expect(notes.lines).toEqual([]);
    expect(notes.allHidden).toBe(
      'Kombinasi filter ini (Golongan) tidak dapat ditampilkan per instansi: semua baris dirahasiakan. Kelompoknya terlalu kecil (n kurang dari 5 atau kurang dari 5 pegawai berbeda di baliknya, atau hitungan lain yang ditampilkannya, mis. penolakan, undangan tak dijawab, peserta, pegawai yang tidak ikut pelatihan atau di bawah 20 JP, kurang dari 5), atau angkanya, dibandingkan dengan angka tanpa filter atau dengan total, akan membuka kelompok kecil, sehingga dirahasiakan sebagai pelengkap.',
    );
    expect(
      suppressionNotes(t, en, { applied: ['gradeGroups', 'employmentTypes'], perAgency: true }).allHidden,
    ).toMatch(
      /^This filter combination \(Grade group, Employment type\) cannot be shown per agency: every row is hidden\. /,
    );
    // Every row hidden for being small, no filter: said so, not as a filter combination.
    const small = table([row('A', 'primary'), row('B', 'primary')]);
    expect(suppressionNotes(small, en).allHidden).toBe(
      'Every row of this table is hidden. Each group is too small: n below 5 or fewer than 5 distinct employees behind it.',
    );
  });

  it('says why a table filtered by two lists and broken down by a third dimension is hidden whole', () => {
    // Partisipasi's resistance by tenure band with grade group III and PNS: every band hidden, as
    // the API hides every cell of an answer naming three dimensions (its total stays shown).
    const t = table(['<5', '5-9', '10-19', '20+'].map((band) => row(band, null)));
    const applied = ['gradeGroups', 'employmentTypes'] as const;
    const notes = suppressionNotes(t, en, { applied, threeWay: true });
    expect(notes.lines).toEqual([]);
    expect(notes.allHidden).toBe(
      'This filter combination (Grade group, Employment type) cannot be shown at this breakdown: every row is hidden. The filters and this breakdown together cross three dimensions: its groups would be cells of a three-way table, which is never published, as its cells could give away small groups that the two-way tables hide. Remove filters until, with the breakdown, two dimensions are left.',
    );
    expect(suppressionNotes(t, id, { applied, threeWay: true }).allHidden).toMatch(/tabel tiga arah/);
    // Not three dimensions: the generic why, not the three-way one.
    expect(suppressionNotes(t, en, { applied: ['gradeGroups'] }).allHidden).not.toMatch(/three/);
    // Some group shown: nothing said of three dimensions (the rule hides every group or none).
    const partly = table([row('<5', null), row('10-19', false)]);
    expect(suppressionNotes(partly, en, { applied, threeWay: true }).allHidden).toBeNull();
  });

  it('counts a hidden metric cell of a pivot (no reason from the API) as either, never as n < 5', () => {
    const pivot = table([
      { ...row('Band', false), suppressedCells: { value: 'unspecified' } },
      row('Other', false),
    ]);
    expect(hiddenCounts(pivot)).toEqual({ primary: 0, complementary: 0, unspecified: 1 });
    expect(tableToCsv(pivot, 'S1').split('\r\n')[1]).toBe('Band,,10,true,Rate,S1');
  });

  it('says nothing when nothing is hidden', () => {
    expect(suppressionNotes(table([row('A', false)]), id)).toEqual({ allHidden: null, lines: [] });
  });
});

describe('hiddenCellText', () => {
  it('is short: the note explains it once', () => {
    // A metric or ROI row's (no reason), or a metric cell of a pivot (unspecified): the bare word.
    expect(hiddenCellText(id, undefined, 5)).toBe('dirahasiakan');
    expect(hiddenCellText(id, 'unspecified', 5)).toBe('dirahasiakan');
    expect(hiddenCellText(en, 'unspecified', 5)).toBe('suppressed');
    // The dashboard's own hidden cells (funnel steps, kinds of resistance) and a cohort comparison.
    expect(hiddenCellText(id, 'primary', 5)).toBe('dirahasiakan (n < 5 atau < 5 pegawai)');
    expect(hiddenCellText(en, 'primary', 5)).toBe('suppressed (n < 5 or < 5 employees)');
    expect(hiddenCellText(en, 'complementary', 5)).toBe('suppressed (complement)');
  });
});

describe('hiddenReasonText', () => {
  it('names both small n and few distinct employees, or a complement, when the row names no reason', () => {
    expect(hiddenReasonText(id, undefined, 5)).toBe(
      'n kurang dari 5 atau kurang dari 5 pegawai berbeda di baliknya, atau hitungan lain yang ditampilkannya (mis. penolakan, undangan tak dijawab, peserta, pegawai yang tidak ikut pelatihan atau di bawah 20 JP) kurang dari 5, atau dirahasiakan agar sel kecil lain tidak dapat dihitung',
    );
    expect(hiddenReasonText(en, 'unspecified', 5)).toBe(
      'n below 5 or fewer than 5 distinct employees behind it, or another count it shows (e.g. declines, non-responses, participants, employees with no training or below 20 JP) below 5, or hidden so that another small cell cannot be derived',
    );
  });

  it('says the same of a view coarsened because every finer value is hidden', () => {
    expect(en('chart.coarsenedHidden', { from: 'month', to: 'year', minN: 5 })).toBe(
      'Shown by year: by month every value is hidden for confidentiality (n below 5 or fewer than 5 distinct employees behind it, or another count it shows, e.g. declines, non-responses, participants, employees with no training or below 20 JP, below 5, or hidden so that another small cell cannot be derived).',
    );
    expect(id('chart.coarsenedHidden', { from: 'bulan', to: 'tahun', minN: 5 })).toBe(
      'Ditampilkan per tahun: per bulan setiap nilai dirahasiakan (n kurang dari 5 atau kurang dari 5 pegawai berbeda di baliknya, atau hitungan lain yang ditampilkannya, mis. penolakan, undangan tak dijawab, peserta, pegawai yang tidak ikut pelatihan atau di bawah 20 JP, kurang dari 5, atau dirahasiakan agar sel kecil lain tidak dapat dihitung).',
    );
  });
});
