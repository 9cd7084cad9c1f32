import { describe, expect, it } from 'vitest';
import { cellText, suppressedCount, tableToCsv, totalN } from '../charts/chart-table.ts';
import { NO_KEYS } from '../graphql/testing/no-keys.ts';
import type { LearningRow, ReactionRow } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import { learningByMethodTable, reactionByMethodTable } from './kirkpatrick-tables.ts';

const id = translator('id');
const en = translator('en');
const meta = (method: string | null, n: number | null) => ({
  keys: { ...NO_KEYS, method },
  period: null,
  isTotal: method === null,
  n,
  pctOfTotal: null,
  suppressed: false,
  samePeriodLastYear: null,
});

const reaction = (method: string | null, over: Partial<ReactionRow> = {}): ReactionRow => ({
  ...meta(method, 30),
  completed: 40,
  respondents: 30,
  responseRate: 0.75,
  mean: 4,
  relevance: 4,
  satisfaction: 4,
  facilitator: 4,
  intentToApply: 4,
  ...over,
});
/** A method hidden by disclosure control: n and every measure null (the API says not why). */
const hiddenReaction = (method: string): ReactionRow => ({
  ...reaction(method),
  n: null,
  completed: null,
  respondents: null,
  responseRate: null,
  mean: null,
  relevance: null,
  satisfaction: null,
  facilitator: null,
  intentToApply: null,
  suppressed: true,
});

const learning = (method: string | null, over: Partial<LearningRow> = {}): LearningRow => ({
  ...meta(method, 40),
  learners: 40,
  meanPre: 55,
  meanPost: 65,
  meanGain: 10,
  medianGain: 9,
  normalizedGain: 0.2,
  ...over,
});

describe('L1 reaction by method', () => {
  const result = {
    minN: 5,
    rows: [
      reaction('classroom', { mean: 3.89, responseRate: 0.774 }),
      hiddenReaction('coaching'),
      reaction('workshop', { mean: 4.07, relevance: 4.05, n: 953, respondents: 953, completed: 1268 }),
      reaction(null, { mean: 3.95, n: 1000 }),
    ],
  };

  it('has one row per method, labelled, ranked by the mean rating; the total row left out', () => {
    const table = reactionByMethodTable(result, id);
    expect(table?.columns.map((c) => c.label)).toEqual([
      'Metode',
      'Penilaian rata-rata',
      'Tingkat respons',
      'Peserta selesai',
      'Relevansi',
      'Kepuasan',
      'Fasilitator',
      'Niat menerapkan',
    ]);
    expect(table?.columns.map((c) => c.kind)).toEqual([
      'text',
      'rating',
      'fraction',
      'count',
      'rating',
      'rating',
      'rating',
      'rating',
    ]);
    expect(table?.rows.map((r) => r.values.group)).toEqual(['Lokakarya', 'Klasikal', 'Coaching']);
    expect(table?.rows[0]?.values).toMatchObject({ mean: 4.07, relevance: 4.05, completed: 1268 });
    expect(table?.minN).toBe(5);
    expect(reactionByMethodTable(result, en)?.rows.map((r) => r.values.group)).toEqual([
      'Workshop',
      'Classroom',
      'Coaching',
    ]);
  });

  it('keeps a hidden method as a hidden row, last, without figures in the CSV', () => {
    const table = reactionByMethodTable(result, id);
    const hidden = table?.rows.at(-1);
    expect(hidden).toMatchObject({ suppressed: true, n: null });
    // The API names no reason for a hidden metric row, so the table claims none.
    expect(hidden?.suppressionReason).toBeUndefined();
    expect(table && suppressedCount(table)).toBe(1);
    // n over the shown methods (respondents).
    expect(table && totalN(table)).toBe(983);
    const csv = table
      ? tableToCsv(table, 'S1')
          .replace(/^\uFEFF/, '')
          .split('\r\n')
      : [];
    expect(csv[0]).toBe(
      'Metode,Penilaian rata-rata (1-5),Tingkat respons (0-1),Peserta selesai,Relevansi (1-5),Kepuasan (1-5),Fasilitator (1-5),Niat menerapkan (1-5),n,suppressed,suppression_reason,snapshot',
    );
    expect(csv[1]).toBe('Lokakarya,4.07,0.75,1268,4.05,4,4,4,953,false,,S1');
    expect(csv[3]).toBe('Coaching,,,,,,,,,true,,S1');
  });

  it('writes ratings on the 1–5 scale, not as percents', () => {
    const table = reactionByMethodTable(result, id);
    const [, mean, rate] = table?.columns ?? [];
    expect(mean && cellText(mean, 4.0654, 'id')).toBe('4,07');
    expect(rate && cellText(rate, 0.774, 'id')).toBe('77,4%');
  });

  it('is null before the data, or when the level failed (null at its path)', () => {
    expect(reactionByMethodTable(undefined, id)).toBeNull();
    expect(reactionByMethodTable(null, id)).toBeNull();
  });
});

describe('L2 learning by method', () => {
  const result = {
    minN: 5,
    rows: [
      learning('seminar', { meanPre: 55.03, meanPost: 59.74, meanGain: 4.7, medianGain: 5 }),
      learning('e_learning', { meanPre: 54.9, meanPost: 62.9, meanGain: 8.0, medianGain: 8, n: 3635 }),
      {
        ...learning('coaching'),
        n: null,
        learners: null,
        meanPre: null,
        meanPost: null,
        meanGain: null,
        medianGain: null,
        suppressed: true,
      },
      learning('workshop', { meanPre: 60, meanPost: 58.5, meanGain: -1.5, medianGain: -0.04 }),
      learning(null, { n: 5000 }),
    ],
  };

  it('has pre and post score, the gains and learners per method, ranked by the mean gain', () => {
    const table = learningByMethodTable(result, id, 'id');
    expect(table?.columns.map((c) => [c.key, c.label, c.kind])).toEqual([
      ['group', 'Metode', 'text'],
      ['meanPre', 'Nilai sebelum', 'score100'],
      ['meanPost', 'Nilai sesudah', 'score100'],
      ['meanGain', 'Kenaikan rata-rata (poin)', 'score'],
      ['medianGain', 'Kenaikan median (poin)', 'score'],
      ['learners', 'Peserta dengan kedua nilai', 'count'],
      ['normalizedGain', 'Kenaikan ternormalisasi', 'fraction'],
    ]);
    expect(table?.rows[0]?.values.normalizedGain).toBe(0.2);
    expect(table?.rows.map((r) => r.values.group)).toEqual([
      'E-learning',
      'Seminar',
      'Lokakarya',
      'Coaching',
    ]);
    expect(table?.rows.at(-1)).toMatchObject({ suppressed: true, n: null });
  });

  it('writes gains signed with the typographic minus on screen, raw in the CSV', () => {
    const table = learningByMethodTable(result, id, 'id');
    const gain = table?.columns.find((c) => c.key === 'meanGain');
    const median = table?.columns.find((c) => c.key === 'medianGain');
    expect(gain && cellText(gain, 8, 'id')).toBe('+8,0');
    expect(gain && cellText(gain, -1.5, 'id')).toBe('−1,5');
    // A change that rounds to zero is 0, never −0,0.
    expect(median && cellText(median, -0.04, 'id')).toBe('0,0');
    const pre = table?.columns.find((c) => c.key === 'meanPre');
    expect(pre && cellText(pre, 54.9, 'id')).toBe('54,9');
    const csv = table
      ? tableToCsv(table, null)
          .replace(/^\uFEFF/, '')
          .split('\r\n')
      : [];
    expect(csv[0]).toBe(
      'Metode,Nilai sebelum (0-100),Nilai sesudah (0-100),Kenaikan rata-rata (poin),Kenaikan median (poin),Peserta dengan kedua nilai,Kenaikan ternormalisasi (0-1),n,suppressed,suppression_reason,snapshot',
    );
    expect(csv[3]).toBe('Lokakarya,60,58.5,-1.5,-0.04,40,0.2,40,false,,');
    expect(csv[4]).toBe('Coaching,,,,,,,,true,,');
    const normalized = table?.columns.find((c) => c.key === 'normalizedGain');
    expect(normalized && cellText(normalized, 0.2, 'id')).toBe('20,0%');
  });

  it('labels in English', () => {
    const table = learningByMethodTable(result, en, 'en');
    expect(table?.columns.map((c) => c.label)).toEqual([
      'Method',
      'Score before',
      'Score after',
      'Mean gain (points)',
      'Median gain (points)',
      'Learners with both scores',
      'Normalised gain',
    ]);
  });
});
