import { describe, expect, it } from 'vitest';
import type { SatisfactionRow } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import { ikmSampleMeasures, ikmSampleNote, scorecardSampleNote } from './ikm-sample.ts';

const row = (sampleAdequate: boolean | null, suppressed = false) =>
  ({ sampleAdequate, suppressed }) as Pick<SatisfactionRow, 'sampleAdequate' | 'suppressed'>;

describe('the IKM sample column and note (PermenPANRB 14/2017, Krejcie–Morgan)', () => {
  it('population and minimum as counts, then yes or no, and nothing where the API does not judge', () => {
    const [population, minimum, measure] = ikmSampleMeasures(translator('id'));
    expect([population?.label, minimum?.label]).toEqual(['Populasi (permohonan)', 'Sampel minimum']);
    expect([population?.kind, minimum?.kind]).toEqual(['count', 'count']);
    const full = { population: 1000, minimumSample: 278, sampleAdequate: false } as SatisfactionRow;
    expect([population?.value(full), minimum?.value(full)]).toEqual([1000, 278]);
    if (!measure) throw new Error('no sample measure');
    expect(measure.key).toBe('sample');
    expect(measure.label).toBe('Sampel memadai');
    const value = (r: ReturnType<typeof row>) => measure.value(r as SatisfactionRow);
    expect([true, false, null].map((v) => value(row(v)))).toEqual(['Ya', 'Tidak', null]);
    const en = ikmSampleMeasures(translator('en'))[2];
    expect([true, false].map((v) => en?.value(row(v) as SatisfactionRow))).toEqual(['Yes', 'No']);
  });

  it('the note counts the shown rows that fall short, of those judged', () => {
    const rows = [row(false), row(true), row(false), row(null), row(null, true), row(true)];
    expect(ikmSampleNote(rows, translator('id'))).toBe(
      'Pada 2 dari 4 baris, jumlah kuesioner di bawah sampel minimum PermenPANRB 14/2017 (tabel Krejcie–Morgan atas permohonan layanan yang dicakup baris itu): IKM baris itu belum memenuhi syarat sampel.',
    );
    expect(ikmSampleNote(rows, translator('en'))).toMatch(/^In 2 of 4 rows .* the IKM of those rows /);
    expect(ikmSampleNote([row(false), row(true)], translator('en'))).toMatch(
      /^In 1 of 2 rows .* the IKM of that row /,
    );
  });

  it('no note when every judged row is sufficient, none is judged, or there are no rows', () => {
    const t = translator('id');
    expect(ikmSampleNote([row(true), row(null)], t)).toBeNull();
    expect(ikmSampleNote([row(null), row(null, true)], t)).toBeNull();
    expect(ikmSampleNote(undefined, t)).toBeNull();
  });
});

describe('the scorecard’s IKM sample note', () => {
  const name = (code: string) => `Nama ${code}`;
  const card = (agency: string, ikm: number | null, ikmSampleAdequate: boolean | null) => ({
    agency,
    ikm,
    ikmSampleAdequate,
  });

  it('names the agencies whose IKM falls short, by their full names', () => {
    const cards = [card('A', 80, false), card('B', 77, true), card('C', null, null), card('D', 70, false)];
    expect(scorecardSampleNote(cards, translator('id'), name)).toBe(
      'IKM 2 instansi berdasarkan kuesioner yang kurang dari sampel minimum PermenPANRB 14/2017 (tabel Krejcie–Morgan atas permohonan layanannya tahun itu): Nama A, Nama D.',
    );
    expect(scorecardSampleNote([card('A', 80, false)], translator('en'), name)).toMatch(
      /^The IKM of 1 agency rests on .* its service requests that year\): Nama A\.$/,
    );
  });

  it('no note when none falls short, or there are no cards', () => {
    expect(
      scorecardSampleNote([card('B', 77, true), card('C', null, null)], translator('id'), name),
    ).toBeNull();
    expect(scorecardSampleNote(undefined, translator('id'), name)).toBeNull();
  });
});
