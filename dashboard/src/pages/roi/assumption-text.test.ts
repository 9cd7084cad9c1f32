import { describe, expect, it } from 'vitest';
import { MESSAGES, translator } from '../../i18n/translate.ts';
import { assumptionNote, assumptionValue, certaintyOf, changedAssumptionsText } from './assumption-text.ts';

/** The API's assumptions as the QA pass saw them (PLY-PRIMA 2023). */
const API = [
  {
    name: 'confidence',
    value: 0.8,
    unit: 'share (0–1)',
    note: 'Phillips: adjust benefit estimates for error by the confidence in them. [certainty L]',
    noteId:
      'Phillips: manfaat yang diperkirakan dikoreksi dengan tingkat keyakinan atas perkiraan itu. [kepastian L]',
  },
  {
    name: 'hourlySalaryCostIdr',
    value: 53855.01,
    unit: 'IDR/hour',
    note: 'Value of one participant hour = monthlySalaryCostIdr / workingHoursPerMonth.',
    noteId: 'Nilai satu jam peserta = monthlySalaryCostIdr / workingHoursPerMonth.',
  },
  {
    name: 'monthlySalaryCostIdr',
    value: 8751439.7,
    unit: 'IDR/month',
    note: "Hours-weighted mean over the participants of their grade's monthly cost (dim_grade, from the salary scale).",
    noteId:
      'Rata-rata tertimbang jam atas peserta dari biaya bulanan golongannya (dim_grade, dari skala gaji).',
  },
  {
    name: 'jpMinutes',
    value: 45,
    unit: 'minutes/JP',
    note: 'Length of one JP (JP_MINUTES); no regulation text found (DOMAIN §2, certainty L).',
    noteId: 'Lama satu JP (JP_MINUTES); teks peraturannya tidak ditemukan (DOMAIN §2, kepastian L).',
  },
];
const INTERNAL =
  /confidence\b|hourlySalaryCostIdr|monthlySalaryCostIdr|workingHoursPerMonth|dim_grade|JP_MINUTES|DOMAIN|§|\[(kepastian|certainty)/;

describe('assumptionNote', () => {
  it('words every assumption for a planner, with no field name or internal reference (ID and EN)', () => {
    for (const lang of ['id', 'en'] as const) {
      const t = translator(lang);
      for (const a of API) expect(assumptionNote(a, t, lang), `${a.name} (${lang})`).not.toMatch(INTERNAL);
    }
  });

  it('says how certain a figure is in words', () => {
    expect(certaintyOf(API[3]!)).toBe('L');
    expect(assumptionNote(API[0]!, translator('id'), 'id')).toBe(
      'Seberapa yakin perkiraan manfaatnya (metode Phillips): manfaat dikalikan angka ini agar perhitungan tetap hati-hati. Kepastian: rendah.',
    );
    expect(assumptionNote(API[1]!, translator('en'), 'en')).toBe(
      'Cost of one participant hour: the fully loaded monthly salary divided by the working hours per month.',
    );
  });

  it('has a plain note for every assumption the form labels', () => {
    const labelled = Object.keys(MESSAGES.id).filter((k) => k.startsWith('roi.a.'));
    for (const k of labelled) expect(MESSAGES.id, k).toHaveProperty(k.replace('roi.a.', 'roi.aNote.'));
  });

  it('keeps the API note for an assumption it does not know yet', () => {
    const a = { name: 'newThing', value: 1, unit: 'months', note: 'New.', noteId: 'Baru.' };
    expect(assumptionNote(a, translator('id'), 'id')).toBe('Baru.');
  });

  it('writes rupiah as rupiah', () => {
    expect(assumptionValue(API[2]!, translator('id'), 'id')).toBe('Rp 8.751.440');
    expect(assumptionValue(API[0]!, translator('en'), 'en')).toBe('0.80');
  });
});

describe('changedAssumptionsText', () => {
  const used = API.map((a) => ({ ...a, source: 'default' }));
  it('names the assumptions changed in the form with their values, in either language', () => {
    const changed = used.map((a) =>
      a.name === 'confidence'
        ? { ...a, value: 0.5, source: 'override' }
        : a.name === 'jpMinutes'
          ? { ...a, value: 60, source: 'override' }
          : a,
    );
    expect(changedAssumptionsText(changed, translator('id'), 'id')).toBe(
      'Keyakinan (0–1) 0,50; Menit per JP 60',
    );
    expect(changedAssumptionsText(changed, translator('en'), 'en')).toBe(
      'Confidence (0–1) 0.50; Minutes per JP 60',
    );
  });

  it('is null when every assumption is a standard value', () => {
    expect(changedAssumptionsText(used, translator('id'), 'id')).toBeNull();
  });
});
