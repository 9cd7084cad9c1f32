import { describe, expect, it } from 'vitest';
import {
  csvCell,
  csvFileName,
  csvFilterPart,
  csvIdr,
  csvNumber,
  isMoneyHeader,
  toCsv,
  UTF8_BOM,
} from './csv.ts';

describe('csvCell', () => {
  it('neutralises formula starts with a single quote', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+62 811')).toBe("'+62 811");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe(`"'\tcmd"`);
  });

  it('quotes a cell holding a semicolon or a tab: Excel in the Indonesian locale splits on ;', () => {
    // Unquoted, `Badan;=1+1;Daerah` opened as three cells there, the second a formula.
    expect(csvCell('Badan Perencanaan;=1+1;Daerah')).toBe('"Badan Perencanaan;=1+1;Daerah"');
    expect(csvCell('Seminar;@SUM(1+1);Inovasi')).toBe('"Seminar;@SUM(1+1);Inovasi"');
    expect(csvCell('a\t=1+1')).toBe('"a\t=1+1"');
    expect(csvCell('Sekretariat Daerah – Café Kota')).toBe('Sekretariat Daerah – Café Kota');
  });

  it('leaves numbers raw, negatives included', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(1234567)).toBe('1234567');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('strips binary floating-point noise, keeping every real digit', () => {
    expect(csvCell(437000000.00000006)).toBe('437000000');
    expect(csvCell(612000000.0000001)).toBe('612000000');
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
    expect(csvCell(19.932069728471898)).toBe('19.9320697284719');
    expect(csvCell(0.7327868852459016)).toBe('0.732786885245902');
    expect(csvCell(-0.4028382137098437)).toBe('-0.402838213709844');
    expect(csvCell(1.0382112935502403e-156)).toBe('1.03821129355024e-156');
    expect(csvCell(-0)).toBe('0');
    expect(csvNumber(2.675)).toBe(2.675);
    expect(csvNumber(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('Dinas A, B')).toBe('"Dinas A, B"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Dinas Kesehatan')).toBe('Dinas Kesehatan');
  });
});

describe('money', () => {
  it('rounds rupiah to whole rupiah, half away from zero, never -0', () => {
    expect(csvIdr(1389974707.6923075)).toBe(1389974708);
    expect(csvIdr(5524120867.692307)).toBe(5524120868);
    expect(csvIdr(2.5)).toBe(3);
    expect(csvIdr(-2.5)).toBe(-3);
    expect(csvIdr(-0.4)).toBe(0);
    expect(Object.is(csvIdr(-0.4), 0)).toBe(true);
    expect(csvIdr(null)).toBeNull();
    expect(csvIdr(Number.NaN)).toBeNull();
  });

  it('knows a money column by the unit its header declares', () => {
    expect(isMoneyHeader('Biaya penuh (Rp)')).toBe(true);
    expect(isMoneyHeader('Total biaya (IDR)')).toBe(true);
    expect(isMoneyHeader('Fully loaded cost (IDR)')).toBe(true);
    expect(isMoneyHeader('ROI % Dasar')).toBe(false);
    expect(isMoneyHeader('Rp per JP')).toBe(false);
    expect(isMoneyHeader('Tingkat (0-1)')).toBe(false);
  });

  it('writes money columns in whole rupiah and other numbers without noise', () => {
    const csv = toCsv(
      ['Program', 'Biaya penuh (Rp)', 'BCR', 'Total biaya (IDR)'],
      [
        ['PLY-PRIMA', 1389974707.6923075, 19.932069728471898, 437000000.00000006],
        ['TIK-CO', null, -0.4, 'n/a'],
      ],
    );
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Program,Biaya penuh (Rp),BCR,Total biaya (IDR)',
      'PLY-PRIMA,1389974708,19.9320697284719,437000000',
      'TIK-CO,,-0.4,n/a',
      '',
    ]);
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = toCsv(
      ['instansi', 'n'],
      [
        ['Dinas Pendidikan', 120],
        ['=cmd', null],
      ],
    );
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}instansi,n\r\nDinas Pendidikan,120\r\n'=cmd,\r\n`);
  });
});

describe('csvFileName', () => {
  it('slugs the title and pins the snapshot', () => {
    expect(csvFileName('Resistensi per alasan — Tahun', '2026-11-29T10:30:00Z')).toBe(
      'resistensi-per-alasan-tahun_20261129T103000Z.csv',
    );
  });
});

describe('a filtered CSV file name', () => {
  it('carries the filters between the title and the snapshot, short', () => {
    const part = csvFilterPart([['DISDUKCAPIL']], 2024, 2024);
    expect(part).toBe('DISDUKCAPIL_2024');
    expect(csvFileName('Hari layanan dari waktu ke waktu', '20261204T103316982Z-fb81', part)).toBe(
      'hari-layanan-dari-waktu-ke-waktu_DISDUKCAPIL_2024_20261204T103316982Zfb81.csv',
    );
    // Unfiltered: the name it always had.
    expect(csvFileName('Hari layanan dari waktu ke waktu', 'S1', csvFilterPart([[], []], null, null))).toBe(
      'hari-layanan-dari-waktu-ke-waktu_S1.csv',
    );
  });

  it('names year ranges and open ends, several values and lists', () => {
    expect(csvFilterPart([['DKPP', 'BKPSDM'], ['PLY-PRIMA']], 2022, 2023)).toBe(
      'DKPP+BKPSDM_PLY-PRIMA_2022-2023',
    );
    expect(csvFilterPart([], 2022, null)).toBe('2022-');
    expect(csvFilterPart([], null, 2023)).toBe('-2023');
    expect(csvFilterPart([['KEL-62.71.04.1006']], null, null)).toBe('KEL-62.71.04.1006');
  });

  it('stays short with many values, saying how many', () => {
    const many = Array.from({ length: 12 }, (_, i) => `KEL-62.71.04.10${10 + i}`);
    const part = csvFilterPart([many], null, null);
    expect(part.length).toBeLessThanOrEqual(60);
    expect(part.endsWith('_12v')).toBe(true);
  });
});
