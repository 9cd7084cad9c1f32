import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { cohortFromSearch, describeLinkProblem, isCalendarDay } from './cohort-link.ts';

const link = (query: string) => cohortFromSearch(new URLSearchParams(query));
const PLY = 'ck=program&cv=PLY-PRIMA';

describe('a cohort link', () => {
  it('without cohort parameters names no cohort (the page shows its default)', () => {
    expect(link('page=kohort&from=2022')).toEqual({ named: false, cohort: null, asked: {}, problems: [] });
  });

  it('with every field is a cohort', () => {
    const l = link(
      `${PLY}&cfrom=2023-01-01&cto=2023-12-31&cout=sla_met_rate&cwin=6&cag=B,A&cc=only_vs_untrained`,
    );
    expect(l.problems).toEqual([]);
    expect(l.cohort).toEqual({
      selector: { kind: 'program', value: 'PLY-PRIMA' },
      from: '2023-01-01',
      to: '2023-12-31',
      outcome: 'sla_met_rate',
      windowMonths: 6,
      agencies: ['B', 'A'],
      contrast: 'only_vs_untrained',
    });
  });

  it('fills what the form always writes: kind, outcome, window length and contrast', () => {
    const l = link('cv=PLY-PRIMA&cfrom=2023-01-01&cto=2023-12-31');
    expect(l.cohort).toEqual({
      selector: { kind: 'program', value: 'PLY-PRIMA' },
      from: '2023-01-01',
      to: '2023-12-31',
      outcome: 'service_days',
      windowMonths: 12,
      agencies: null,
      contrast: null,
    });
  });

  it('with a reversed window keeps the program and both dates, and says the window is reversed', () => {
    const l = link(`${PLY}&cfrom=2023-12-01&cto=2023-01-31&cout=service_days&cwin=12`);
    expect(l.cohort).toBeNull();
    expect(l.named).toBe(true);
    expect(l.asked).toMatchObject({
      kind: 'program',
      value: 'PLY-PRIMA',
      from: '2023-12-01',
      to: '2023-01-31',
    });
    expect(l.problems).toEqual([{ kind: 'rangeReversed', from: '2023-12-01', to: '2023-01-31' }]);
  });

  it('with a date inside a month keeps it in the form and names the whole-month dates either side', () => {
    const l = link(`${PLY}&cfrom=2023-03-15&cto=2024-02-10`);
    expect(l.cohort).toBeNull();
    expect(l.asked).toMatchObject({ value: 'PLY-PRIMA', from: '2023-03-15', to: '2024-02-10' });
    expect(l.problems).toEqual([
      { kind: 'notAligned', param: 'cfrom', value: '2023-03-15', earlier: '2023-03-01', later: '2023-04-01' },
      // 2024 is a leap year: February ends on the 29th.
      { kind: 'notAligned', param: 'cto', value: '2024-02-10', earlier: '2024-01-31', later: '2024-02-29' },
    ]);
    // December's next month is January of the next year.
    expect(link(`${PLY}&cfrom=2023-12-02&cto=2024-01-31`).problems).toEqual([
      { kind: 'notAligned', param: 'cfrom', value: '2023-12-02', earlier: '2023-12-01', later: '2024-01-01' },
    ]);
    expect(link(`${PLY}&cfrom=2024-02-01&cto=2024-02-29`).problems).toEqual([]);
  });

  it('for SKP appraisals (yearly) takes one calendar year, as the API does, and names it otherwise', () => {
    expect(link(`${PLY}&cfrom=2023-01-01&cto=2023-12-31&cout=appraisal_score`).problems).toEqual([]);
    const l = link(`${PLY}&cfrom=2023-03-01&cto=2024-12-31&cout=appraisal_score`);
    expect(l.cohort).toBeNull();
    expect(l.problems).toEqual([
      { kind: 'notCalendarYear', param: 'cfrom', value: '2023-03-01', year: '2023' },
      { kind: 'notCalendarYear', param: 'cto', value: '2024-12-31', year: '2023' },
    ]);
    expect(describeLinkProblem(l.problems[0]!, translator('en'))).toBe(
      '“Training window start” in the link (2023-03-01): SKP appraisals are yearly, so an appraisal comparison takes one calendar year, 2023-01-01 … 2023-12-31.',
    );
    // Service outcomes keep whole months.
    expect(link(`${PLY}&cfrom=2023-03-01&cto=2024-12-31&cout=service_days`).problems).toEqual([]);
  });

  it('with cwin=0 (or 37, 1.5, abc) keeps the rest and names the window length', () => {
    for (const cwin of ['0', '37', '1.5', 'abc', '-3']) {
      const l = link(`${PLY}&cfrom=2023-01-01&cto=2023-12-31&cwin=${cwin}`);
      expect(l.cohort, cwin).toBeNull();
      expect(l.asked, cwin).toMatchObject({ value: 'PLY-PRIMA', from: '2023-01-01', to: '2023-12-31' });
      expect(l.asked.windowMonths, cwin).toBeUndefined();
      expect(l.problems, cwin).toEqual([{ kind: 'windowOutOfRange', value: cwin }]);
    }
  });

  it('with a missing end or program says which', () => {
    expect(link(`${PLY}&cfrom=2023-01-01`).problems).toEqual([{ kind: 'missing', param: 'cto' }]);
    expect(link('ck=program&cfrom=2023-01-01&cto=2023-12-31').problems).toEqual([
      { kind: 'missing', param: 'cv' },
    ]);
  });

  it('with an impossible date keeps the other date and names the bad one', () => {
    const l = link(`${PLY}&cfrom=2023-13-01&cto=2023-12-31`);
    expect(l.asked).toMatchObject({ value: 'PLY-PRIMA', to: '2023-12-31' });
    expect(l.asked.from).toBeUndefined();
    expect(l.problems).toEqual([{ kind: 'invalidDate', param: 'cfrom', value: '2023-13-01' }]);
  });

  it('with an unknown kind, outcome or contrast names each', () => {
    const l = link('ck=team&cv=X&cfrom=2023-01-01&cto=2023-12-31&cout=speed&cc=all');
    expect(l.problems).toEqual([
      { kind: 'unknownValue', param: 'ck', value: 'team' },
      { kind: 'unknownValue', param: 'cout', value: 'speed' },
      { kind: 'unknownValue', param: 'cc', value: 'all' },
    ]);
    expect(l.asked).toMatchObject({ value: 'X', from: '2023-01-01', to: '2023-12-31' });
  });
});

describe('calendar days', () => {
  it('accepts real days only', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-12-31')).toBe(true);
    for (const bad of ['2023-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '2023-1-01', '20230101', ''])
      expect(isCalendarDay(bad), bad).toBe(false);
  });
});

describe('link faults in words', () => {
  const id = translator('id');
  const en = translator('en');
  it('name the form field, as the API errors do', () => {
    expect(describeLinkProblem({ kind: 'rangeReversed', from: '2023-12-31', to: '2023-01-01' }, id)).toBe(
      '“Jendela pelatihan mulai” (2023-12-31) jatuh sesudah “Jendela pelatihan selesai” (2023-01-01): tukar keduanya.',
    );
    expect(describeLinkProblem({ kind: 'windowOutOfRange', value: '0' }, id)).toBe(
      '“Panjang jendela (bulan)” harus antara 1 dan 36. Di tautan: “0”.',
    );
    expect(describeLinkProblem({ kind: 'missing', param: 'cto' }, en)).toBe(
      '“Training window end” is missing from the link.',
    );
    expect(describeLinkProblem({ kind: 'invalidDate', param: 'cfrom', value: '2023-13-01' }, id)).toBe(
      '“Jendela pelatihan mulai” di tautan (2023-13-01) bukan tanggal kalender TTTT-BB-HH.',
    );
    const cut = {
      kind: 'notAligned',
      param: 'cto',
      value: '2024-02-10',
      earlier: '2024-01-31',
      later: '2024-02-29',
    } as const;
    expect(describeLinkProblem(cut, id)).toBe(
      '“Jendela pelatihan selesai” di tautan (2024-02-10) memotong satu bulan: jendela analisis memakai bulan penuh, gunakan 2024-01-31 atau 2024-02-29.',
    );
    expect(describeLinkProblem(cut, en)).toBe(
      '“Training window end” in the link (2024-02-10) cuts a month: analysis windows are whole months, use 2024-01-31 or 2024-02-29.',
    );
  });
});
