import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { lastYearNote } from './last-year-note.ts';

const span = { first: 2021, last: 2025 };

describe("Instansi's note on the data's last year", () => {
  it('says the 2025 median leaves out requests still open at the data’s end', () => {
    expect(lastYearNote(2025, span, translator('id'))).toBe(
      'Tahun 2025 adalah tahun terakhir data: permohonan yang masih berjalan di akhir data tidak dihitung dalam median hari layanan, sehingga median tahun ini bisa lebih rendah dari yang sebenarnya.',
    );
    expect(lastYearNote(2025, span, translator('en'))).toBe(
      "2025 is the data's last year: requests still open at the data's end are not counted in the median service days, so this year's median may understate.",
    );
  });

  it('says nothing for an earlier year or before the snapshot is known', () => {
    expect(lastYearNote(2024, span, translator('id'))).toBeNull();
    expect(lastYearNote(2025, null, translator('id'))).toBeNull();
    expect(lastYearNote(null, span, translator('id'))).toBeNull();
  });
});
