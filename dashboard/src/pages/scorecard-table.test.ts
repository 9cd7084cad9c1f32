import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../charts/chart-table.ts';
import { csvUnit } from '../charts/value-kind.ts';
import type { Scorecard } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import { sortScorecards } from './scorecard-sort.ts';
import {
  budgetAmounts,
  hiddenFiguresNote,
  noOwnTraining,
  ratesTable,
  SCORECARD_COLUMNS,
  scorecardTable,
  stillShown,
} from './scorecard-table.ts';

const LONG = 'Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan, Perlindungan Anak';
const names: Record<string, string> = { DISDALDUKKBP3APM: LONG, 'KEL-62.71.02.1006': 'Kelurahan Kanarakan' };
const name = (code: string) => names[code] ?? code;

const card = (agency: string, over: Partial<Scorecard> = {}): Scorecard =>
  ({
    agency,
    year: 2024,
    headcount: 120,
    participationRate: 0.7327868852459016,
    resistanceRate: 0.29,
    jpComplianceRate: 0.5,
    jpPerEmployee: 21.5,
    ikm: 75.31,
    ikmMutu: 'B',
    ikmSampleAdequate: false,
    slaMetRate: 0.4,
    medianServiceDays: 3.5,
    budgetAllocatedIdr: 500000000,
    budgetRealizedIdr: 437000000.00000006,
    budgetRealisation: 0.874,
    costPerParticipantIdr: 1389974707.6923075,
    costPerJpIdr: 250000.4,
    roiPct: -100,
    roiNote: null,
    roiWarnings: [
      { code: 'no_effect_data', id: '…', en: '…' },
      { code: 'effect_ci_includes_zero', id: '…', en: '…' },
    ],
    n: 120,
    suppressed: false,
    suppressedComponents: [],
    ...over,
  }) as unknown as Scorecard;

const hiddenIkm = card('KEL-62.71.02.1006', {
  headcount: 47,
  n: 47,
  ikm: null,
  ikmMutu: null,
  ikmSampleAdequate: null,
  resistanceRate: null,
  costPerParticipantIdr: null,
  costPerJpIdr: null,
  budgetAllocatedIdr: null,
  budgetRealizedIdr: null,
  budgetRealisation: null,
  roiPct: null,
  roiWarnings: [],
  suppressed: true,
  suppressedComponents: ['ikm', 'resistance'],
});

describe('scorecardTable', () => {
  const t = translator('id');
  const lines = (csv: string) => csv.slice(1).trimEnd().split('\r\n');

  it('exports every agency with its full name and code, every measure raw, the snapshot on every line', () => {
    const csv = lines(tableToCsv(scorecardTable([card('DISDALDUKKBP3APM'), hiddenIkm], { t, name }), 'S1'));
    expect(csv[0]).toBe(
      'Instansi,agency_code,Tahun,Jumlah pegawai,Tingkat partisipasi (0-1),Tingkat resistensi (0-1),' +
        `Kepatuhan JP (≥ 20 JP) (0-1),JP per pegawai,IKM,Mutu pelayanan,Tepat SLA (0-1),Median (hari)${csvUnit('days')},` +
        'Realisasi anggaran (0-1),Anggaran dialokasikan (Rp),Anggaran terealisasi (Rp),' +
        'Biaya per pegawai yang selesai (Rp),Biaya per JP (Rp),ROI (%),Catatan ROI (kode),' +
        'Sampel IKM memadai,n,suppressed,suppression_reason,snapshot',
    );
    expect(csv).toHaveLength(3);
    // Quoted (the name has commas); money in whole rupiah; no float noise; caveat codes.
    expect(csv[1]).toBe(
      `"${LONG}",DISDALDUKKBP3APM,2024,120,0.732786885245902,0.29,0.5,21.5,75.31,` +
        `${t('band.B')},0.4,3.5,0.874,500000000,437000000,1389974708,250000,,` +
        'no_effect_data effect_ci_includes_zero,Tidak,120,false,,S1',
    );
    for (const line of csv.slice(1)) expect(line.endsWith(',S1')).toBe(true);
  });

  it('blanks only the hidden figures and names them in the suppression columns', () => {
    const csv = lines(tableToCsv(scorecardTable([hiddenIkm], { t, name }), null));
    const cells = csv[1]!.split(',');
    const header = csv[0]!.split(',');
    const at = (h: string) => cells[header.indexOf(h)];
    expect(at('Instansi')).toBe('Kelurahan Kanarakan');
    expect(at('Tingkat partisipasi (0-1)')).toBe('0.732786885245902');
    expect(at('IKM')).toBe('');
    expect(at('Mutu pelayanan')).toBe('');
    expect(at('Sampel IKM memadai')).toBe('');
    expect(at('suppressed')).toBe('true');
    // The API says no reason a component is hidden (small n, few employees, or a complement): none claimed.
    // Quoted: a cell holding `;` is (Excel in the Indonesian locale splits on it).
    expect(at('suppression_reason')).toBe('"Tingkat resistensi; IKM; Mutu pelayanan; Sampel IKM memadai"');
    // No cost: blank, not zero.
    expect(at('Biaya per pegawai yang selesai (Rp)')).toBe('');
  });

  it('keeps the order it is given (the order the page shows) and labels columns in English too', () => {
    const en = translator('en');
    const table = scorecardTable([hiddenIkm, card('DISDALDUKKBP3APM')], { t: en, name });
    expect(table.rows.map((r) => r.agency)).toEqual(['KEL-62.71.02.1006', 'DISDALDUKKBP3APM']);
    expect(table.columns.map((c) => c.key)).toEqual(
      expect.arrayContaining(SCORECARD_COLUMNS.map((c) => c.key as string)),
    );
    expect(table.columns[0]?.label).toBe(en('instansi.agency'));
  });
});

describe('ratesTable', () => {
  it('labels agencies by their full name and carries their code; a hidden rate stays hidden', () => {
    const t = translator('id');
    const table = ratesTable([card('DISDALDUKKBP3APM'), hiddenIkm], { t, name });
    expect(table.rows.map((r) => r.values.agency)).toEqual([LONG, 'Kelurahan Kanarakan']);
    expect(table.rows.map((r) => r.agency)).toEqual(['DISDALDUKKBP3APM', 'KEL-62.71.02.1006']);
    expect(table.rows[1]?.suppressedCells).toEqual({ resistanceRate: 'unspecified' });
    const csv = tableToCsv(table, 'S1').slice(1).split('\r\n');
    expect(csv[0]).toBe(
      'Instansi,agency_code,Tingkat partisipasi (0-1),Tingkat resistensi (0-1),Kepatuhan JP (≥ 20 JP) (0-1),Tepat SLA (0-1),n,suppressed,suppression_reason,snapshot',
    );
    expect(csv[2]).toBe(
      'Kelurahan Kanarakan,KEL-62.71.02.1006,0.732786885245902,,0.5,0.4,47,true,Tingkat resistensi,S1',
    );
  });
});

describe('noOwnTraining', () => {
  it('explains the cost dash of an agency that organised no training that year (Dinas Sosial 2024), not a hidden one', () => {
    // Budget realised and an ROI, but no offering of its own: the API sends null costs, nothing hidden.
    const dinsos = card('DINSOS', { costPerParticipantIdr: null, costPerJpIdr: null });
    expect(noOwnTraining(dinsos)).toBe(true);
    expect(noOwnTraining(card('DISDUKCAPIL'))).toBe(false);
    // Costs hidden because the agency's offerings trained 1 … 4 people: "dirahasiakan", not this note.
    const few = card('KEL-X', {
      costPerParticipantIdr: null,
      costPerJpIdr: null,
      suppressedComponents: ['training'],
    });
    expect(noOwnTraining(few)).toBe(false);
    expect(translator('en')('instansi.noTrainingTitle')).toMatch(/organised no training/);
  });
});

describe('a card without its own training', () => {
  const t = translator('id');
  const noTraining = card('KEL-62.71.04.1006', {
    costPerParticipantIdr: null,
    costPerJpIdr: null,
    budgetRealisation: null,
    budgetAllocatedIdr: null,
    budgetRealizedIdr: null,
  });

  it('says budget and ROI are still shown only for those with a value on screen', () => {
    expect(noOwnTraining(noTraining)).toBe(true);
    // ROI −100 % with no_effect_data: "tak terukur" on screen, so not "shown".
    expect(stillShown(noTraining)).toEqual({ budget: false, roi: false });
    expect(stillShown(card('A', { roiWarnings: [] }))).toEqual({ budget: true, roi: true });
  });

  it('writes its ROI blank in the CSV where the page says "tak terukur" (not -100)', () => {
    const csv = tableToCsv(scorecardTable([noTraining], { t, name }), null)
      .slice(1)
      .trimEnd()
      .split('\r\n');
    const header = csv[0]!.split(',');
    const cells = csv[1]!.split(',');
    expect(cells[header.indexOf('ROI (%)')]).toBe('');
    expect(cells[header.indexOf('Catatan ROI (kode)')]).toBe('no_effect_data effect_ci_includes_zero');
    const measured = tableToCsv(
      scorecardTable([card('A', { roiPct: 12.5, roiWarnings: [] })], { t, name }),
      null,
    );
    expect(measured.split('\r\n')[1]!.split(',')[header.indexOf('ROI (%)')]).toBe('12.5');
  });

  it('sorts the ROIs it leaves blank with the missing ones, after every measured ROI', () => {
    const cards = [
      noTraining,
      card('DINKES', { roiPct: -100, roiWarnings: [{ code: 'effect_ci_includes_zero', id: '…', en: '…' }] }),
      card('DISDIK', { roiPct: 5, roiWarnings: [] }),
      hiddenIkm,
    ];
    for (const dir of ['asc', 'desc'] as const) {
      const sorted = sortScorecards(cards, { key: 'roiPct', dir }, name);
      const csv = tableToCsv(scorecardTable(sorted, { t, name }), null).slice(1).trimEnd().split('\r\n');
      const col = csv[0]!.split(',').indexOf('ROI (%)');
      const roi = csv.slice(1).map((line) => line.split(',')[col]);
      expect(roi).toEqual(dir === 'asc' ? ['-100', '5', '', ''] : ['5', '-100', '', '']);
    }
  });
});

describe('the ROI column names the base case', () => {
  it('heads the page’s column "ROI (dasar)" / "ROI (base)" and keeps the CSV’s "ROI (%)"', () => {
    const roi = SCORECARD_COLUMNS.find((c) => c.key === 'roiPct')!;
    expect(translator('id')(roi.label)).toBe('ROI (dasar)');
    expect(translator('en')(roi.label)).toBe('ROI (base)');
    expect(scorecardTable([], { t: translator('id'), name: (c) => c }).columns.map((c) => c.label)).toContain(
      'ROI',
    );
  });
});

describe('the cost per participant says what it divides by', () => {
  it('is "per employee completing" on the scorecard, "per attending enrollment" in the budget scenario', () => {
    const label = SCORECARD_COLUMNS.find((c) => c.key === 'costPerParticipantIdr')!.label;
    const id = translator('id');
    const en = translator('en');
    expect(id(label)).toBe('Biaya per pegawai yang selesai');
    expect(en(label)).toBe('Cost per employee completing');
    expect(id('roi.costPerParticipant')).toBe('Biaya per peserta hadir');
    expect(en('roi.costPerParticipant')).toBe('Cost per attending enrollment');
    // Each glossary entry names its own divisor and tells the other apart.
    expect(id('glossary.costPerCompleter.text')).toMatch(/pegawai berbeda yang menyelesaikannya/);
    expect(en('glossary.costPerAttendance.text')).toMatch(/attended enrollments, completed or dropped out/);
  });
});

describe('budgetAmounts', () => {
  const amounts = (allocated: number | null, realized: number | null) =>
    card('A', { budgetAllocatedIdr: allocated, budgetRealizedIdr: realized });

  it("writes realised of allocated in compact rupiah, in the reader's number format", () => {
    expect(budgetAmounts(amounts(99_900_000, 86_300_000), translator('id'), 'id')).toBe(
      'Rp 86,3 jt dari Rp 99,9 jt',
    );
    expect(budgetAmounts(amounts(99_900_000, 86_300_000), translator('en'), 'en')).toBe(
      'Rp 86.3 M of Rp 99.9 M',
    );
    expect(budgetAmounts(amounts(1_250_000_000, 437_000_000), translator('id'), 'id')).toBe(
      'Rp 437,0 jt dari Rp 1,3 M',
    );
  });

  it('writes the one known alone, and nothing without either', () => {
    expect(budgetAmounts(amounts(99_900_000, null), translator('id'), 'id')).toBe('dialokasikan Rp 99,9 jt');
    expect(budgetAmounts(amounts(null, 86_300_000), translator('en'), 'en')).toBe('Rp 86.3 M realised');
    expect(budgetAmounts(amounts(null, null), translator('id'), 'id')).toBeNull();
  });
});

describe('hiddenFiguresNote', () => {
  it('counts the figures the page writes "dirahasiakan" and says why, as under every chart', () => {
    const t = translator('id');
    // hiddenIkm hides its resistance rate and its IKM: two figures.
    const lines = hiddenFiguresNote([card('DISDALDUKKBP3APM'), hiddenIkm], t);
    expect(lines).toEqual([t('suppression.unspecified', { n: 2, minN: 5 })]);
    expect(lines[0]).toMatch(/^2 sel dirahasiakan: n kurang dari 5/);
    // Training hidden: both its costs; the ROI hidden too.
    const few = card('KEL-X', { suppressedComponents: ['training', 'roi'] });
    expect(hiddenFiguresNote([few, hiddenIkm], t)[0]).toMatch(/^5 sel dirahasiakan/);
  });

  it('says nothing when no figure is hidden', () => {
    expect(hiddenFiguresNote([card('A'), card('B')], translator('en'))).toEqual([]);
    expect(hiddenFiguresNote([], translator('en'))).toEqual([]);
  });
});
