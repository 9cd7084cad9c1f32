import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { periodText } from './period-title.ts';

const id = translator('id');
const en = translator('en');
const span = { first: 2021, last: 2025 };

describe('period in a card title', () => {
  it('names the snapshot years for "Semua" (all years pooled), not leaving them unsaid', () => {
    expect(periodText(null, null, span, id)).toBe('2021–2025');
    expect(id('layanan.ikm', { period: periodText(null, null, span, id) })).toBe(
      'IKM per instansi, 2021–2025',
    );
    expect(en('layanan.byAgency', { period: periodText(null, null, span, en) })).toBe(
      'Service days by agency, 2021–2025',
    );
  });

  it('names the years "Resistensi per instansi" pools, beside a card titled "…, tahun 2025"', () => {
    expect(id('partisipasi.byAgency', { period: periodText(null, null, span, id) })).toBe(
      'Resistensi per instansi, 2021–2025',
    );
    expect(en('partisipasi.byAgency', { period: periodText(2024, 2024, span, en) })).toBe(
      'Resistance by agency, 2024',
    );
  });

  it('writes one year alone and closes an open end with the snapshot year', () => {
    expect(periodText(2025, 2025, span, id)).toBe('2025');
    expect(periodText(2023, null, span, id)).toBe('2023–2025');
    expect(periodText(null, 2022, span, en)).toBe('2021–2022');
  });

  it('never writes a backwards range: a year past the snapshot stays open, chosen years in order', () => {
    // A shared link's from=2030 on a 2021–2025 snapshot: "2030–2025" until a review of 2026-12-05.
    expect(periodText(2030, null, span, en)).toBe('from 2030');
    expect(periodText(null, 2019, span, id)).toBe('s.d. 2019');
    expect(periodText(2025, 2021, span, en)).toBe('2021–2025');
  });

  it('says so in words before the snapshot has loaded', () => {
    expect(periodText(null, null, null, id)).toBe('semua tahun');
    expect(periodText(null, null, undefined, en)).toBe('all years');
    expect(periodText(null, 2024, null, id)).toBe('s.d. 2024');
    expect(periodText(2023, null, null, en)).toBe('from 2023');
  });
});
